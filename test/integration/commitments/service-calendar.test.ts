import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../../db/entities/audit-event.entity';
import { HolidayYearVersion } from '../../../db/entities/holiday-year-version.entity';
import type { Principal } from '../../../domain/principal';
import { madeUp2027 } from '../../helpers/holiday-years';
import { createPrivateDatabase, type PrivateDatabase } from '../../helpers/private-database';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { bearer } from '../../helpers/tokens';
import { HOUR } from '../../helpers/time';

const staff: Principal = { sub: randomUUID(), role: 'staff' };
// 2027 is "next year" while these tests are written (late 2026); later it is this year.
const thisYear = new Date(Date.now() + 8 * HOUR).getUTCFullYear();
const published2027 = [thisYear, thisYear + 1].includes(2027);

// PUT/GET /service-calendar/years (issue 15; T/QGCML 3125 §4.7, §4.8 "statutory holidays
// excluded"), on a database of this file's own: the tests count versions from none.
describe('service calendar: staff load the State Council’s holiday notice, everyone reads it', () => {
  let db: PrivateDatabase;
  let stack: TestStack;
  const put = (year: number | string, body: object, who: Principal | null = staff) =>
    stack.app.inject({
      method: 'PUT',
      url: `/service-calendar/years/${year}`,
      headers: who ? bearer(stack.config, who) : {},
      payload: body,
    });
  const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });
  const versions = () => stack.orm.em.fork().count(HolidayYearVersion, {});
  const audits = () => stack.orm.em.fork().count(AuditEvent, { action: 'service_calendar.year.load' });

  beforeAll(async () => {
    db = await createPrivateDatabase('service_calendar');
    stack = await startTestStack({ workers: [], config: { DATABASE_URL: db.url, LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('GET is public: the package’s years 2004–2026 as `package`, 2027 unknown (404)', async () => {
    const list = await get('/service-calendar/years');
    expect(list.statusCode).toBe(200);
    const years = list.json().years as Array<{ year: number; source: string; version: number | null }>;
    expect(years[0]).toMatchObject({ year: 2004, source: 'package', version: null });
    expect(years.at(-1)).toMatchObject({ year: 2026, source: 'package' });
    if (published2027) expect(list.json().missingYears).toContain(2027);

    const year2026 = (await get('/service-calendar/years/2026')).json();
    expect(year2026).toMatchObject({ source: 'package', overridesPackage: false, notice: null });
    expect(year2026.holidays).toContainEqual({
      name: '春节 Spring Festival',
      firstDay: '2026-02-15',
      lastDay: '2026-02-23',
    });
    const unknown = await get('/service-calendar/years/2027');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('while 2027 has no data, the commitments page (JSON and HTML) and /readyz details say so; /readyz stays ready', async () => {
    if (!published2027) return; // only while 2027 is this year or next
    const json = (await get('/service-commitments')).json();
    expect(json.notices).toContain('no statutory-holiday data for 2027 yet: 5x8 counts plain weekdays');
    const html = (await get('/service-commitments', { accept: 'text/html' })).body;
    expect(html).toContain('no statutory-holiday data for 2027 yet');
    expect(html).toContain('<a href="/service-calendar/years">');
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    expect(ready.json().details.serviceCalendar.missingYears).toContain(2027);
  });

  it('PUT is for staff only: no token 401, consumer or merchant 403, nothing written', async () => {
    expect((await put(2027, madeUp2027, null)).statusCode).toBe(401);
    expect((await put(2027, madeUp2027, { sub: randomUUID(), role: 'consumer' })).statusCode).toBe(403);
    expect(
      (await put(2027, madeUp2027, { sub: randomUUID(), role: 'merchant', merchantId: randomUUID() })).statusCode,
    ).toBe(403);
    expect(await versions()).toBe(0);
  });

  it.each([
    [
      'a period starting in another year',
      { holidays: [{ name: 'x', firstDay: '2026-12-31', lastDay: '2027-01-01' }] },
      'body.holidays[0].firstDay',
    ],
    [
      'a period ending before it starts',
      { holidays: [madeUp2027.holidays[0], { name: '春节', firstDay: '2027-02-06', lastDay: '2027-02-01' }] },
      'body.holidays[1].lastDay',
    ],
    [
      'overlapping periods',
      { holidays: [...madeUp2027.holidays, { name: 'Lantern', firstDay: '2027-02-14', lastDay: '2027-02-15' }] },
      'body.holidays[2].firstDay',
    ],
    ['a 调休 day on a Monday', { adjustedWorkingDays: ['2027-02-01'] }, 'body.adjustedWorkingDays[0]'],
    ['a 调休 day inside the break', { adjustedWorkingDays: ['2027-02-13'] }, 'body.adjustedWorkingDays[0]'],
  ])('PUT with %s is 422 naming the field, and writes nothing', async (_, change, field) => {
    const response = await put(2027, { ...madeUp2027, ...change });

    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field, message: expect.any(String) }]);
    expect(await versions()).toBe(0);
    expect(await audits()).toBe(0);
  });

  it('PUT with a date that does not exist or a year out of range is a 400 naming the field', async () => {
    const badDate = await put(2027, { ...madeUp2027, adjustedWorkingDays: ['2027-02-29'] });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.adjustedWorkingDays[0]']);
    const badYear = await put(1999, madeUp2027);
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().errors.map((e: { field: string }) => e.field)).toEqual(['params.year']);
    expect(await versions()).toBe(0);
  });

  it('PUT by staff loads 2027 as version 1, audited; GET, the list and the published pages show it', async () => {
    const response = await put(2027, madeUp2027);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      year: 2027,
      source: 'override',
      version: 1,
      overridesPackage: false,
      changedBy: staff.sub,
      adjustedWorkingDays: ['2027-01-30', '2027-02-20'],
      notice: madeUp2027.notice,
    });
    const [event] = await stack.orm.em.fork().find(AuditEvent, { action: 'service_calendar.year.load' });
    expect(event).toMatchObject({ actorSub: staff.sub, entityId: '2027:1' });
    expect(event!.details).toMatchObject({ year: 2027, version: 1, previousVersion: null, overridesPackage: false });

    const read = (await get('/service-calendar/years/2027')).json();
    expect(read).toMatchObject({ source: 'override', version: 1, holidays: madeUp2027.holidays });
    expect(read.changedBy).toBeUndefined(); // who loaded it is for the audit trail, not the public
    const list = (await get('/service-calendar/years')).json();
    expect(list.years.at(-1)).toMatchObject({ year: 2027, source: 'override', version: 1 });
    expect(list.missingYears).not.toContain(2027);
    expect((await get('/service-commitments')).json().notices.join()).not.toContain('2027');
    expect((await get('/readyz')).json().details.serviceCalendar.missingYears).not.toContain(2027);
  });

  it('a correction is version 2 of the year; loading a year the package knows overrides it and says so', async () => {
    const corrected = await put(2027, { ...madeUp2027, adjustedWorkingDays: ['2027-01-30'] });
    expect(corrected.json()).toMatchObject({ version: 2, adjustedWorkingDays: ['2027-01-30'] });

    const override = await put(2026, {
      holidays: [{ name: 'Test closure', firstDay: '2026-03-09', lastDay: '2026-03-10' }],
      adjustedWorkingDays: [],
      notice: { documentNumber: 'test', date: '2025-11-04' },
    });
    expect(override.json()).toMatchObject({ year: 2026, source: 'override', version: 1, overridesPackage: true });
    const list = (await get('/service-calendar/years')).json();
    expect(list.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ source: 'override' });
    expect(list.years.find((y: { year: number }) => y.year === 2025)).toMatchObject({ source: 'package' });
  });

  it('a loaded version is never edited in place: Postgres refuses UPDATE', async () => {
    await expect(
      stack.orm.em.fork().getConnection().execute(`update holiday_year_version set changed_by = 'someone else'`),
    ).rejects.toThrow(/append-only/);
  });
});
