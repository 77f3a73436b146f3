import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { GatewayError, registerErrorHandler, sendGatewayError } from '../payment-gateway/errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The skeleton every sandbox provider shares, as a real provider's API behaves: zod
 * validation, its own error format, an API key on every call but /healthz (compared in
 * constant time), and a small body limit. The provider adds its routes.
 */
export function createProviderApp(options: { apiKey: string; logLevel?: string }) {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const expectedKey = digest(options.apiKey);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expectedKey))
      return sendGatewayError(
        reply,
        new GatewayError(401, 'authentication_error', 'invalid_api_key', 'Invalid API key provided.'),
      );
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  return app;
}
