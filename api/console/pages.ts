import { escapeHtml as e } from '../commitments/page';
import type { auditChainState, backupRows, drillRows } from '../reports/ops-report';
import type { slaTrend } from '../reports/sla-trend';
import type { listWorkQueues } from '../reports/work-queues';

// The bodies of the console's pages: tables a person can read, and the canvases that
// /console/assets/console.js draws from the page's data.

type Link = (workflowId: string) => string;

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);
const temporalLink = (link: Link, workflowId: string, text = workflowId) =>
  `<a href="${e(link(workflowId))}" target="_blank" rel="noopener" data-temporal>${e(text)}</a>`;

function exports(path: string, query: string): string {
  return `<p class="exports muted">This data: <a href="${e(`${path}?${query}`)}">JSON</a><a href="${e(`${path}?${query}&format=csv`)}">CSV</a></p>`;
}

export function scorecardsBody(input: {
  query: { from: string; to: string; bucket: string; party: string; partyId: string };
  trend: Awaited<ReturnType<typeof slaTrend>>;
  link: Link;
}): string {
  const q = input.query;
  const option = (value: string, current: string) =>
    `<option value="${value}"${value === current ? ' selected' : ''}>${value}</option>`;
  const rows = input.trend.points
    .filter((point) => point.due > 0)
    .map((point) => {
      const breaches = point.breaches
        .map((b) => temporalLink(input.link, b.workflowId, b.subjectId.slice(0, 8)))
        .join(' ');
      return `<tr><td>${e(point.from.slice(0, 10))}</td><td>${e(point.obligation)}</td><td class="num">${point.due}</td><td class="num">${point.breached}</td><td class="num ${point.breached ? 'bad' : 'ok'}">${percent(point.onTimeRate)}</td><td>${breaches}</td></tr>`;
    })
    .join('');
  const query = new URLSearchParams({
    from: q.from,
    to: q.to,
    bucket: q.bucket,
    party: q.party,
    ...(q.partyId ? { partyId: q.partyId } : {}),
  });
  return `    <div class="card"><form class="filters" method="get" action="/console/scorecards">
      <label>Scorecard of<select name="party">${['platform', 'merchant', 'carrier'].map((p) => option(p, q.party)).join('')}</select></label>
      <label>Merchant or carrier id<input name="partyId" value="${e(q.partyId)}" size="38"></label>
      <label>From<input name="from" value="${e(q.from)}" size="26"></label>
      <label>To<input name="to" value="${e(q.to)}" size="26"></label>
      <label>Per<select name="bucket">${['day', 'week'].map((b) => option(b, q.bucket)).join('')}</select></label>
      <button class="primary" type="submit">Show</button></form></div>
    <div class="card"><h2>On-time rate per obligation (T/QGCML 3125 §4.7, §4.8, §6.1, §6.4)</h2>
      <div class="chart"><canvas id="sla-chart" aria-label="On-time rate over time" role="img"></canvas></div>
      <p class="muted">Click a point to list the breaches behind it.</p><div id="sla-breaches"></div>
      ${exports('/reports/sla/trend', query.toString())}</div>
    <div class="card"><h2>Figures behind the chart</h2>
      <table id="sla-table"><thead><tr><th>From</th><th>Obligation</th><th class="num">Due</th><th class="num">Breached</th><th class="num">On time</th><th>Breaches (open in Temporal)</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="6" class="muted">Nothing was due in this period.</td></tr>'}</tbody></table></div>`;
}

function timeLeft(seconds: number | null): string {
  if (seconds === null) return '—';
  const abs = Math.abs(seconds);
  const text =
    abs >= 86_400
      ? `${(abs / 86_400).toFixed(1)} d`
      : abs >= 3600
        ? `${(abs / 3600).toFixed(1)} h`
        : `${Math.round(abs / 60)} min`;
  return seconds < 0 ? `<span class="overdue">overdue ${text}</span>` : text;
}

/** §4.8: how long the overdue recovery claims are past due, drawn by console.js from the queue's `ageing`. */
const ageingChart = (queueId: string) =>
  `<div class="chart"><canvas id="ageing-chart-${e(queueId)}" data-ageing="${e(queueId)}" role="img" aria-label="Overdue claims by days overdue"></canvas></div>
      `;

export function queuesBody(input: { queues: Awaited<ReturnType<typeof listWorkQueues>>; link: Link }): string {
  const cards = input.queues
    .map((queue) => {
      const rows = queue.items
        .map(
          (item) =>
            `<tr><td>${temporalLink(input.link, item.workflowId)}</td><td><a href="${e(item.resource)}" data-resource>${e(item.resource)}</a></td><td>${e(item.state)}</td><td>${e(item.merchantId ?? '—')}</td><td>${e(item.carrierId ?? '—')}</td><td>${e(item.dueAt ?? '—')}</td><td class="num">${timeLeft(item.secondsLeft)}</td></tr>`,
        )
        .join('');
      return `    <div class="card" id="queue-${e(queue.id)}"><h2>${e(queue.label)} <span class="muted">(${queue.items.length}; T/QGCML 3125 ${e(queue.clause)})</span></h2>
      ${queue.ageing ? ageingChart(queue.id) : ''}<table><thead><tr><th>Process (Temporal UI)</th><th>Record (API)</th><th>State</th><th>Merchant</th><th>Carrier</th><th>Due</th><th class="num">Time left</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="7" class="muted">Nothing waiting.</td></tr>'}</tbody></table></div>`;
    })
    .join('\n');
  return `    <div class="card"><h2>Time left, per queue</h2><div class="chart"><canvas id="queue-chart" role="img" aria-label="Waiting work by time left"></canvas></div>
      ${exports('/reports/work-queues', 'format=json')}</div>\n${cards}`;
}

export function opsBody(input: {
  backups: Awaited<ReturnType<typeof backupRows>>;
  drills: Awaited<ReturnType<typeof drillRows>>;
  chain: Awaited<ReturnType<typeof auditChainState>>;
  link: Link;
  query: string;
}): string {
  const mb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1_048_576).toFixed(1)} MB`);
  const backupRowsHtml = [...input.backups]
    .reverse()
    .map(
      (b) =>
        `<tr><td>${e(b.at.slice(0, 19).replace('T', ' '))}</td><td>${e(b.type)}</td><td>repo${b.repo}</td><td class="num">${mb(b.sizeBytes)}</td><td class="${b.verified ? 'ok' : 'bad'}">${b.verified ? 'verified' : e(b.status === 'failed' ? `failed: ${b.error ?? ''}` : 'not verified')}</td><td>${temporalLink(input.link, b.workflowId, 'open')}</td></tr>`,
    )
    .join('');
  const drillRowsHtml = [...input.drills]
    .reverse()
    .map((d) => {
      const rto = d.rtoSeconds === null ? '—' : `${Math.round(d.rtoSeconds)} s of ${d.rtoLimitSeconds / 3600} h`;
      return `<tr><td>${e(d.at.slice(0, 19).replace('T', ' '))}</td><td>${e(d.scenario)}</td><td class="${d.status === 'passed' ? 'ok' : d.status === 'failed' ? 'bad' : ''}">${e(d.status)}</td><td class="num">${rto}</td><td class="num">${d.rpoSeconds === null ? '—' : `${Math.round(d.rpoSeconds)} s`}</td><td class="num">${percent(d.completeness)} (≥ ${percent(d.completenessLimit)})</td><td>${temporalLink(input.link, d.workflowId, 'open')}</td></tr>`;
    })
    .join('');
  const chain = input.chain.intact
    ? `<p class="ok" id="audit-chain">Intact: ${input.chain.eventsChecked} events verified${input.chain.head ? `, head #${input.chain.head.seq}` : ''}.</p>`
    : `<p class="bad" id="audit-chain">Broken at event #${input.chain.firstBrokenSeq}: ${e(input.chain.reason ?? '')}</p>`;
  return `    <div class="grid">
    <div class="card"><h2>Backups over time (§8.4)</h2><div class="chart"><canvas id="backup-chart" role="img" aria-label="Backup sizes over time"></canvas></div>
      ${exports('/reports/backups', input.query)}</div>
    <div class="card"><h2>Drills: RTO against the limit (§8.2.3)</h2><div class="chart"><canvas id="drill-chart" role="img" aria-label="Drill recovery times"></canvas></div>
      ${exports('/reports/recovery-drills', input.query)}</div>
    </div>
    <div class="card"><h2>Audit chain (§8.3.5)</h2>${chain}<p class="muted">checked ${e(input.chain.checkedAt)}</p></div>
    <div class="card"><h2>Recovery drills</h2><table><thead><tr><th>Started</th><th>Scenario</th><th>Result</th><th class="num">RTO (limit)</th><th class="num">RPO</th><th class="num">Completeness (limit)</th><th>Process</th></tr></thead>
      <tbody>${drillRowsHtml || '<tr><td colspan="7" class="muted">No drill in this period.</td></tr>'}</tbody></table></div>
    <div class="card"><h2>Backups</h2><table><thead><tr><th>Finished</th><th>Type</th><th>Repository</th><th class="num">Size</th><th>Verified</th><th>Process</th></tr></thead>
      <tbody>${backupRowsHtml || '<tr><td colspan="6" class="muted">No backup in this period.</td></tr>'}</tbody></table></div>`;
}
