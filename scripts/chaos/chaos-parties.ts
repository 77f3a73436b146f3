// Who acts on the orders after their decision, besides the shop and its consumers: staff
// (two people, for the two-person approval of §4.8), the carrier registered for the run
// (POST /carriers) with one of its couriers, and the sandbox carrier's back office (its
// admin API moves shipments and delivers the signed webhooks). Also the polling every
// script needs to see a process move on.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { hs256Signer } from '../../api/auth/tokens';
import type { Config } from '../../config/env';
import { sampleCarrierContract } from '../../test/helpers/delivery-fixtures';
import { retryingClient, type Answer, type RetryingClient } from './retrying-client';

export interface ChaosParties {
  api: RetryingClient;
  /** The sandbox carrier's admin API, with its key: what its couriers' scanners call. */
  carrierAdmin: RetryingClient;
  carrierKey: Record<string, string>;
  carrierId: string;
  courier: Record<string, string>;
  staff: [Record<string, string>, Record<string, string>];
  /** The run's database, for the one lookup no route offers (an order's slip, see handover-scripts). */
  orm: () => MikroORM;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function registerParties(config: Config, api: RetryingClient, orm: () => MikroORM): Promise<ChaosParties> {
  const signer = hs256Signer(config.AUTH_JWT_SECRET);
  // Long enough for the largest run; the run's own signer, as `npm run token` would mint them.
  const token = (principal: Parameters<typeof signer.sign>[0]) => bearer(signer.sign(principal, 6 * 3600).token);
  const staff: ChaosParties['staff'] = [
    token({ sub: randomUUID(), role: 'staff' }),
    token({ sub: randomUUID(), role: 'staff' }),
  ];
  const carrier = await api.call('POST', '/carriers', staff[0], {
    name: 'Chaos Express',
    contactEmail: `chaos-${randomUUID().slice(0, 8)}@carrier.example`,
    contractTerms: sampleCarrierContract,
  });
  if (carrier.status !== 201) throw new Error(`registering the carrier answered ${carrier.status}`);
  const carrierId = String(carrier.body.id);
  return {
    api,
    carrierAdmin: retryingClient(config.LOGISTICS_SANDBOX_URL),
    carrierKey: bearer(config.LOGISTICS_SANDBOX_API_KEY),
    carrierId,
    courier: token({ sub: randomUUID(), role: 'courier', carrierId }),
    staff,
    orm,
  };
}

/** Pushes a carrier event for a shipment (the admin API records it and sends the signed webhook). */
export async function carrierEvent(parties: ChaosParties, shipmentId: string, type: string): Promise<string> {
  const answer = await parties.carrierAdmin.call('POST', `/admin/shipments/${shipmentId}/events`, parties.carrierKey, {
    type,
  });
  if (answer.status !== 201) throw new Error(`carrier event ${type} answered ${answer.status}`);
  return String((answer.body.event as { id: string }).id);
}

/**
 * Redelivers carrier events, as a carrier does when an acknowledgement never came: the
 * webhook route drops a duplicate, so only a lost one has an effect.
 */
export async function redeliver(parties: ChaosParties, eventIds: string[]): Promise<void> {
  for (const id of eventIds)
    await parties.carrierAdmin.call('POST', `/admin/events/${id}/redeliver`, parties.carrierKey);
}

const POLL_MS = 250;
/** Long enough for a Temporal restart and the workers to reconnect on a loaded machine. */
export const WAIT_MS = 5 * 60_000;

/**
 * Reads until `ok`, or throws after WAIT_MS naming `what` and the last answer. `nudge`
 * runs every 20 s of waiting (e.g. a redelivery), for what only a lost message holds up.
 */
export async function readUntil(
  read: () => Promise<Answer>,
  ok: (body: Record<string, unknown>) => boolean,
  what: string,
  nudge?: () => Promise<void>,
): Promise<Record<string, unknown>> {
  const started = Date.now();
  let nudged = started;
  let last: Answer | undefined;
  let polls = 0;
  while (Date.now() - started < WAIT_MS) {
    last = await read();
    if (last.status === 200 && ok(last.body)) return last.body;
    if (nudge && Date.now() - nudged > 20_000) {
      nudged = Date.now();
      await nudge();
    }
    // Quick at first (most steps take a second or two), then easing off the API.
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS * 2 ** polls++, 2_000)));
  }
  throw new Error(
    `${what}: not reached in ${WAIT_MS / 60_000} min (last ${last?.status} ${JSON.stringify(last?.body)})`,
  );
}
