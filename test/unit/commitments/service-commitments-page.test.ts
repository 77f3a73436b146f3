import type { PublishedServiceCommitments } from '../../../api/commitments/schemas';
import { escapeHtml, prefersHtml, renderServiceCommitmentsPage } from '../../../api/commitments/page';
import { HolidayCalendar } from '../../../domain/holiday-calendar';
import { publishedCalendarNotices } from '../../../domain/service-commitment-text';
import { buildOfflineApp, testConfig } from '../../helpers/offline-app';

describe('GET /service-commitments as a page (T/QGCML 3125 §4.7 "published prominently")', () => {
  it.each([
    ['a browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['HTML named first at equal weight', 'text/html, application/json', true],
    ['no Accept header', undefined, false],
    ['*/*', '*/*', false],
    ['application/json', 'application/json', false],
    ['JSON weighed above HTML', 'application/json, text/html;q=0.5', false],
    ['HTML refused', 'text/html;q=0, */*', false],
    ['a malformed weight', 'text/html;q=abc', false],
  ])('negotiates for %s', (_, accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });

  it('escapes every interpolated value', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
    const term = { duration: 'PT8H', description: '<b>1 working day</b>', label: 'Order <i>', clause: '§4.7' };
    const published = {
      version: 7,
      effectiveFrom: '2026-11-24T00:00:00.000Z',
      calendar: { kind: '5x8', description: 'Mon–Fri & <holidays>' },
      terms: new Proxy({}, { get: () => term }),
      notices: ['no data for <2027>'],
    } as unknown as PublishedServiceCommitments;

    const page = renderServiceCommitmentsPage(published);
    expect(page).toContain('&lt;b&gt;1 working day&lt;/b&gt;');
    expect(page).toContain('Mon–Fri &amp; &lt;holidays&gt;');
    expect(page).toContain('no data for &lt;2027&gt;');
    expect(page).not.toMatch(/<b>|<i>|<holidays>|<script/);
  });
});

describe('holiday-data notice at start-up (issue 3 §4: a year without data says so in the logs)', () => {
  it('logs each missing year of the current and next at warn level, once, when the app is ready', async () => {
    const lines: Array<{ level: number; msg: string; notice?: string }> = [];
    const app = await buildOfflineApp(testConfig({ LOG_LEVEL: 'warn' }), {
      write: (line: string) => lines.push(JSON.parse(line)),
    });
    await app.ready();
    await app.close();

    // Postgres is down, so the app can only tell from the package's years.
    const expected = publishedCalendarNotices(new Date(), '5x8', HolidayCalendar.packageOnly());
    const logged = lines.filter((line) => line.msg.startsWith('service calendar:'));
    expect(logged.map((line) => line.notice)).toEqual(expected);
    for (const line of logged) expect(line.level).toBe(40);
  });
});
