import { escapeHtml as e } from '../commitments/page';
import { disclosureLinks, renderDisclosurePage } from './layout';
import type { merchantQualificationsView, platformView, privacyView, termsView } from './views';

// The HTML of each disclosure page, from the same data as its JSON answer.

type Page = { title: string; path: string; body: string };

export function overviewPage(): Page {
  const items = disclosureLinks
    .filter((link) => link.href !== '/disclosures')
    .map((link) => `<li><a href="${link.href}">${e(link.label)}</a></li>`)
    .join('');
  return {
    title: 'What we disclose',
    path: '/disclosures',
    body: `    <p>Everything the platform publishes about itself, its merchants and your data (T/QGCML 3125 §4.5, §7.2).</p>\n    <ul>${items}</ul>`,
  };
}

export function platformPage(view: ReturnType<typeof platformView>): Page {
  const licences = view.licences
    .map(
      (l) =>
        `<tr><td>${e(l.type)}</td><td><code>${e(l.number)}</code></td><td>${e(l.issuer)}</td><td>${e(l.validUntil ?? '—')}</td></tr>`,
    )
    .join('');
  return {
    title: 'About the platform',
    path: '/disclosures/platform',
    body: `    <p><strong>${e(view.name)}</strong> is run by ${e(view.operator)}. Contact: <a href="mailto:${e(view.contactEmail)}">${e(view.contactEmail)}</a>.</p>
    <h2>Our licences <span class="clause">§4.1.2</span></h2>
    <table><thead><tr><th>Licence</th><th>Number</th><th>Issued by</th><th>Valid until</th></tr></thead><tbody>${licences}</tbody></table>
    <h2>Our services <span class="clause">§4.5</span></h2>
    <ul>${view.serviceContent.map((line) => `<li>${e(line)}</li>`).join('')}</ul>
    <p>The response times we commit to are on the <a href="${view.serviceCommitments}">service commitments</a> page (§4.7, §4.8).</p>`,
  };
}

export function merchantsPage(items: Array<ReturnType<typeof merchantQualificationsView>>): Page {
  const rows = items
    .map((m) => {
      const docs = m.qualifications
        .map(
          (q) =>
            `<tr><td>${e(q.type.replaceAll('_', ' '))}</td><td><code>${e(q.number)}</code></td><td>${e(q.issuer)}</td><td>${e(q.validUntil)}${q.valid ? '' : ' <strong>(expired)</strong>'}</td></tr>`,
        )
        .join('');
      return `    <section><h2 id="m-${e(m.id)}"><a href="/disclosures/merchants/${e(m.id)}">${e(m.name)}</a></h2>
    <p class="muted">Status: ${e(m.status)} · last reviewed ${e(m.lastReviewedAt.slice(0, 10))}</p>
    <table><thead><tr><th>Qualification</th><th>Number</th><th>Issued by</th><th>Valid until</th></tr></thead><tbody>${docs}</tbody></table></section>`;
    })
    .join('\n');
  return {
    title: 'Merchant qualifications',
    path: '/disclosures/merchants',
    body: `    <p>Every merchant's documents as our staff reviewed and filed them (T/QGCML 3125 §4.4, §4.5). Identity documents show only their last four characters.</p>\n${rows || '    <p>No merchants yet.</p>'}`,
  };
}

export function termsPage(view: ReturnType<typeof termsView>): Page {
  const sections = view.sections.map((s) => `    <h2>${e(s.heading)}</h2>\n    <p>${e(s.text)}</p>`).join('\n');
  const versions = view.versions
    .map((v) => `<a href="/disclosures/terms?version=${e(v.version)}">${e(v.version)}</a>`)
    .join(', ');
  return {
    title: 'Terms of sale',
    path: '/disclosures/terms',
    body: `    <p>Version <strong>${e(view.version)}</strong>, in force from ${e(view.effectiveFrom)}${view.current ? ' (current)' : ''}. Placing an order confirms these terms; the order records their version (§7.2.5). All versions: ${versions}.</p>\n${sections}`,
  };
}

export function privacyPage(view: ReturnType<typeof privacyView>): Page {
  const sections = view.sections
    .map((s) => `    <h2>${e(s.heading)} <span class="clause">${e(s.clause)}</span></h2>\n    <p>${e(s.text)}</p>`)
    .join('\n');
  const choices = view.choices
    .map(
      (c) =>
        `<tr><td><code>${e(c.use)}</code></td><td>${e(c.label)}</td><td>${e(c.description)}</td><td>allowed unless you object</td></tr>`,
    )
    .join('');
  return {
    title: 'Privacy notice',
    path: '/disclosures/privacy',
    body: `    <p>Who collects your personal data: <strong>${e(view.controller.operator)}</strong>, running ${e(view.controller.name)}. Questions and requests: <a href="mailto:${e(view.controller.contact)}">${e(view.controller.contact)}</a>.</p>
${sections}
    <h2>Your choices <span class="clause">§7.2.3</span></h2>
    <p>Each optional use below is allowed unless you object (opt-out); you may object or withdraw your objection at any time: ${e(view.howToChoose)}</p>
    <table><thead><tr><th>Use</th><th>What</th><th>Details</th><th>Default</th></tr></thead><tbody>${choices}</tbody></table>`,
  };
}

export { renderDisclosurePage };
