import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { InvalidInputError, NotFoundError } from '../../domain/errors';
import { arrangementProblems } from '../../domain/holiday-arrangement';
import { packageHolidayYears } from '../../domain/package-holidays';
import { principalOf } from '../plugins/auth';
import { auditFromRequest } from '../shared/audit';
import { problemSchema } from '../shared/problem';
import {
  changedHolidayYearSchema,
  holidayYearChangeSchema,
  holidayYearListSchema,
  holidayYearParamsSchema,
  presentLoadedYear,
  presentPackageYear,
  publishedHolidayYearSchema,
} from './calendar-schemas';
import { missingPublishedYears } from './calendar-status';
import { readOneRouteOptions } from '../shared/read-one-route';

/**
 * The statutory holidays the 5x8 calendar excludes (T/QGCML 3125 §4.7, §4.8), published with
 * the commitments: anyone reads them; staff load each year's State Council notice, which
 * applies to processes started afterwards and wins over the package's data for that year.
 */
const serviceCalendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/service-calendar/years',
    {
      config: { access: 'public' },
      schema: {
        tags: ['service commitments'],
        summary: 'Every year of statutory holidays the service calendar knows, and the years it lacks',
        response: { 200: holidayYearListSchema },
      },
    },
    async (request) => {
      const loaded = await request.em.getRepository(HolidayYearVersion).inForceAt(new Date());
      const byYear = new Map(packageHolidayYears().map((data) => [data.year, presentPackageYear(data.year)!]));
      for (const version of loaded) byYear.set(version.year, presentLoadedYear(version));
      const years = [...byYear.values()]
        .sort((a, b) => a.year - b.year)
        .map(({ year, source, version, notice }) => ({ year, source, version, notice }));
      return { years, ...(await missingPublishedYears(request.em, new Date())) };
    },
  );

  app.get(
    '/service-calendar/years/:year',
    readOneRouteOptions({
      tags: ['service commitments'],
      summary: "One year's holiday periods and adjusted working days (调休), and where they come from",
      params: holidayYearParamsSchema,
      view: publishedHolidayYearSchema,
      access: 'public',
      documentsMalformedId: true,
    }),
    async (request) => {
      const { year } = request.params;
      const loaded = await request.em.getRepository(HolidayYearVersion).currentOf(year);
      const published = loaded ? presentLoadedYear(loaded) : presentPackageYear(year);
      if (!published) throw new NotFoundError('statutory-holiday year', String(year));
      return published;
    },
  );

  app.put(
    '/service-calendar/years/:year',
    {
      config: { access: { roles: ['staff'] } },
      schema: {
        tags: ['service commitments'],
        summary: "Load the State Council's holiday notice for a year (applies to processes started afterwards)",
        description:
          'A new version of the year, audited; it wins over the package data for that year. 422 names the ' +
          'field that breaks a rule (a date outside the year, overlapping periods, a 调休 day that is not a ' +
          'weekend or falls inside a holiday).',
        params: holidayYearParamsSchema,
        body: holidayYearChangeSchema,
        response: { 200: changedHolidayYearSchema, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { year } = request.params;
      const [problem] = arrangementProblems(year, request.body);
      if (problem) throw new InvalidInputError(`body.${problem.field}`, `${problem.field}: ${problem.message}`);

      const loaded = await request.em.transactional(async (em) => {
        const versions = em.getRepository(HolidayYearVersion);
        const previous = await versions.latestForPublishing(year);
        const next = HolidayYearVersion.following(previous, {
          year,
          arrangement: request.body,
          changedBy: principal.sub,
          now: new Date(),
        });
        em.persist(next);
        // T/QGCML 3125 §8.3.5: the load and its audit event commit together.
        await auditFromRequest(
          request,
          {
            action: 'service_calendar.year.load',
            entity: 'holiday_year_version',
            entityId: `${year}:${next.version}`,
            details: {
              year,
              version: next.version,
              previousVersion: previous?.version ?? null,
              overridesPackage: presentPackageYear(year) !== null,
              noticeDocumentNumber: request.body.notice.documentNumber,
              noticeDate: request.body.notice.date,
            },
          },
          em,
        );
        return next;
      });
      return { ...presentLoadedYear(loaded), changedBy: loaded.changedBy };
    },
  );
};

export default serviceCalendarRoutes;
