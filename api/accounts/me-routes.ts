import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { Account } from '../../db/entities/account.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { NotFoundError } from '../../domain/errors';
import { flushAudited } from '../shared/audit';
import { principalOf } from '../plugins/auth';
import { consentObjectionsSchema, consentsSchema, contactCorrectionSchema, myAccountSchema } from './schemas';
import { problemSchema } from '../shared/problem';

export interface MeRouteOptions {
  cipher: FieldCipher;
}

/** The caller's own account; a consumer token whose account is gone gets 404. */
async function myAccount(em: EntityManager, request: FastifyRequest): Promise<Account> {
  const { sub } = principalOf(request);
  const account = await em.findOne(Account, { id: sub });
  if (!account) throw new NotFoundError('account', sub);
  return account;
}

/**
 * Reads or changes the caller's own account and audits it in the same transaction
 * (§8.3.5): `act` changes the account if it must and says what to audit and answer.
 */
async function auditedOnMyAccount<View>(
  request: FastifyRequest,
  action: string,
  act: (account: Account) => { details?: Record<string, unknown>; view: View },
): Promise<View> {
  return request.em.transactional(async (em) => {
    const account = await myAccount(em, request);
    const { details, view } = act(account);
    await flushAudited(request, em, { action, entity: 'account', entityId: account.id, details });
    return view;
  });
}

function consentView(account: Account): z.infer<typeof consentsSchema> {
  return { consents: account.consents(), objections: [...account.consentObjections] };
}

/**
 * A consumer's own personal data (T/QGCML 3125 §7.2): view it, correct it, and object to
 * uses of it (§7.2.3 default opt-out). Contact details are decrypted only here, for their
 * owner, and every read and change is audited (§8.3.5) in the same transaction.
 */
const meRoutes: FastifyPluginAsyncZod<MeRouteOptions> = async (app, { cipher }) => {
  const access = { roles: ['consumer'] } as const;

  function view(account: Account): z.infer<typeof myAccountSchema> {
    return { id: account.id, email: account.email, ...account.contact(cipher), ...consentView(account) };
  }

  app.get(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'My account: contact details and consents',
        response: { 200: myAccountSchema, 404: problemSchema },
      },
      config: { access },
    },
    async (request) => auditedOnMyAccount(request, 'account.read_contact', (account) => ({ view: view(account) })),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Correct my contact details (name, phone, address; address null removes it)',
        body: contactCorrectionSchema,
        response: { 200: myAccountSchema, 404: problemSchema },
      },
      config: { access },
    },
    async (request) =>
      auditedOnMyAccount(request, 'account.correct_contact', (account) => {
        // Which fields changed, never their values.
        const fields = account.correctContact(request.body, cipher);
        return { details: { fields }, view: view(account) };
      }),
  );

  app.put(
    '/me/consents',
    {
      schema: {
        tags: ['me'],
        summary: 'Set the uses of my data I object to; every other use is consented to',
        body: consentObjectionsSchema,
        response: { 200: consentsSchema, 404: problemSchema },
      },
      config: { access },
    },
    async (request) =>
      auditedOnMyAccount(request, 'account.update_consents', (account) => {
        account.objectTo(request.body.objections);
        return { details: { objections: account.consentObjections }, view: consentView(account) };
      }),
  );
};

export default meRoutes;
