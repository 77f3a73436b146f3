import type { AddressInfo } from 'node:net';
import { buildLogisticsCarrier } from './app';
import { createCarrierDb, ensureCarrierSchema } from './db';
import { WebhookSender } from './webhooks';

export interface StartLogisticsCarrierOptions {
  databaseUrl: string;
  /** 0 picks a free port (tests). */
  port: number;
  apiKey: string;
  /** The platform's webhook endpoint; a function when it is known only later (tests). */
  webhookUrl: string | (() => string);
  /** The platform's LOGISTICS_WEBHOOK_SECRET. */
  webhookSecret: string;
  host?: string;
  logLevel?: string;
  /** Webhook retry pacing (tests shorten it). */
  webhookRetry?: { maxAttempts?: number; firstRetryMs?: number };
}

export interface RunningLogisticsCarrier {
  /** Base URL, e.g. http://127.0.0.1:3102 */
  url: string;
  close(): Promise<void>;
}

/** Creates the carrier's schema if needed and listens: what server.ts, `npm start` and tests run. */
export async function startLogisticsCarrier(options: StartLogisticsCarrierOptions): Promise<RunningLogisticsCarrier> {
  const db = createCarrierDb(options.databaseUrl);
  const { webhookUrl } = options;
  const webhooks = new WebhookSender(db, {
    url: typeof webhookUrl === 'string' ? () => webhookUrl : webhookUrl,
    secret: options.webhookSecret,
    ...options.webhookRetry,
  });
  try {
    await ensureCarrierSchema(db);
    const app = await buildLogisticsCarrier({
      db,
      apiKey: options.apiKey,
      webhooks,
      logLevel: options.logLevel ?? 'warn',
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port, host });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://${host}:${port}`,
      async close() {
        webhooks.close();
        await app.close();
        await db.destroy();
      },
    };
  } catch (error) {
    webhooks.close();
    await db.destroy();
    throw error;
  }
}
