import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { ResolvedDeadlines } from '../../../activities/shared/service-commitment-activities';
import { addDays } from '../../../domain/holiday-arrangement';
import { commerceActivities } from '../../../workers/activities';
import { orderWorkflowId } from '../../../workflows/order/order-confirmation.definitions';
import { madeUp2027 } from '../../helpers/holiday-years';
import { openShop, placeOneItemOrder, signUpConsumer, staff } from '../../helpers/order-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';
import { HOUR } from '../../helpers/time';

const shanghaiDate = (instant: Date | string) =>
  new Date(new Date(instant).getTime() + 8 * HOUR).toISOString().slice(0, 10);
const shanghaiClock = (instant: string) => new Date(new Date(instant).getTime() + 8 * HOUR).toISOString().slice(11, 16);

// Deadlines count with the holiday years in force when a process starts (issue 15; T/QGCML
// 3125 §4.7, §4.8): through the resolveDeadlines activity as the commerce worker wires it,
// and through POST /orders. A database of this file's own: it loads years others do not expect.
describe('deadlines on the holiday years staff loaded', () => {
  let db: PrivateDatabase;
  let stack: TestStack;
  let activities: ReturnType<typeof commerceActivities>;
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('WARN') });
  const startedWorkflows: string[] = [];
  const resolve = (startedAt: string, term: 'orderConfirmation' | 'complaintFirstResponse') =>
    env.run(activities.resolveDeadlines, { startedAt, terms: [term] }) as Promise<ResolvedDeadlines<typeof term>>;
  const load = (year: number, body: object) =>
    stack.app.inject({
      method: 'PUT',
      url: `/service-calendar/years/${year}`,
      headers: bearer(stack.config, staff),
      payload: body,
    });
  const mailsAboutMissingYears = () =>
    stack.smtp.received.filter(
      (mail) => mail.parsed.headers.get('x-storeops-mail-purpose') === 'holiday_year_missing_staff',
    );

  beforeAll(async () => {
    db = await createPrivateDatabase('service_calendar_deadlines');
    stack = await startTestStack({ workers: ['commerce'], config: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' } });
    activities = commerceActivities({ config: stack.config, orm: stack.orm, workerIdentity: 'calendar-test' });
  });
  afterAll(async () => {
    for (const id of startedWorkflows)
      await stack.temporal.workflow
        .getHandle(id)
        .terminate('test finished')
        .catch(() => undefined);
    await stack?.close();
    await db?.drop();
  });

  it('before 2027 is loaded: plain weekdays, a notice, and one mail to staff however often it is noticed', async () => {
    const complaint = await resolve('2027-02-05T15:00:00+08:00', 'complaintFirstResponse');
    const order = await resolve('2027-01-29T10:00:00+08:00', 'orderConfirmation');

    expect(complaint.deadlines.complaintFirstResponse).toBe(new Date('2027-02-08T11:00:00+08:00').toISOString());
    expect(order.deadlines.orderConfirmation).toBe(new Date('2027-02-01T10:00:00+08:00').toISOString());
    expect(complaint.notices).toEqual(['no statutory-holiday data for 2027 yet: 5x8 counts plain weekdays']);
    const [mail, ...more] = mailsAboutMissingYears();
    expect(more).toHaveLength(0);
    expect(mail!.envelopeTo).toEqual([stack.config.STAFF_MAIL_TO]);
    expect(mail!.parsed.subject).toContain('no statutory-holiday arrangement for 2027');
    expect(mail!.parsed.text).toContain('PUT /service-calendar/years/2027');
  });

  it('after staff load 2027: half a working day from the day before the break ends after it; one working day from Friday ends on the 调休 Saturday', async () => {
    expect((await load(2027, madeUp2027)).statusCode).toBe(200);

    const complaint = await resolve('2027-02-05T15:00:00+08:00', 'complaintFirstResponse');
    const order = await resolve('2027-01-29T10:00:00+08:00', 'orderConfirmation');

    expect(complaint.deadlines.complaintFirstResponse).toBe(new Date('2027-02-15T11:00:00+08:00').toISOString());
    expect(order.deadlines.orderConfirmation).toBe(new Date('2027-01-30T10:00:00+08:00').toISOString());
    expect(complaint.notices).toEqual([]);
    expect(mailsAboutMissingYears()).toHaveLength(1);
  });

  it('an order placed after a load gets the new deadline; one placed before keeps its own', async () => {
    const shop = await openShop(stack, { price: 500, deliveryFee: 0, stock: 5 });
    const { principal } = await signUpConsumer(stack);
    const before = await placeOneItemOrder(stack, principal, shop.productId);
    startedWorkflows.push(orderWorkflowId(before.id));

    // A made-up closure from today (Shanghai) for a week, loaded over the package's year.
    const today = shanghaiDate(new Date());
    const lastDay = addDays(today, 6);
    const loaded = await load(Number(today.slice(0, 4)), {
      holidays: [{ name: 'Test closure', firstDay: today, lastDay }],
      adjustedWorkingDays: [],
      notice: { documentNumber: 'test', date: today },
    });
    expect(loaded.json()).toMatchObject({ source: 'override' });
    const after = await placeOneItemOrder(stack, principal, shop.productId);
    startedWorkflows.push(orderWorkflowId(after.id));

    // Placed inside the closure: the whole first working day after it, to its 17:00 close.
    expect(shanghaiDate(after.confirmBy) > lastDay).toBe(true);
    expect(shanghaiDate(after.confirmBy) <= addDays(lastDay, 7)).toBe(true);
    expect(shanghaiClock(after.confirmBy)).toBe('17:00');
    expect(shanghaiDate(before.confirmBy) <= lastDay).toBe(true);
    const reread = await stack.app.inject({
      method: 'GET',
      url: `/orders/${before.id}`,
      headers: bearer(stack.config, principal),
    });
    expect(reread.json().confirmBy).toBe(before.confirmBy);
  });
});
