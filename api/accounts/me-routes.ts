import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { Account } from '../../db/entities/account.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { NotFoundError } from '../../domain/errors';
import { auditFromRequest } from '../shared/audit';
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
    async (request) =>
      request.em.transactional(async (em) => {
        const account = await myAccount(em, request);
        await auditFromRequest(
          request,
          { action: 'account.read_contact', entity: 'account', entityId: account.id },
          em,
        );
        return view(account);
      }),
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
      request.em.transactional(async (em) => {
        const account = await myAccount(em, request);
        const fields = account.correctContact(request.body, cipher);
        await em.flush();
        // Which fields changed, never their values.
        const details = { fields };
        await auditFromRequest(
          request,
          { action: 'account.correct_contact', entity: 'account', entityId: account.id, details },
          em,
        );
        return view(account);
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
      request.em.transactional(async (em) => {
        const account = await myAccount(em, request);
        account.objectTo(request.body.objections);
        await em.flush();
        const details = { objections: account.consentObjections };
        await auditFromRequest(
          request,
          { action: 'account.update_consents', entity: 'account', entityId: account.id, details },
          em,
        );
        return consentView(account);
      }),
  );
};

export default meRoutes;
