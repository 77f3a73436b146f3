// The console's charts (T/QGCML 3125 §4.3, §8.2.3, §8.4), drawn with Chart.js from the
// page's own data (<script type="application/json" id="console-data">). Loaded as a
// same-origin file: the CSP allows no inline script.
(function () {
  'use strict';
  const source = document.getElementById('console-data');
  if (!source || typeof Chart === 'undefined') return;
  const data = JSON.parse(source.textContent || '{}');
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';

  function text(tag, content, attributes) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    return node;
  }

  function temporalUrl(workflowId) {
    return data.temporal + encodeURIComponent(workflowId);
  }

  function scorecard() {
    const days = [...new Set(data.points.map((point) => point.from))];
    const datasets = data.obligations.map((obligation, index) => ({
      label: obligation.replaceAll('_', ' '),
      obligation,
      data: days.map((day) => {
        const point = data.points.find((p) => p.from === day && p.obligation === obligation);
        return point && point.onTimeRate !== null ? Math.round(point.onTimeRate * 1000) / 10 : null;
      }),
      borderColor: palette[index % palette.length],
      backgroundColor: palette[index % palette.length],
      spanGaps: true,
      pointRadius: 4,
    }));
    const chart = new Chart(document.getElementById('sla-chart'), {
      type: 'line',
      data: { labels: days.map((day) => day.slice(0, 10)), datasets },
      options: {
        scales: {
          x: { offset: true },
          y: { min: 0, max: 100, title: { display: true, text: 'on time (%)' } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              afterLabel(item) {
                const point = data.points.find(
                  (p) => p.from === days[item.dataIndex] && p.obligation === datasets[item.datasetIndex].obligation,
                );
                return point ? `${point.due - point.breached} of ${point.due} on time, ${point.breached} breached` : '';
              },
            },
          },
        },
        onClick(_event, elements) {
          const element = elements[0];
          if (element) showBreaches(days[element.index], datasets[element.datasetIndex].obligation);
        },
      },
    });
    return chart;
  }

  function showBreaches(day, obligation) {
    const target = document.getElementById('sla-breaches');
    const point = data.points.find((p) => p.from === day && p.obligation === obligation);
    target.replaceChildren();
    target.append(
      text('h3', `${obligation.replaceAll('_', ' ')} from ${day.slice(0, 10)}: ${point ? point.breached : 0} breached`),
    );
    const list = text('ul');
    (point ? point.breaches : []).forEach((breach) => {
      // The report names each breach's process (order, handover, return or complaint).
      const workflowId = breach.workflowId;
      const item = text('li', `${breach.party} ${breach.partyId}: due ${breach.dueAt} — `);
      item.append(text('a', workflowId, { href: temporalUrl(workflowId), target: '_blank', rel: 'noopener' }));
      list.append(item);
    });
    target.append(list);
  }

  function queues() {
    const bands = [
      { label: 'overdue', color: '#b3261e', test: (s) => s !== null && s < 0 },
      { label: 'due within 4 h', color: '#ff7f0e', test: (s) => s !== null && s >= 0 && s < 4 * 3600 },
      { label: 'due within 24 h', color: '#e6c229', test: (s) => s !== null && s >= 4 * 3600 && s < 86400 },
      { label: 'later', color: '#2ca02c', test: (s) => s !== null && s >= 86400 },
      { label: 'no deadline', color: '#9aa3af', test: (s) => s === null },
    ];
    data.queues.filter((queue) => queue.ageing).forEach(ageing);
    return new Chart(document.getElementById('queue-chart'), {
      type: 'bar',
      data: {
        labels: data.queues.map((queue) => queue.label),
        datasets: bands.map((band) => ({
          label: band.label,
          backgroundColor: band.color,
          data: data.queues.map((queue) => queue.left.filter(band.test).length),
        })),
      },
      options: {
        indexAxis: 'y',
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
      },
    });
  }

  // §4.8: overdue recovery claims per bucket of days past their due date.
  function ageing(queue) {
    const canvas = document.getElementById('ageing-chart-' + queue.id);
    if (!canvas) return;
    const buckets = Object.keys(queue.ageing);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: buckets.map((bucket) => bucket + ' days overdue'),
        datasets: [
          {
            label: 'claims',
            backgroundColor: ['#e6c229', '#ff7f0e', '#d62728', '#7f1d1d'],
            data: buckets.map((bucket) => queue.ageing[bucket]),
          },
        ],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } },
    });
  }

  function ops() {
    const labels = data.backups.map((b) => b.at.slice(0, 16).replace('T', ' '));
    new Chart(document.getElementById('backup-chart'), {
      type: 'bar',
      data: {
        labels,
        datasets: [1, 2].map((repo, index) => ({
          label: `repo${repo} (${repo === 1 ? 'local' : 'off-site'})`,
          backgroundColor: data.backups.map((b) => (b.verified ? palette[index] : '#b3261e')),
          data: data.backups.map((b) => (b.repo === repo && b.sizeBytes !== null ? b.sizeBytes / 1048576 : null)),
        })),
      },
      options: {
        scales: { y: { title: { display: true, text: 'size (MB); red: not verified' } } },
        plugins: {
          tooltip: {
            callbacks: {
              afterLabel: (item) => {
                const backup = data.backups[item.dataIndex];
                return `${backup.type} backup, ${backup.verified ? 'verified' : backup.status}`;
              },
            },
          },
        },
      },
    });
    new Chart(document.getElementById('drill-chart'), {
      type: 'bar',
      data: {
        labels: data.drills.map((d) => `${d.at.slice(0, 16).replace('T', ' ')} ${d.scenario}`),
        datasets: [
          {
            label: 'RTO, % of its limit (1 h general, 12 h severe)',
            backgroundColor: data.drills.map((d) => (d.status === 'passed' ? '#2ca02c' : '#b3261e')),
            data: data.drills.map((d) => (d.rtoSeconds === null ? 0 : (100 * d.rtoSeconds) / d.rtoLimitSeconds)),
          },
          {
            type: 'line',
            label: 'limit',
            borderColor: '#1d2330',
            borderDash: [6, 4],
            pointRadius: 0,
            data: data.drills.map(() => 100),
          },
        ],
      },
      options: { scales: { y: { min: 0, suggestedMax: 110, title: { display: true, text: '% of the RTO limit' } } } },
    });
  }

  const draw = { scorecard, queues, ops }[data.kind];
  if (draw) draw();
})();
