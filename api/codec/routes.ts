import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';
import { InvalidTokenError, type TokenVerifier } from '../auth/tokens';

/** Temporal's remote-codec wire format: proto3 JSON, bytes as base64. */
const jsonPayloadSchema = z.object({
  metadata: z.record(z.string(), z.base64()).optional(),
  data: z.base64().optional(),
});
const payloadsSchema = z.object({ payloads: z.array(jsonPayloadSchema).max(1000) }).meta({ id: 'CodecPayloads' });
type JsonPayload = z.infer<typeof jsonPayloadSchema>;

function fromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata:
      metadata &&
      Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: data === undefined ? undefined : Buffer.from(data, 'base64'),
  };
}

function toJson({ metadata, data }: Payload): JsonPayload {
  return {
    metadata: metadata
      ? Object.fromEntries(
          Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')]),
        )
      : undefined,
    data: data ? Buffer.from(data).toString('base64') : undefined,
  };
}

/**
 * The codec server the Temporal Web UI calls to show encrypted payloads in clear text
 * (T/QGCML 3125 §7.2: only authorised staff read personal data). Staff only; the UI's
 * origin is allowed by CORS (api/plugins/security.ts). `codecVerifier` accepts codec
 * tokens only (audience `storeops-codec`), which open nothing but these routes.
 */
const codecRoutes: FastifyPluginAsyncZod<{ codecVerifier: TokenVerifier }> = async (app, { codecVerifier }) => {
  const codec = new AesGcmPayloadCodec(app.config.PII_ENCRYPTION_KEY);
  const schema = { tags: ['operations'], body: payloadsSchema, response: { 200: payloadsSchema } };
  const access = { roles: ['staff'] } as const;

  // The Temporal dev server's Web UI sends no credentials to a codec endpoint, so in
  // development the launcher gives it an endpoint whose path carries a codec token it
  // minted: /codec/ui/<token>/decode. The dev UI shows that endpoint to anyone at its
  // /api/v1/settings, so the token has its own audience and opens these two routes only
  // (an API token is refused here, and a codec token everywhere else). It is masked in
  // logs; production has no such route (its UI passes the user's token to /codec/decode).
  if (app.config.NODE_ENV !== 'production') {
    // Any string: whatever is wrong with the token is a 401, like a bad bearer token.
    const tokenParams = z.object({ token: z.string() });
    const staffFromPath = async (token: string) => {
      const principal = await codecVerifier.verify(token).catch((error: unknown) => {
        if (error instanceof InvalidTokenError)
          throw new UnauthorizedError('the codec token in the path is invalid or expired');
        throw error;
      });
      if (principal.role !== 'staff') throw new ForbiddenError('only staff may read workflow payloads');
    };
    for (const direction of ['decode', 'encode'] as const) {
      app.post(
        `/codec/ui/:token/${direction}`,
        {
          schema: { ...schema, params: tokenParams, hide: true },
          config: { access: 'public' },
          // Before the body is parsed: a caller without a codec token learns nothing more.
          preValidation: async (request) => staffFromPath((request.params as { token: string }).token),
        },
        async (request) => {
          const payloads = request.body.payloads.map(fromJson);
          return {
            payloads: (await (direction === 'decode' ? codec.decode(payloads) : codec.encode(payloads))).map(toJson),
          };
        },
      );
    }
  }

  app.post(
    '/codec/decode',
    { schema: { ...schema, summary: 'Decrypt Temporal payloads (Web UI codec server)' }, config: { access } },
    async (request) => ({ payloads: (await codec.decode(request.body.payloads.map(fromJson))).map(toJson) }),
  );
  app.post(
    '/codec/encode',
    { schema: { ...schema, summary: 'Encrypt Temporal payloads (Web UI codec server)' }, config: { access } },
    async (request) => ({ payloads: (await codec.encode(request.body.payloads.map(fromJson))).map(toJson) }),
  );
};

export default codecRoutes;
