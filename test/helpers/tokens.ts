import { hs256Signer } from '../../api/auth/tokens';
import type { Config } from '../../config/env';
import type { Principal, Role } from '../../domain/principal';

/** One principal per role, with the shop or carrier that role must carry. */
export const samplePrincipals: Record<Role, Principal> = {
  consumer: { sub: 'c-1', role: 'consumer' },
  merchant: { sub: 'm-user-1', role: 'merchant', merchantId: 'm-1' },
  courier: { sub: 'k-user-1', role: 'courier', carrierId: 'k-1' },
  staff: { sub: 's-1', role: 'staff' },
  ops: { sub: 'o-1', role: 'ops' },
  auditor: { sub: 'a-1', role: 'auditor' },
};

/** A valid token for the principal (or the sample principal of a role), signed like the app's. */
export function tokenFor(config: Pick<Config, 'AUTH_JWT_SECRET'>, who: Role | Principal): string {
  return hs256Signer(config.AUTH_JWT_SECRET).sign(typeof who === 'string' ? samplePrincipals[who] : who).token;
}

/** `headers: bearer(config, 'staff')` */
export function bearer(config: Pick<Config, 'AUTH_JWT_SECRET'>, who: Role | Principal): { authorization: string } {
  return { authorization: `Bearer ${tokenFor(config, who)}` };
}
