import type { Principal } from '../../domain/principal';
import { escapeHtml as e } from '../commitments/page';

/** The console's pages and who sees them (T/QGCML 3125 §8.3.2: each role reaches only its data). */
export const consolePages = [
  { href: '/console/scorecards', label: 'SLA scorecards', roles: ['staff', 'auditor'] },
  { href: '/console/queues', label: 'Work queues', roles: ['staff', 'auditor'] },
  { href: '/console/ops', label: 'Backups & drills', roles: ['ops', 'auditor', 'staff'] },
] as const;

export type ConsolePath = (typeof consolePages)[number]['href'];

const style = [
  '*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f3f5f8;font-size:15px}',
  'header{background:#1f3a5f;color:#fff;display:flex;align-items:center;gap:1.5rem;padding:.6rem 1.5rem}',
  'header a{color:#dfe8f5;text-decoration:none}header a[aria-current]{color:#fff;font-weight:600;border-bottom:2px solid #fff}',
  'header nav{display:flex;gap:1.2rem}header .who{margin-left:auto;font-size:.9em;display:flex;gap:.8rem;align-items:center}',
  'header button{background:none;border:1px solid #dfe8f5;color:#fff;border-radius:4px;padding:.2rem .6rem;cursor:pointer}',
  'main{max-width:80rem;margin:1.2rem auto;padding:0 1.5rem}h1{font-size:1.4rem;margin:.4rem 0 1rem}',
  '.card{background:#fff;border-radius:6px;box-shadow:0 1px 3px #0002;padding:1rem 1.2rem;margin-bottom:1.2rem}',
  '.card h2{font-size:1.1rem;margin:0 0 .6rem}.chart{position:relative;height:300px}',
  'table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border-bottom:1px solid #e1e5eb;padding:.35rem .5rem;text-align:left}',
  'thead th{background:#eef1f5;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}',
  '.overdue{color:#b3261e;font-weight:600}.ok{color:#1b7f3b}.bad{color:#b3261e}.muted{color:#5b6475}',
  'form.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:end}form.filters label{display:flex;flex-direction:column;font-size:.85em;gap:.2rem}',
  'input,select{padding:.3rem;border:1px solid #b8c0cc;border-radius:4px}button.primary{background:#1f3a5f;color:#fff;border:0;border-radius:4px;padding:.45rem 1rem;cursor:pointer}',
  '.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1.2rem}.exports a{margin-right:.8rem}',
].join('');

export const consoleStyle = style;

/** One console page: the navigation for the user's role, the page, and its data for the charts. */
export function renderConsolePage(input: {
  title: string;
  path: ConsolePath;
  principal: Principal;
  body: string;
  /** Handed to /console/assets/console.js as JSON (never executed: CSP allows no inline script). */
  data?: unknown;
}): string {
  const nav = consolePages
    .filter((page) => (page.roles as readonly string[]).includes(input.principal.role))
    .map(
      (page) => `<a href="${page.href}"${page.href === input.path ? ' aria-current="page"' : ''}>${e(page.label)}</a>`,
    )
    .join('');
  const data =
    input.data === undefined
      ? ''
      : `<script type="application/json" id="console-data">${JSON.stringify(input.data).replace(/</g, '\\u003c')}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${e(input.title)} · StoreOps console</title>
  <link rel="icon" href="data:,">
  <style>${style}</style>
</head>
<body data-page="${e(input.path)}">
  <header><strong>StoreOps console</strong><nav aria-label="Console">${nav}</nav>
    <div class="who"><span>${e(input.principal.role)}</span>
      <form method="post" action="/console/logout"><button type="submit">Sign out</button></form></div></header>
  <main>
    <h1>${e(input.title)}</h1>
${input.body}
  </main>
  ${data}
  <script src="/console/assets/chart.umd.min.js"></script>
  <script src="/console/assets/console.js"></script>
</body>
</html>
`;
}

export function renderLoginPage(input: { error?: string; next?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in · StoreOps console</title>
  <link rel="icon" href="data:,">
  <style>${style}main{max-width:24rem;margin-top:4rem}label{display:block;margin:.6rem 0 .2rem}input{width:100%}</style>
</head>
<body>
  <header><strong>StoreOps console</strong></header>
  <main class="card">
    <h1>Sign in</h1>
    <p class="muted">For platform staff, ops and auditors. Accounts: <code>npm run user:create</code>.</p>
    ${input.error ? `<p class="bad" role="alert">${e(input.error)}</p>` : ''}
    <form method="post" action="/console/login">
      <input type="hidden" name="next" value="${e(input.next ?? '')}">
      <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>
      <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
      <p><button class="primary" type="submit">Sign in</button></p>
    </form>
  </main>
</body>
</html>
`;
}
