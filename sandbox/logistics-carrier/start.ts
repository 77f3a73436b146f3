import { listenSandbox, type RunningSandbox } from '../shared/listen';
import { buildLogisticsCarrier } from './app';
import { createSandboxDb } from '../shared/schema-db';
import { carrierSchema } from './db';
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

export type RunningLogisticsCarrier = RunningSandbox;

/** Creates the carrier's schema if needed and listens: what server.ts, `npm start` and tests run. */
export async function startLogisticsCarrier(options: StartLogisticsCarrierOptions): Promise<RunningLogisticsCarrier> {
  const db = createSandboxDb(options.databaseUrl);
  const { webhookUrl } = options;
  const webhooks = new WebhookSender(db, {
    url: typeof webhookUrl === 'string' ? () => webhookUrl : webhookUrl,
    secret: options.webhookSecret,
    ...options.webhookRetry,
  });
  try {
    await carrierSchema.ensure(db);
    const app = await buildLogisticsCarrier({
      db,
      apiKey: options.apiKey,
      webhooks,
      logLevel: options.logLevel ?? 'warn',
    });
    return await listenSandbox(app, options, {
      beforeClose: () => webhooks.close(),
      afterClose: () => db.destroy(),
    });
  } catch (error) {
    webhooks.close();
    await db.destroy();
    throw error;
  }
}
