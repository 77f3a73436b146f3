import { escapeHtml } from '../commitments/page';

/**
 * The frame of every public disclosure page: plain HTML, no scripts, every value escaped,
 * and a navigation bar linking the pages to each other (T/QGCML 3125 §4.5: disclosed on
 * dedicated pages a storefront links to).
 */
export const disclosureLinks = [
  { href: '/disclosures', label: 'Overview' },
  { href: '/disclosures/platform', label: 'About the platform' },
  { href: '/service-commitments', label: 'Service commitments' },
  { href: '/disclosures/merchants', label: 'Merchant qualifications' },
  { href: '/disclosures/terms', label: 'Terms of sale' },
  { href: '/disclosures/privacy', label: 'Privacy notice' },
] as const;

const style = [
  'body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;line-height:1.5;background:#f7f8fa}',
  'header{background:#1f3a5f;color:#fff;padding:.8rem 1.5rem}header a{color:#fff}',
  'nav{display:flex;flex-wrap:wrap;gap:1rem;margin-top:.4rem}nav a{text-decoration:none;opacity:.85}nav a[aria-current]{opacity:1;font-weight:600;border-bottom:2px solid #fff}',
  'main{max-width:62rem;margin:1.5rem auto;padding:0 1.5rem 2rem;background:#fff;border-radius:6px;box-shadow:0 1px 3px #0002}',
  'h1{margin-top:0;padding-top:1.2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}',
  'th,td{border-bottom:1px solid #d8dce3;padding:.45rem;text-align:left;vertical-align:top}thead th{background:#eef1f5}',
  '.muted{color:#5b6475}.clause{color:#5b6475;font-size:.85em}code{background:#eef1f5;padding:0 .25em;border-radius:3px}',
].join('');

export function renderDisclosurePage(input: {
  title: string;
  path: string;
  platformName: string;
  body: string;
}): string {
  const nav = disclosureLinks
    .map(
      (link) =>
        `<a href="${link.href}"${link.href === input.path ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(input.title)} · ${escapeHtml(input.platformName)}</title>
  <style>${style}</style>
</head>
<body>
  <header><strong>${escapeHtml(input.platformName)}</strong><nav aria-label="Disclosures">${nav}</nav></header>
  <main>
    <h1>${escapeHtml(input.title)}</h1>
${input.body}
    <p class="muted">Machine-readable: request this address with <code>Accept: application/json</code>.</p>
  </main>
</body>
</html>
`;
}
