import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { normaliseEmail } from '../../db/entities/account.entity';
import { BadCredentialsError, logIn, registerConsumer, type AccountServices } from './accounts';
import { sendProblem } from '../plugins/error-handler';
import { credentialsSchema, issuedTokenSchema, registeredSchema, registrationSchema } from './schemas';
import { problemSchema } from '../shared/problem';

function originOf(request: FastifyRequest) {
  return { ip: request.ip, requestId: String(request.id) };
}

/**
 * Consumer sign-up and login (T/QGCML 3125 §8.3.1): the tokens the rest of the API
 * checks (api/plugins/auth.ts). Other roles get theirs from their identity provider or,
 * in development, `npm run token`.
 */
const authRoutes: FastifyPluginAsyncZod<AccountServices> = async (app, services) => {
  // Tighter than the general limits (config/env.ts RATE_LIMIT_*): per address on /auth/*
  // (credential stuffing across accounts), per address and account on login (guessing).
  const { RATE_LIMIT_AUTH_PER_MINUTE, RATE_LIMIT_LOGIN_PER_MINUTE } = app.config;
  const perAddress = app.createRateLimit({
    max: RATE_LIMIT_AUTH_PER_MINUTE,
    timeWindow: '1 minute',
    keyGenerator: (request) => `auth|${request.ip}`,
  });
  /** Route-level limiter on top of the per-account one: many accounts tried from one address. */
  async function limitPerAddress(request: FastifyRequest): Promise<void> {
    const limit = await perAddress(request);
    if (!limit.isAllowed && limit.isExceeded)
      throw Object.assign(new Error(`Too many requests; retry in ${limit.ttlInSeconds} s.`), { statusCode: 429 });
  }

  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign up as a consumer; answers with a token',
        body: registrationSchema,
        response: { 201: registeredSchema, 409: problemSchema, 429: problemSchema },
      },
      config: { access: 'public', rateLimit: { max: RATE_LIMIT_AUTH_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { email, password, name, phone, address } = request.body;
      const { account, token } = await registerConsumer(
        request.em,
        services,
        { email, password, contact: { name, phone, address: address ?? null } },
        originOf(request),
      );
      return reply.code(201).send({ id: account.id, token: token.token, expiresAt: token.expiresAt.toISOString() });
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; answers with a token',
        body: credentialsSchema,
        response: { 200: issuedTokenSchema, 401: problemSchema, 429: problemSchema },
      },
      onRequest: limitPerAddress,
      config: {
        access: 'public',
        // Counted once the body is parsed, per address and account; the e-mail enters the
        // key only as a keyed fingerprint, so the limiter's memory holds no personal data.
        rateLimit: {
          max: RATE_LIMIT_LOGIN_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) =>
            `login|${request.ip}|${services.cipher.fingerprint(normaliseEmail((request.body as { email: string }).email))}`,
        },
      },
    },
    async (request, reply) => {
      try {
        const token = await logIn(request.em, services, request.body, originOf(request));
        return { token: token.token, expiresAt: token.expiresAt.toISOString() };
      } catch (error) {
        if (!(error instanceof BadCredentialsError)) throw error;
        reply.header('www-authenticate', 'Bearer realm="storeops"');
        return sendProblem(reply, request, { status: 401, detail: 'The e-mail or the password is wrong.' });
      }
    },
  );
};

export default authRoutes;
