import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { z } from 'zod';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { UnavailableError } from '../../domain/errors';
import { HolidayCalendar } from '../../domain/holiday-calendar';
import { publishedCalendarNotices } from '../../domain/service-commitment-text';
import { auditFromRequest } from '../shared/audit';
import { principalOf } from '../plugins/auth';
import { problemSchema } from '../shared/problem';
import {
  changedServiceCommitmentsSchema,
  changedTerms,
  presentServiceCommitments,
  publishedServiceCommitmentsSchema,
  serviceCommitmentsChangeSchema,
} from './schemas';
import { prefersHtml, renderServiceCommitmentsPage } from './page';

const STARTUP_READ_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

/**
 * The published service commitments (T/QGCML 3125 §4.7, §4.8): anyone reads the version in
 * force, as JSON or as a page; staff publish a new version, which applies to processes
 * started afterwards (a running process keeps the version it resolved its deadlines from).
 */
const serviceCommitmentRoutes: FastifyPluginAsyncZod = async (app) => {
  // Say it once at start-up too: a year without the State Council's holiday arrangement
  // makes 5x8 deadlines count plain weekdays until staff load its notice. Postgres may not
  // answer yet (the API starts anyway): then the package's years are all we can tell.
  app.addHook('onReady', async () => {
    const holidays = await withTimeout(
      app.orm.em.fork().getRepository(HolidayYearVersion).calendarInForceAt(new Date()),
      STARTUP_READ_TIMEOUT_MS,
    ).catch(() => HolidayCalendar.packageOnly());
    for (const notice of publishedCalendarNotices(new Date(), '5x8', holidays))
      app.log.warn({ notice }, 'service calendar: statutory-holiday data missing, 5x8 counts plain weekdays');
  });

  app.get(
    '/service-commitments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['service commitments'],
        summary: 'The service commitments in force: calendar and response times (T/QGCML 3125 §4.7, §4.8)',
        description:
          'JSON by default; a readable HTML page (text/html) when the client prefers it, as browsers do ' +
          '(`Accept: text/html`).',
        response: {
          200: {
            description: 'The commitments in force: JSON, or an HTML page for clients that prefer text/html',
            content: {
              'application/json': { schema: publishedServiceCommitmentsSchema },
              'text/html': { schema: z.string() },
            },
          },
          503: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const version = await request.em.getRepository(ServiceCommitmentVersion).current();
      if (!version) throw new UnavailableError('no service commitments are in force: run the database migrations');
      const holidays = await request.em.getRepository(HolidayYearVersion).calendarInForceAt(new Date());
      const published = presentServiceCommitments(version, holidays);
      void reply.header('vary', 'Accept');
      if (!prefersHtml(request.headers.accept)) return published;
      // A string with a non-JSON content type is sent as is (the document's text/html).
      return reply.type('text/html; charset=utf-8').send(renderServiceCommitmentsPage(published));
    },
  );

  app.put(
    '/service-commitments',
    {
      config: { access: { roles: ['staff'] } },
      schema: {
        tags: ['service commitments'],
        summary: 'Publish a new version of the service commitments (applies to processes started afterwards)',
        body: serviceCommitmentsChangeSchema,
        response: { 200: changedServiceCommitmentsSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { reason, ...commitments } = request.body;
      const published = await request.em.transactional(async (em) => {
        const versions = em.getRepository(ServiceCommitmentVersion);
        const previous = await versions.latestForPublishing();
        const next = ServiceCommitmentVersion.following(previous, {
          commitments,
          changedBy: principal.sub,
          reason,
          now: new Date(),
        });
        em.persist(next);
        // T/QGCML 3125 §8.3.5: the change and its audit event commit together.
        await auditFromRequest(
          request,
          {
            action: 'service_commitments.update',
            entity: 'service_commitment_version',
            entityId: String(next.version),
            details: {
              version: next.version,
              previousVersion: previous?.version ?? null,
              // Parsed, so a term added since (with its default) is not reported as changed.
              changed: changedTerms(previous?.parsedCommitments(), next.commitments),
            },
          },
          em,
        );
        return next;
      });
      const holidays = await request.em.getRepository(HolidayYearVersion).calendarInForceAt(new Date());
      return {
        ...presentServiceCommitments(published, holidays),
        changedBy: published.changedBy,
        reason: published.reason,
      };
    },
  );
};

export default serviceCommitmentRoutes;
