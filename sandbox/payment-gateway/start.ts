import type { AddressInfo } from 'node:net';
import { buildPaymentGateway } from './app';
import { createLedgerDb, ensureLedgerSchema } from './db';
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

export interface RunningPaymentGateway {
  /** Base URL, e.g. http://127.0.0.1:3101 */
  url: string;
  close(): Promise<void>;
}

/**
 * Creates the ledger schema if needed and listens: what server.ts runs, and what the
 * launcher or a test stack can run in-process.
 */
export async function startPaymentGateway(options: StartPaymentGatewayOptions): Promise<RunningPaymentGateway> {
  const db = createLedgerDb(options.databaseUrl);
  try {
    await ensureLedgerSchema(db);
    const app = await buildPaymentGateway({
      db,
      apiKey: options.apiKey,
      faults: options.faults,
      logLevel: options.logLevel ?? 'warn',
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port, host });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://${host}:${port}`,
      async close() {
        await app.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
