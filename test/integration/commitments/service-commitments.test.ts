import { ApplicationFailure } from '@temporalio/common';
import { samplePrincipals } from '../../helpers/tokens';
import { createServiceCommitmentActivities } from '../../../activities/shared/service-commitment-activities';
import { hs256Signer } from '../../../api/auth/tokens';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { ServiceCommitmentVersion } from '../../../db/entities/service-commitment-version.entity';
import type { Principal } from '../../../domain/principal';
import { HolidayCalendar } from '../../../domain/holiday-calendar';
import { defaultServiceCommitments } from '../../../domain/service-commitments';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { HOUR } from '../../helpers/time';

// GET/PUT /service-commitments and the resolveDeadlines activity (T/QGCML 3125 §4.7, §4.8),
// on a database of this file's own: the tests count versions from the seeded version 1.
describe('service commitments: published, versioned, and resolved into deadlines', () => {
  let db: PrivateDatabase;
  let stack: TestStack;
  let bearer: (principal: Principal) => { authorization: string };
  let activities: ReturnType<typeof createServiceCommitmentActivities>;
  const staff = () => bearer(samplePrincipals.staff);
  const versionCount = () => stack.orm.em.fork().count(ServiceCommitmentVersion, {});
  const put = (body: object, headers: object = staff()) =>
    stack.app.inject({ method: 'PUT', url: '/service-commitments', headers: { ...headers }, payload: body });

  beforeAll(async () => {
    db = await createPrivateDatabase('service_commitments');
    stack = await startTestStack({ workers: [], config: { DATABASE_URL: db.url } });
    const signer = hs256Signer(stack.config.AUTH_JWT_SECRET);
    bearer = (principal) => ({ authorization: `Bearer ${signer.sign(principal).token}` });
    activities = createServiceCommitmentActivities({ orm: stack.orm });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('GET is public and a fresh database publishes the standard’s defaults: PT8H to confirm, PT4H to answer (§4.7)', async () => {
    const response = await stack.app.inject({ method: 'GET', url: '/service-commitments' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const body = response.json();
    expect(body.version).toBe(1);
    expect(body.commitments).toEqual(defaultServiceCommitments);
    expect(body.calendar.kind).toBe('5x8');
    expect(body.terms.orderConfirmation).toMatchObject({ duration: 'PT8H', clause: '§4.7' });
    expect(body.terms.orderConfirmation.description).toBe(
      "1 working day (8 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai, China's statutory holidays excluded)",
    );
    expect(body.terms.complaintFirstResponse.duration).toBe('PT4H');
    expect(body.terms.complaintFirstResponse.description).toMatch(/^half a working day/);
  });

  it('says which of this year and next has no statutory-holiday data yet', async () => {
    const { notices } = (await stack.app.inject({ method: 'GET', url: '/service-commitments' })).json();
    const thisYear = new Date(Date.now() + 8 * HOUR).getUTCFullYear();
    const uncovered = [thisYear, thisYear + 1].filter((year) => !HolidayCalendar.packageOnly().covers(year));
    expect(notices).toHaveLength(uncovered.length);
    uncovered.forEach((year, i) => expect(notices[i]).toContain(`no statutory-holiday data for ${year}`));
  });

  it('answers a browser with a readable HTML page (§4.7 "published prominently")', async () => {
    const response = await stack.app.inject({
      method: 'GET',
      url: '/service-commitments',
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers.vary).toContain('Accept');
    expect(response.body).toMatch(/^<!doctype html>/);
    expect(response.body).toContain('Order confirmation, from the order being placed');
    expect(response.body).toContain('1 working day (8 service hours, Mon–Fri 09:00–17:00 Asia/Shanghai');
    expect(response.body).toContain('China&#39;s statutory holidays excluded');
  });

  it('PUT is for staff only: no token 401, a consumer’s or merchant’s token 403, and nothing is written', async () => {
    const body = { ...defaultServiceCommitments, orderConfirmation: 'PT4H', reason: 'not yours to change' };
    const before = await versionCount();

    expect((await put(body, {})).statusCode).toBe(401);
    expect((await put(body, bearer(samplePrincipals.consumer))).statusCode).toBe(403);
    expect((await put(body, bearer(samplePrincipals.merchant))).statusCode).toBe(403);
    expect(await versionCount()).toBe(before);
  });

  it('PUT with a bad body answers 400 naming each field, and writes no version and no audit event', async () => {
    const before = await versionCount();
    const events = await stack.orm.em.fork().count(AuditEvent, {});
    const response = await put({
      ...defaultServiceCommitments,
      orderConfirmation: 'eight hours',
      calendar: '6x6',
      refund: 'PT0S',
      reason: 'typo',
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields.sort()).toEqual(['body.calendar', 'body.orderConfirmation', 'body.refund']);
    expect(await versionCount()).toBe(before);
    expect(await stack.orm.em.fork().count(AuditEvent, {})).toBe(events);
  });

  it('PUT without a reason, with a term missing or with an unknown term is refused as well', async () => {
    const { refund: _refund, ...incomplete } = defaultServiceCommitments;
    const fieldsOf = async (body: object) =>
      (await put(body)).json().errors.map((error: { field: string; message: string }) => error.field);

    expect(await fieldsOf({ ...defaultServiceCommitments })).toEqual(['body.reason']);
    expect(await fieldsOf({ ...incomplete, reason: 'drop refunds' })).toEqual(['body.refund']);
    expect((await put({ ...defaultServiceCommitments, reason: 'extra', lunchBreak: 'PT1H' })).statusCode).toBe(400);
  });

  it('PUT by staff publishes version 2, audited with the actor, and GET shows it', async () => {
    const response = await put({
      ...defaultServiceCommitments,
      calendar: '7x24',
      orderConfirmation: 'PT2H',
      reason: 'confirmation around the clock',
    });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      version: 2,
      changedBy: samplePrincipals.staff.sub,
      reason: 'confirmation around the clock',
    });
    expect(body.terms.orderConfirmation.description).toBe('2 hours, around the clock (7×24)');
    expect((await stack.app.inject({ method: 'GET', url: '/service-commitments' })).json().version).toBe(2);

    // T/QGCML 3125 §8.3.5: the change and its audit event were committed together.
    const event = await stack.orm.em
      .fork()
      .findOneOrFail(AuditEvent, { entity: 'service_commitment_version', entityId: '2' });
    expect(event).toMatchObject({
      action: 'service_commitments.update',
      actorSub: samplePrincipals.staff.sub,
      actorRole: 'staff',
    });
    expect(event.details).toMatchObject({ version: 2, previousVersion: 1, changed: ['calendar', 'orderConfirmation'] });
  });

  it('PUT changes deadlines only for processes started afterwards (§4.7; a running process keeps its version)', async () => {
    const startedBefore = new Date().toISOString();
    const terms = ['orderConfirmation', 'complaintFirstResponse'] as const;
    const before = await activities.resolveDeadlines({ startedAt: startedBefore, terms: [...terms] });

    const changed = await put({
      ...defaultServiceCommitments,
      calendar: '7x24',
      orderConfirmation: 'PT1H',
      reason: 'faster',
    });
    expect(changed.statusCode).toBe(200);
    const startedAfter = new Date().toISOString();

    const again = await activities.resolveDeadlines({ startedAt: startedBefore, terms: [...terms] });
    expect(again).toEqual(before);
    const after = await activities.resolveDeadlines({ startedAt: startedAfter, terms: [...terms] });
    expect(after.version).toBe(before.version + 1);
    expect(after.calendar).toBe('7x24');
    expect(Date.parse(after.deadlines.orderConfirmation)).toBe(Date.parse(startedAfter) + HOUR);
    expect(after.deadlines.orderConfirmation).not.toBe(before.deadlines.orderConfirmation);
    // A process may re-resolve from the version it first resolved, whatever is in force now.
    const pinned = await activities.resolveDeadlines({
      startedAt: startedBefore,
      terms: [...terms],
      version: before.version,
    });
    expect(pinned).toEqual(before);
  });

  it('on 5x8, an order placed 2026-09-30 16:00 before the National Day break is due 2026-10-08 16:00 (§4.7)', async () => {
    // Version 1 (5x8, the defaults) was in force then, whatever was published since.
    const resolved = await activities.resolveDeadlines({
      startedAt: '2026-09-30T16:00:00+08:00',
      terms: ['orderConfirmation', 'complaintFirstResponse'],
    });

    expect(resolved).toMatchObject({ version: 1, calendar: '5x8', notices: [] });
    expect(resolved.deadlines).toEqual({
      orderConfirmation: new Date('2026-10-08T16:00:00+08:00').toISOString(), // 1 h on 09-30, 7 h on 10-08
      complaintFirstResponse: new Date('2026-10-08T12:00:00+08:00').toISOString(), // 1 h + 3 h
    });
  });

  it('on 5x8, three working days from 2026-09-30 16:00 end on Saturday 2026-10-10, an adjusted working day', async () => {
    const published = await put({ ...defaultServiceCommitments, orderConfirmation: 'PT24H', reason: '3 days' });
    const { version } = published.json();

    const resolved = await activities.resolveDeadlines({
      startedAt: '2026-09-30T16:00:00+08:00',
      terms: ['orderConfirmation'],
      version,
    });
    // 1 h on Wed 09-30, holidays 10-01..10-07, 8 h Thu 10-08, 8 h Fri 10-09, 7 h Sat 10-10 (调休).
    expect(resolved).toMatchObject({ version, calendar: '5x8' });
    expect(resolved.deadlines.orderConfirmation).toBe(new Date('2026-10-10T16:00:00+08:00').toISOString());
  });

  it('says when a deadline runs into a year without holiday data', async () => {
    const resolved = await activities.resolveDeadlines({
      startedAt: '2026-12-31T16:00:00+08:00',
      terms: ['orderConfirmation'],
      version: 1,
    });
    expect(resolved.deadlines.orderConfirmation).toBe(new Date('2027-01-01T16:00:00+08:00').toISOString());
    expect(resolved.notices).toEqual(['no statutory-holiday data for 2027 yet: 5x8 counts plain weekdays']);
  });

  it.each([
    ['an unknown version', { startedAt: '2026-10-01T00:00:00Z', terms: ['refund'], version: 999 }, /version 999/],
    ['a time before any version', { startedAt: '2020-01-01T00:00:00Z', terms: ['refund'] }, /no service commitments/],
    ['a startedAt that is not an instant', { startedAt: 'yesterday', terms: ['refund'] }, /startedAt/],
    ['an unknown term', { startedAt: '2026-10-01T00:00:00Z', terms: ['lunchBreak'] }, /terms/],
  ])('fails without retrying for %s', async (_, input, message) => {
    const failure = await activities.resolveDeadlines(input as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, message: expect.stringMatching(message) });
  });

  it('never edits a version, even behind the API’s back: Postgres refuses UPDATE and DELETE', async () => {
    const connection = stack.orm.em.getConnection();
    await expect(
      connection.execute(`update service_commitment_version set reason = 'x' where version = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(connection.execute(`delete from service_commitment_version`)).rejects.toThrow(/append-only/);
  });
});
