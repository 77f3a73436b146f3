import { serviceTerms } from '../../domain/service-commitments';
import type { PublishedServiceCommitments } from './schemas';

// The human-readable page of GET /service-commitments (T/QGCML 3125 §4.7: response times
// "published prominently"). Deliberately plain: no scripts, no external assets, every
// interpolated value escaped.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/**
 * Whether the client prefers HTML over JSON: `text/html` must be named explicitly and
 * weigh at least as much as JSON (browsers send `text/html,…,*\/*;q=0.8`); a client that
 * sends nothing, `*\/*` or `application/json` gets JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html') html = Math.max(html, q);
    if (type === 'application/json' || type === 'application/*' || type === '*/*') json = Math.max(json, q);
  }
  return html > 0 && html >= json;
}

export function renderServiceCommitmentsPage(published: PublishedServiceCommitments): string {
  const rows = serviceTerms
    .map((term) => {
      const { label, clause, duration, description } = published.terms[term];
      return `      <tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(description)}</td><td><code>${escapeHtml(duration)}</code></td><td>${escapeHtml(clause)}</td></tr>`;
    })
    .join('\n');
  const notices = published.notices.length
    ? `  <section class="notices"><h2>Notices</h2><ul>\n${published.notices.map((n) => `    <li>${escapeHtml(n)}</li>`).join('\n')}\n  </ul></section>\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Our service commitments</title>
  <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}.notices{background:#fff4d6;padding:.5rem 1rem}</style>
</head>
<body>
  <h1>Our service commitments</h1>
  <p>Version ${published.version}, in force since ${escapeHtml(published.effectiveFrom)}. Times count on this calendar: ${escapeHtml(published.calendar.description)}.</p>
${notices}  <table>
    <thead><tr><th scope="col">We promise</th><th scope="col">within</th><th scope="col">ISO-8601</th><th scope="col">T/QGCML 3125</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  <p>The statutory holidays and adjusted working days (调休) the calendar counts with, year by year: <a href="/service-calendar/years">/service-calendar/years</a>.</p>
  <p>Machine-readable: request this address with <code>Accept: application/json</code>.</p>
  <p><a href="/disclosures">All our disclosures</a>: the platform, merchants' qualifications, terms of sale, privacy notice.</p>
</body>
</html>
`;
}
