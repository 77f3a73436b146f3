import { randomUUID } from 'node:crypto';
import { currentTerms } from '../../../domain/terms';
import { oneItemOrderRequest, openShop, signUpConsumer } from '../../helpers/order-fixtures';
import { startTestStack, type TestStack } from '../../helpers/stack';

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

// The public disclosure pages a storefront links to (T/QGCML 3125 §4.1.2, §4.5, §7.2.2,
// §7.2.3, §7.2.5): readable HTML for browsers, JSON for programs, linked to each other.
describe('public disclosure pages', () => {
  let stack: TestStack;
  let shop: Awaited<ReturnType<typeof openShop>>;

  beforeAll(async () => {
    stack = await startTestStack({ workers: [] });
    shop = await openShop(stack, { price: 1000, deliveryFee: 500, stock: 10 });
  });
  afterAll(async () => stack?.close());

  const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });

  it('§4.1.2, §4.5: the platform names its operator, licences and services, and links the commitments', async () => {
    const json = (await get('/disclosures/platform')).json();
    expect(json.name).toBe(stack.config.PLATFORM_NAME);
    expect(json.licences.length).toBeGreaterThan(0);
    expect(json.serviceCommitments).toBe('/service-commitments');
    const page = await get('/disclosures/platform', html);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain(json.licences[0].number);
    expect(page.body).toContain('href="/service-commitments"');
    for (const href of ['/disclosures/merchants', '/disclosures/terms', '/disclosures/privacy'])
      expect(page.body).toContain(`href="${href}"`);
    expect((await get('/service-commitments', html)).body).toContain('href="/disclosures"');
  });

  it("§4.5: each merchant's qualifications are public: type, number, issuer, valid until, no contact data", async () => {
    const list = (await get('/disclosures/merchants')).json();
    const mine = list.items.find((item: { id: string }) => item.id === shop.merchantId);
    expect(mine.qualifications.map((q: { type: string; valid: boolean }) => [q.type, q.valid])).toEqual([
      ['business_licence', true],
      ['tax_registration', true],
    ]);
    expect(mine.qualifications[0]).toEqual({
      type: 'business_licence',
      number: expect.stringMatching(/^9131/),
      issuer: '上海市市场监督管理局',
      validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      valid: true,
    });
    const page = await get(`/disclosures/merchants/${shop.merchantId}`, html);
    expect(page.body).toContain('上海市市场监督管理局');
    expect(page.body).not.toContain(shop.contactEmail);
    expect(JSON.stringify(list)).not.toContain(shop.contactEmail);
    expect((await get(`/disclosures/merchants/${randomUUID()}`)).statusCode).toBe(404);
  });

  it("§7.2.2, §7.2.3: the privacy notice names who collects, why, sharing, rights, and each use's opt-out", async () => {
    const json = (await get('/disclosures/privacy')).json();
    expect(json.controller.operator).toBe(stack.config.PLATFORM_OPERATOR);
    expect(json.model).toBe('opt-out');
    expect(json.choices.map((c: { use: string }) => c.use)).toEqual([
      'marketingEmail',
      'personalisedRecommendations',
      'shareWithPartners',
    ]);
    const page = (await get('/disclosures/privacy', html)).body;
    for (const heading of ['What we collect and why', 'With whom it is shared', 'Your rights', 'Your choices'])
      expect(page).toContain(heading);
    expect(page).toContain('PUT /me/consents');
  });

  it('§7.2.5: an order records the version of the terms it was placed under; that version stays readable', async () => {
    const buyer = (await signUpConsumer(stack)).principal;
    const placed = await stack.app.inject(oneItemOrderRequest(stack.config, buyer, shop.productId));
    expect(placed.statusCode).toBe(201);
    expect(placed.json().termsVersion).toBe(currentTerms.version);
    const terms = (await get(`/disclosures/terms?version=${currentTerms.version}`)).json();
    expect(terms).toMatchObject({ version: currentTerms.version, current: true });
    expect((await get('/disclosures/terms?version=1999-01-01')).statusCode).toBe(404);
    expect((await get('/disclosures/terms', html)).body).toContain(`Version <strong>${currentTerms.version}</strong>`);
  });
});
