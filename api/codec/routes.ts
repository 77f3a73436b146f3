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
 * origin is allowed by CORS (api/plugins/security.ts).
 */
const codecRoutes: FastifyPluginAsyncZod<{ verifier: TokenVerifier }> = async (app, { verifier }) => {
  const codec = new AesGcmPayloadCodec(app.config.PII_ENCRYPTION_KEY);
  const schema = { tags: ['operations'], body: payloadsSchema, response: { 200: payloadsSchema } };
  const access = { roles: ['staff'] } as const;

  // The Temporal dev server's Web UI sends no credentials to a codec endpoint, so in
  // development the launcher gives it an endpoint whose path carries a staff token it
  // minted: /codec/ui/<token>/decode. The token is checked like a bearer token (staff
  // only) and masked in logs; production has no such route (its UI logs in and passes
  // the user's access token to /codec/decode).
  if (app.config.NODE_ENV !== 'production') {
    const tokenParams = z.object({ token: z.string().min(20).max(4096) });
    const staffFromPath = async (token: string) => {
      const principal = await verifier.verify(token).catch((error: unknown) => {
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
        },
        async (request) => {
          await staffFromPath(request.params.token);
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
