import { listenSandbox, type RunningSandbox } from '../shared/listen';
import { buildPaymentGateway } from './app';
import { createSandboxDb } from '../shared/schema-db';
import { ledgerSchema } from './db';
import type { Faults } from './schemas';

export interface StartPaymentGatewayOptions {
  databaseUrl: string;
  /** 0 picks a free port (tests). */
  port: number;
  apiKey: string;
  host?: string;
  faults?: Partial<Faults>;
  logLevel?: string;
}

export type RunningPaymentGateway = RunningSandbox;

/**
 * Creates the ledger schema if needed and listens: what server.ts runs, and what the
 * launcher or a test stack can run in-process.
 */
export async function startPaymentGateway(options: StartPaymentGatewayOptions): Promise<RunningPaymentGateway> {
  const db = createSandboxDb(options.databaseUrl);
  try {
    await ledgerSchema.ensure(db);
    const app = await buildPaymentGateway({
      db,
      apiKey: options.apiKey,
      faults: options.faults,
      logLevel: options.logLevel ?? 'warn',
    });
    return await listenSandbox(app, options, { afterClose: () => db.destroy() });
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
