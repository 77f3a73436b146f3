import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Merchant } from '../../db/entities/merchant.entity';
import { NotFoundError } from '../../domain/errors';
import { termsOfVersion } from '../../domain/terms';
import { prefersHtml } from '../commitments/page';
import { problemSchema } from '../shared/problem';
import { disclosureLinks } from './layout';
import { merchantsPage, overviewPage, platformPage, privacyPage, renderDisclosurePage, termsPage } from './pages';
import { merchantQualificationsView, platformView, privacyView, termsView } from './views';

const pageResponse = { 200: z.unknown(), 404: problemSchema };
const publicRoute = { access: 'public' as const };

/**
 * Public disclosure pages (T/QGCML 3125 §4.1.2, §4.5, §7.2.2, §7.2.3, §7.2.5): HTML for a
 * browser (Accept: text/html), JSON for everything else; each page links to the others.
 */
const disclosureRoutes: FastifyPluginAsyncZod = async (app) => {
  const platformName = app.config.PLATFORM_NAME;
  const answer = <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    data: T,
    page: (data: T) => { title: string; path: string; body: string },
  ) => {
    reply.header('vary', 'Accept');
    if (!prefersHtml(request.headers.accept)) return data;
    return reply.type('text/html; charset=utf-8').send(renderDisclosurePage({ ...page(data), platformName }));
  };
  const schema = (summary: string) => ({
    tags: ['disclosure'],
    summary,
    produces: ['application/json', 'text/html'],
    response: pageResponse,
  });

  // Browsers ask every site for an icon; there is none, and "none" is not an error.
  app.get('/favicon.ico', { schema: { hide: true }, config: publicRoute }, (_request, reply) => reply.code(204).send());

  app.get(
    '/disclosures',
    { schema: schema('Index of the public disclosure pages'), config: publicRoute },
    (req, reply) => answer(req, reply, { pages: disclosureLinks }, overviewPage),
  );

  app.get(
    '/disclosures/platform',
    { schema: schema("The platform's identity, licences and service content (§4.1.2, §4.5)"), config: publicRoute },
    (request, reply) => answer(request, reply, platformView(app.config), platformPage),
  );

  app.get(
    '/disclosures/merchants',
    { schema: schema("Every active merchant's filed qualifications (§4.4, §4.5)"), config: publicRoute },
    async (request, reply) => {
      const now = new Date();
      const merchants = await request.em.find(Merchant, { status: 'active' }, { orderBy: { name: 'asc' } });
      const items = merchants.map((merchant) => merchantQualificationsView(merchant, now));
      return answer(request, reply, { items }, (data) => merchantsPage(data.items));
    },
  );

  app.get(
    '/disclosures/merchants/:id',
    {
      schema: { ...schema("One merchant's filed qualifications (§4.5)"), params: z.object({ id: z.uuid() }) },
      config: publicRoute,
    },
    async (request, reply) => {
      const merchant = await request.em.findOne(Merchant, { id: request.params.id });
      if (!merchant) throw new NotFoundError('merchant', request.params.id);
      const view = merchantQualificationsView(merchant, new Date());
      return answer(request, reply, view, (data) => ({ ...merchantsPage([data]), path: '/disclosures/merchants' }));
    },
  );

  app.get(
    '/disclosures/terms',
    {
      schema: {
        ...schema('The terms of sale, current or of a given version (§7.2.5)'),
        querystring: z.object({ version: z.string().max(32).optional() }),
      },
      config: publicRoute,
    },
    (request, reply) => {
      const { version } = request.query;
      const terms = version === undefined ? undefined : termsOfVersion(version);
      if (version !== undefined && !terms) throw new NotFoundError('terms version', version);
      return answer(request, reply, termsView(terms), termsPage);
    },
  );

  app.get(
    '/disclosures/privacy',
    { schema: schema("The privacy notice and the consumer's choices (§7.2.2, §7.2.3)"), config: publicRoute },
    (request, reply) => answer(request, reply, privacyView(app.config), privacyPage),
  );
};

export default disclosureRoutes;
