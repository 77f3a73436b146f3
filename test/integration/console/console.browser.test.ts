import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createStaffUser } from '../../../api/console/staff-accounts';
import { varDir } from '../../../config/paths';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { SlaBreach } from '../../../db/entities/sla-breach.entity';
import { collectBrowserErrors, hasChromium, launchChromium } from '../../helpers/browser';
import { openShop, placeOneItemOrder, signUpConsumer } from '../../helpers/order-fixtures';
import { newParties, seedComplaint, seedRecoveryClaim, seedReturn } from '../../helpers/return-complaint-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { daysFrom, hoursFrom } from '../../helpers/time';
import { bearer } from '../../helpers/tokens';

const screenshots = path.join(varDir, 'screenshots');

// The console in headless Chromium (Debian's package, driven by playwright-core), as
// staff use it (T/QGCML 3125 §4.3, §8.7, §4.5, §7.2): sign in, read a scorecard whose
// numbers are the API's, follow a process into the Temporal Web UI, open every public
// disclosure page; no errors in the browser's console anywhere.
(hasChromium ? describe : describe.skip)('the console and the disclosure pages in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  const email = `staff-${randomUUID().slice(0, 8)}@storeops.example`;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    stack = await startTestStack({ workers: [] });
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    await createStaffUser(stack.orm.em.fork(), { email, role: 'staff', password }, 'test');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('staff sign in and see a scorecard whose points are the SLA report’s, each breach linked to Temporal (§4.3, §8.7)', async () => {
    // One merchant, two orders due for confirmation in the period, one of them breached.
    const shop = await openShop(stack, { price: 1200, deliveryFee: 300, stock: 10 });
    const buyer = (await signUpConsumer(stack)).principal;
    const late = await placeOneItemOrder(stack, buyer, shop.productId);
    await placeOneItemOrder(stack, buyer, shop.productId);
    const em = stack.orm.em.fork();
    em.persist(
      new SlaBreach({
        party: 'merchant',
        partyId: shop.merchantId,
        obligation: 'order_confirmation',
        subjectId: late.id,
        dueAt: new Date(late.confirmBy),
        detectedAt: new Date(),
      }),
    );
    await em.flush();
    const from = daysFrom(new Date(), -1).toISOString();
    const to = daysFrom(new Date(), 6).toISOString();

    const page = await context.newPage();
    const errors = collectBrowserErrors(page);
    await page.goto(`${base}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.fill('#email', email);
    await page.fill('#password', 'not the password');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('wrong');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/console/scorecards');
    const cookie = (await context.cookies()).find((c) => c.name === 'storeops_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie!.expires * 1000).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 5_000);

    const query = new URLSearchParams({ party: 'merchant', partyId: shop.merchantId, from, to, bucket: 'week' });
    await page.goto(`${base}/console/scorecards?${query}`);
    const drawn = await page.evaluate(() => {
      const chart = (globalThis as unknown as { Chart: { getChart(id: string): { data: unknown } } }).Chart.getChart(
        'sla-chart',
      );
      return chart.data as { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> };
    });
    const report = await stack.app.inject({
      method: 'GET',
      url: `/reports/sla?${new URLSearchParams({ from, to })}`,
      headers: bearer(stack.config, 'staff'),
    });
    const merchantLine = report.json().merchants.find((m: { merchantId: string }) => m.merchantId === shop.merchantId);
    expect(merchantLine.order_confirmation).toEqual({ due: 2, breached: 1, onTimeRate: 0.5 });
    const confirmation = drawn.datasets.find((dataset) => dataset.label === 'order confirmation');
    expect(confirmation?.data).toEqual([merchantLine.order_confirmation.onTimeRate * 100]);
    await page.screenshot({ path: path.join(screenshots, 'console-scorecard.png'), fullPage: true });

    // The breach behind the point opens the order's process in the Temporal Web UI.
    const link = page.locator(`#sla-table a[data-temporal]`).first();
    const href = await link.getAttribute('href');
    expect(href).toBe(
      `${stack.config.TEMPORAL_UI_URL}/namespaces/${stack.config.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(`order:${late.id}`)}`,
    );
    const temporalPage = await context.newPage();
    const response = await temporalPage.goto(href!);
    expect(response?.ok()).toBe(true);
    await temporalPage.waitForSelector(`text=order:${late.id}`, { timeout: 30_000 });
    await temporalPage.screenshot({ path: path.join(screenshots, 'temporal-ui-order.png') });
    await temporalPage.close();

    await page.goto(`${base}/console/queues`);
    expect(await page.textContent('#queue-orders-awaiting-confirmation')).toContain(`order:${late.id}`);
    await page.screenshot({ path: path.join(screenshots, 'console-queues.png'), fullPage: true });
    await page.goto(`${base}/console/ops`);
    expect(await page.textContent('#audit-chain')).toContain('Intact');
    await page.screenshot({ path: path.join(screenshots, 'console-ops.png'), fullPage: true });

    const logins = await stack.orm.em.fork().find(AuditEvent, { action: 'console.login' }, { orderBy: { seq: 'asc' } });
    expect(logins.slice(-2).map((event) => event.outcome)).toEqual(['failure', 'success']);
    expect(errors).toEqual([]);
  });

  it('staff see the queues of returns, complaints, refunds and claims with rows and the ageing chart, and their breaches on the scorecards (§4.8, §6.4)', async () => {
    const now = new Date();
    const parties = newParties();
    const decision = await seedReturn(stack.orm, parties, { status: 'requested', approveBy: hoursFrom(now, -1) });
    await seedReturn(stack.orm, parties, { status: 'received', receivedAt: hoursFrom(now, -2) });
    const refund = await seedReturn(stack.orm, parties, { status: 'refund_pending', refundBy: hoursFrom(now, -3) });
    const complaint = await seedComplaint(stack.orm, parties, {
      party: 'merchant',
      status: 'escalated',
      partyRespondBy: hoursFrom(now, -4),
      firstResponseBy: hoursFrom(now, 2),
    });
    await seedComplaint(stack.orm, parties, {
      party: 'carrier',
      status: 'awaiting_response',
      partyRespondBy: hoursFrom(now, 5),
      firstResponseBy: hoursFrom(now, 3),
    });
    const claim = await seedRecoveryClaim(stack.orm, parties, { status: 'overdue', dueAt: hoursFrom(now, -40 * 24) });
    const em = stack.orm.em.fork();
    em.persist([
      new SlaBreach({
        party: 'merchant',
        partyId: parties.merchantId,
        obligation: 'complaint_response',
        subjectId: complaint.id,
        dueAt: complaint.partyRespondBy!,
        detectedAt: now,
      }),
      new SlaBreach({
        party: 'platform',
        partyId: 'platform',
        obligation: 'refund',
        subjectId: refund.id,
        dueAt: refund.refundBy!,
        detectedAt: now,
      }),
    ]);
    await em.flush();

    const page = await context.newPage();
    const errors = collectBrowserErrors(page);
    await page.goto(`${base}/console/queues`);
    if (new URL(page.url()).pathname === '/console/login') {
      await page.fill('#email', email);
      await page.fill('#password', password);
      await page.click('button[type=submit]');
      await page.goto(`${base}/console/queues`);
    }
    const rowOf = (queue: string, workflowId: string) =>
      page.locator(`#queue-${queue} tr`, { has: page.locator(`a[data-temporal]`, { hasText: workflowId }) });
    await expect(rowOf('returns-awaiting-decision', `return:${decision.id}`).textContent()).resolves.toContain(
      'overdue',
    );
    expect(await page.locator('#queue-returns-awaiting-inspection tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#queue-complaints-awaiting-response tbody tr a[data-resource]').count()).toBeGreaterThan(
      0,
    );
    const escalated = rowOf('complaints-escalated', `complaint:${complaint.id}`);
    expect(await escalated.locator('a[data-resource]').getAttribute('href')).toBe(`/complaints/${complaint.id}`);
    expect(await rowOf('refunds-pending', `return:${refund.id}`).count()).toBe(1);
    expect(await rowOf('recovery-claims-overdue', `recovery:${claim.complaintId}`).count()).toBe(1);

    // The ageing chart draws the same counts as the report.
    const report = await stack.app.inject({
      method: 'GET',
      url: '/reports/work-queues?queue=recovery-claims-overdue',
      headers: bearer(stack.config, 'staff'),
    });
    const ageing = report.json().queues[0].ageing as Record<string, number>;
    const drawn = await page.evaluate(() => {
      type Drawn = { data: { labels: string[]; datasets: Array<{ data: number[] }> } };
      const charts = (globalThis as unknown as { Chart: { getChart(id: string): Drawn } }).Chart;
      return {
        ageing: charts.getChart('ageing-chart-recovery-claims-overdue').data,
        queues: charts.getChart('queue-chart').data.labels,
      };
    });
    expect(drawn.ageing.datasets[0]!.data).toEqual(Object.values(ageing));
    expect(ageing['31-60']).toBeGreaterThanOrEqual(1);
    expect(drawn.queues).toEqual(expect.arrayContaining(['Recovery claims overdue', 'Complaints escalated to staff']));
    await page.screenshot({ path: path.join(screenshots, 'console-queues-returns-complaints.png'), fullPage: true });

    // The merchant's scorecard: complaint response with its breach opening the complaint's process.
    const query = new URLSearchParams({
      party: 'merchant',
      partyId: parties.merchantId,
      from: daysFrom(now, -2).toISOString(),
      to: daysFrom(now, 1).toISOString(),
      bucket: 'week',
    });
    await page.goto(`${base}/console/scorecards?${query}`);
    const labels = await page.evaluate(() =>
      (
        globalThis as unknown as { Chart: { getChart(id: string): { data: { datasets: Array<{ label: string }> } } } }
      ).Chart.getChart('sla-chart').data.datasets.map((dataset) => dataset.label),
    );
    expect(labels).toEqual(expect.arrayContaining(['complaint response', 'return approval']));
    const breachLink = page.locator('#sla-table a[data-temporal]').first();
    expect(await breachLink.getAttribute('href')).toBe(
      `${stack.config.TEMPORAL_UI_URL}/namespaces/${stack.config.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(`complaint:${complaint.id}`)}`,
    );
    await page.screenshot({ path: path.join(screenshots, 'console-scorecard-complaints.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a storefront visitor opens every disclosure page, each linking to the others (§4.5, §7.2.2)', async () => {
    const page = await context.newPage();
    const errors = collectBrowserErrors(page);
    await page.goto(`${base}/disclosures`);
    const links = await page.$$eval('nav a', (anchors) =>
      anchors.map((a) => (a as unknown as { pathname: string }).pathname),
    );
    expect(links).toEqual([
      '/disclosures',
      '/disclosures/platform',
      '/service-commitments',
      '/disclosures/merchants',
      '/disclosures/terms',
      '/disclosures/privacy',
    ]);
    for (const link of links.filter((href) => href !== '/service-commitments')) {
      const response = await page.goto(`${base}${link}`);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('h1')).not.toBe('');
      await page.screenshot({
        path: path.join(screenshots, `disclosure${link.replaceAll('/', '-')}.png`),
        fullPage: true,
      });
    }
    await page.goto(`${base}/service-commitments`);
    expect(await page.textContent('h1')).toBe('Our service commitments');
    expect(errors).toEqual([]);
  });
});
