import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';

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
const codecRoutes: FastifyPluginAsyncZod = async (app) => {
  const codec = new AesGcmPayloadCodec(app.config.PII_ENCRYPTION_KEY);
  const schema = { tags: ['operations'], body: payloadsSchema, response: { 200: payloadsSchema } };
  const access = { roles: ['staff'] } as const;

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
