import { createHash, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import {
  createMailActivities,
  type RecipientRef,
  type SendTemplatedMailInput,
  type SendTemplatedMailResult,
} from '../../../activities/shared/mail/mail-activities';
import { createMailer, messageIdFor, type MailAddress } from '../../../activities/shared/providers/mailer';
import { MailDelivery } from '../../../db/entities/mail-delivery.entity';
import { createOrm } from '../../../db/orm';
import { startSmtpTestServer, type SmtpTestServer } from '../../helpers/smtp-test-server';

const MAIL_FROM = 'StoreOps <noreply@storeops.test>';
const CONSUMER = { address: 'li.lei@example.com', name: '李雷' };
const DIRECTORY: Record<string, MailAddress> = {
  'account:consumer-1': CONSUMER,
  'merchant:merchant-1': { address: 'orders@shop.example.com', name: 'Good Rice 好米' },
  'account:broken': { address: 'not an address' },
};
const ORDER = {
  orderId: 'ord-1001',
  confirmBy: '2026-10-09T09:00:00Z',
  items: [{ name: '五常大米 5kg', quantity: 2 }],
  amounts: { goods: 11850, delivery: 1000, total: 12850, currency: 'CNY' as const },
};
const resolveRecipient = async (ref: RecipientRef) => DIRECTORY[`${ref.kind}:${ref.id}`] ?? null;

// The activity a workflow calls, against a real SMTP server and real Postgres.
describe('mail: templated messages sent once per key, with a delivery record', () => {
  let orm: MikroORM;
  let smtp: SmtpTestServer;
  // Logs are collected, not printed: the last test checks they hold no address.
  const logged: LogEntry[] = [];
  const env = new MockActivityEnvironment(undefined, {
    logger: new DefaultLogger('DEBUG', (entry) => logged.push(entry)),
  });

  beforeAll(async () => {
    orm = await createOrm(process.env.DATABASE_URL!);
    smtp = await startSmtpTestServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await orm?.close();
  });
  afterEach(() => smtp.rejectRecipients(null));

  function activities(smtpUrl = smtp.url) {
    const mailer = createMailer({ SMTP_URL: smtpUrl, MAIL_FROM }, { timeouts: { connection: 1000, greeting: 500 } });
    return createMailActivities({ orm, mailer, resolveRecipient });
  }
  const send = async (input: SendTemplatedMailInput, smtpUrl?: string) =>
    (await env.run(activities(smtpUrl).sendTemplatedMail, input)) as SendTemplatedMailResult;
  const record = (key: string) => orm.em.fork().findOneOrFail(MailDelivery, { idempotencyKey: key });
  const arrivedWith = (key: string) =>
    smtp.received.filter((mail) => mail.parsed.messageId === messageIdFor(key, MAIL_FROM));

  const received = (key: string): SendTemplatedMailInput => ({
    idempotencyKey: key,
    purpose: 'order_received_consumer',
    recipient: { kind: 'account', id: 'consumer-1' },
    data: ORDER,
  });

  it('delivers the order-received mail once, Chinese then English, with separate amounts and the Beijing-time deadline (§4.7, §5.4)', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;

    const result = await send(received(key));

    const [mail, ...more] = arrivedWith(key);
    expect(more).toHaveLength(0);
    expect(mail!.envelopeTo).toEqual([CONSUMER.address]);
    expect(mail!.parsed.subject).toBe('订单已收到：ord-1001 / Order received: ord-1001');
    expect(mail!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const text = mail!.parsed.text!;
    for (const line of ['商品金额：¥118.50 (CNY)', '配送费：¥10.00 (CNY)', '合计：¥128.50 (CNY)'])
      expect(text).toContain(line);
    for (const line of ['Goods: ¥118.50 (CNY)', 'Delivery fee: ¥10.00 (CNY)', 'Total: ¥128.50 (CNY)'])
      expect(text).toContain(line);
    expect(text).toContain('2026-10-09 17:00 (北京时间 / China Standard Time)');
    expect(text.indexOf('我们已收到您的订单')).toBeLessThan(text.indexOf('We have received your order'));
    expect(mail!.parsed.html).toContain('五常大米 5kg × 2');

    expect(result).toMatchObject({
      status: 'sent',
      attempts: 1,
      alreadySent: false,
      messageId: mail!.parsed.messageId,
    });
    const stored = await record(key);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, purpose: 'order_received_consumer' });
    expect(stored).toMatchObject({ recipientKind: 'account', recipientId: 'consumer-1', lastError: null });
    expect(stored.providerMessageId).toBe(messageIdFor(key, MAIL_FROM));
    expect(stored.recipientAddressHash).toBe(createHash('sha256').update(CONSUMER.address).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(CONSUMER.address);
  });

  it('sends nothing the second time a key is used and returns the stored result', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;

    const first = await send(received(key));
    const second = await send(received(key));

    expect(arrivedWith(key)).toHaveLength(1);
    expect(second).toEqual({ ...first, alreadySent: true });
    expect(await record(key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends one message when the same key runs five times concurrently', async () => {
    const key = `order:${randomUUID()}:order_placed_merchant`;
    const input: SendTemplatedMailInput = {
      idempotencyKey: key,
      purpose: 'order_placed_merchant',
      recipient: { kind: 'merchant', id: 'merchant-1' },
      data: { ...ORDER, orderId: 'ord-1002' },
    };

    const results = await Promise.all(Array.from({ length: 5 }, () => send(input)));

    expect(arrivedWith(key)).toHaveLength(1);
    expect(results.filter((result) => !result.alreadySent)).toHaveLength(1);
    expect(new Set(results.map((result) => result.deliveryId)).size).toBe(1);
    expect(await orm.em.fork().count(MailDelivery, { idempotencyKey: key })).toBe(1);
    expect(await record(key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('records a 550 refusal as a permanent failure, counts attempts, masks the address, and does not retry', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;
    smtp.rejectRecipients(550);

    const failure = { type: 'MailRejected', nonRetryable: true };
    await expect(send(received(key))).rejects.toMatchObject(failure);
    await expect(send(received(key))).rejects.toMatchObject(failure);

    expect(arrivedWith(key)).toHaveLength(0);
    const stored = await record(key);
    expect(stored).toMatchObject({ status: 'failed', attempts: 2, failureKind: 'permanent', sentAt: null });
    expect(stored.lastError).toContain('550');
    expect(stored.lastError).not.toContain(CONSUMER.address);
  });

  it('treats a 451 as transient (retryable) and sends on the retry after the server recovers', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;
    smtp.rejectRecipients(451);

    await expect(send(received(key))).rejects.toMatchObject({ type: 'MailSendFailed', nonRetryable: false });
    expect(await record(key)).toMatchObject({ status: 'failed', attempts: 1, failureKind: 'transient' });

    smtp.rejectRecipients(null);
    await send(received(key));

    expect(arrivedWith(key)).toHaveLength(1);
    expect(await record(key)).toMatchObject({ status: 'sent', attempts: 2, failureKind: null, lastError: null });
  });

  it('treats an SMTP server that never greets as transient, bounded by the greeting timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const key = `order:${randomUUID()}:order_received_consumer`;
    try {
      await expect(send(received(key), `smtp://127.0.0.1:${port}`)).rejects.toMatchObject({
        type: 'MailSendFailed',
        nonRetryable: false,
      });
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
    expect(await record(key)).toMatchObject({ status: 'failed', failureKind: 'transient', attempts: 1 });
  });

  it('fails without retry when the recipient does not exist, and sends nothing', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;
    const input = { ...received(key), recipient: { kind: 'account', id: 'nobody' } } as SendTemplatedMailInput;

    await expect(send(input)).rejects.toMatchObject({ type: 'MailRecipientNotFound', nonRetryable: true });

    expect(arrivedWith(key)).toHaveLength(0);
    expect(await record(key)).toMatchObject({ status: 'failed', failureKind: 'permanent', attempts: 1 });
  });

  it('fails without retry when the stored address is not a mail address', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;
    const input = { ...received(key), recipient: { kind: 'account', id: 'broken' } } as SendTemplatedMailInput;

    await expect(send(input)).rejects.toMatchObject({ type: 'MailAddressInvalid', nonRetryable: true });
    expect(await record(key)).toMatchObject({ status: 'failed', failureKind: 'permanent' });
  });

  it('refuses an unknown template or bad data without retry and without writing a record', async () => {
    const unknownKey = `order:${randomUUID()}:nope`;
    const unknown = { ...received(unknownKey), purpose: 'order_teleported' } as unknown as SendTemplatedMailInput;
    const badKey = `order:${randomUUID()}:order_received_consumer`;
    const withAddress = { ...ORDER, consumerEmail: CONSUMER.address };
    const bad = { ...received(badKey), data: withAddress } as SendTemplatedMailInput;

    await expect(send(unknown)).rejects.toMatchObject({ type: 'UnknownMailTemplateError', nonRetryable: true });
    await expect(send(bad)).rejects.toMatchObject({ type: 'InvalidMailDataError', nonRetryable: true });

    const count = await orm.em.fork().count(MailDelivery, { idempotencyKey: { $in: [unknownKey, badKey] } });
    expect(count).toBe(0);
  });

  it('refuses to reuse a sent key for a different mail', async () => {
    const key = `order:${randomUUID()}:order_received_consumer`;
    await send(received(key));
    const other: SendTemplatedMailInput = {
      idempotencyKey: key,
      purpose: 'order_cancelled_consumer',
      recipient: { kind: 'account', id: 'consumer-1' },
      data: { orderId: 'ord-1001', reason: 'merchant_rejected' },
    };

    await expect(send(other)).rejects.toMatchObject({ type: 'MailIdempotencyKeyReused', nonRetryable: true });
    expect(arrivedWith(key)).toHaveLength(1);
  });

  it('never writes a mail address to the activity log (§8.3.3)', () => {
    expect(logged.length).toBeGreaterThan(0);
    const text = inspect(logged, { depth: 10 });
    for (const { address } of Object.values(DIRECTORY)) expect(text).not.toContain(address);
  });
});
