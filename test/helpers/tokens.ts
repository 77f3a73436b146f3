import { hs256Signer } from '../../api/auth/tokens';
import type { Config } from '../../config/env';
import type { Principal, Role } from '../../domain/principal';

/** Fixed, recognisable ids (a token's ids are UUIDs, checked at the auth boundary). */
export const sampleIds = {
  consumer: '00000000-0000-4000-8000-00000000c001',
  merchantUser: '00000000-0000-4000-8000-00000000a001',
  merchant: '00000000-0000-4000-8000-00000000b001',
  courierUser: '00000000-0000-4000-8000-00000000a002',
  carrier: '00000000-0000-4000-8000-00000000b002',
  staff: '00000000-0000-4000-8000-00000000a003',
  ops: '00000000-0000-4000-8000-00000000a004',
  auditor: '00000000-0000-4000-8000-00000000a005',
} as const;

/** One principal per role, with the shop or carrier that role must carry. */
export const samplePrincipals: Record<Role, Principal> = {
  consumer: { sub: sampleIds.consumer, role: 'consumer' },
  merchant: { sub: sampleIds.merchantUser, role: 'merchant', merchantId: sampleIds.merchant },
  courier: { sub: sampleIds.courierUser, role: 'courier', carrierId: sampleIds.carrier },
  staff: { sub: sampleIds.staff, role: 'staff' },
  ops: { sub: sampleIds.ops, role: 'ops' },
  auditor: { sub: sampleIds.auditor, role: 'auditor' },
};

/** A valid token for the principal (or the sample principal of a role), signed like the app's. */
export function tokenFor(config: Pick<Config, 'AUTH_JWT_SECRET'>, who: Role | Principal): string {
  return hs256Signer(config.AUTH_JWT_SECRET).sign(typeof who === 'string' ? samplePrincipals[who] : who).token;
}

/** `headers: bearer(config, 'staff')` */
export function bearer(config: Pick<Config, 'AUTH_JWT_SECRET'>, who: Role | Principal): { authorization: string } {
  return { authorization: `Bearer ${tokenFor(config, who)}` };
}
