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
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';

const screenshots = path.join(varDir, 'screenshots');
const DAY_MS = 86_400_000;

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
      new SlaBreach('merchant', shop.merchantId, 'order_confirmation', late.id, new Date(late.confirmBy), new Date()),
    );
    await em.flush();
    const from = new Date(Date.now() - DAY_MS).toISOString();
    const to = new Date(Date.now() + 6 * DAY_MS).toISOString();

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
