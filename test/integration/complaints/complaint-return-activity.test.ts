import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import {
  createComplaintReturnActivities,
  RETURN_REMEDY_NOT_POSSIBLE,
  type ComplaintReturn,
} from '../../../activities/complaints/complaint-return-activities';
import { Complaint } from '../../../db/entities/complaint.entity';
import { ReturnRequest } from '../../../db/entities/return-request.entity';
import { FieldCipher } from '../../../db/field-cipher';
import type { ComplaintCategory } from '../../../domain/complaints';
import { loadConfig } from '../../../config/env';
import { createDeliveredOrder, createDeliveryParties, type DeliveryParties } from '../../helpers/delivery-fixtures';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { DAY } from '../../helpers/time';

// The activity behind a complaint's accepted return (T/QGCML 3125 §4.8, §5.7, §6.4; §5.3
// counts) on real PostgreSQL: one return per complaint however often it is retried, for
// every item still returnable; an order that can no longer be returned is a non-retryable
// failure the workflow hands to staff, and nothing is written.
describe('createReturnForComplaint on PostgreSQL', () => {
  let db: PrivateDatabase;
  let parties: DeliveryParties;
  let cipher: FieldCipher;
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  let activities: ReturnType<typeof createComplaintReturnActivities>;

  beforeAll(async () => {
    db = await createPrivateDatabase('complaint_return');
    cipher = FieldCipher.fromConfig(loadConfig());
    parties = await createDeliveryParties(db.orm, cipher);
    activities = createComplaintReturnActivities({ orm: db.orm });
  });
  afterAll(() => db?.drop());

  const deliveredOrder = (deliveredAt: Date) => createDeliveredOrder(db.orm, cipher, parties, deliveredAt);
  async function complaintAbout(orderId: string, category: ComplaintCategory) {
    const em = db.orm.em.fork();
    const complaint = new Complaint({
      orderId,
      consumerId: parties.consumer.id,
      merchantId: parties.merchant.id,
      carrierId: parties.carrier.id,
      category,
      description: 'not as expected',
      desiredRemedy: 'return',
      party: 'merchant',
      commitmentVersion: 1,
      partyRespondBy: new Date(Date.now() + DAY),
      firstResponseBy: new Date(Date.now() + DAY),
      currency: 'CNY',
    });
    await em.persist(complaint).flush();
    return complaint;
  }
  const create = (complaintId: string, type?: 'exchange'): Promise<ComplaintReturn> =>
    env.run(activities.createReturnForComplaint, type ? { complaintId, type } : { complaintId });
  async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: RETURN_REMEDY_NOT_POSSIBLE, nonRetryable: true });
    return error as ApplicationFailure;
  }

  it('makes one return per complaint for everything still returnable; a retry finds it; nothing left → non-retryable', async () => {
    const { order, tea, cups } = await deliveredOrder(new Date());
    const quality = await complaintAbout(order.id, 'quality');

    const made = await create(quality.id);
    expect(await create(quality.id)).toEqual(made);
    const returns = await db.orm.em.fork().find(ReturnRequest, { orderId: order.id }, { populate: ['lines'] });
    expect(returns).toHaveLength(1);
    expect(returns[0]!).toMatchObject({
      id: made.returnId,
      complaintId: quality.id,
      kind: 'return',
      reason: 'quality',
    });
    expect(returns[0]!.lines.getItems().map((line) => [line.productId, line.quantity])).toEqual([
      [tea.productId, 2],
      [cups.productId, 1],
    ]);

    // A second complaint about the same order: the first one's return holds every item (§5.3).
    const delivery = await complaintAbout(order.id, 'delivery');
    expect((await refusal(create(delivery.id))).message).toMatch(/nothing left to return/);
    expect(await db.orm.em.fork().count(ReturnRequest, { orderId: order.id })).toBe(1);
  });

  it('an accepted exchange makes an exchange, whose process ships a replacement (§6.4)', async () => {
    const { order } = await deliveredOrder(new Date());
    const complaint = await complaintAbout(order.id, 'quality');
    const made = await create(complaint.id, 'exchange');
    const request = await db.orm.em.fork().findOneOrFail(ReturnRequest, { id: made.returnId });
    expect(request).toMatchObject({ complaintId: complaint.id, kind: 'exchange', reason: 'quality' });
  });

  it('an order past its return window → non-retryable with the reason, and no return written', async () => {
    const { order } = await deliveredOrder(new Date(Date.now() - 120 * DAY));
    const complaint = await complaintAbout(order.id, 'other');
    expect((await refusal(create(complaint.id))).message).toMatch(/return window for not_as_described ended/);
    expect(await db.orm.em.fork().count(ReturnRequest, { orderId: order.id })).toBe(0);
  });
});
