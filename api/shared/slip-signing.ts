import { z } from 'zod';
import type { SlipParty, StoredSignature } from '../../db/entities/handover-slip.entity';
import { NotFoundError } from '../../domain/errors';
import { signSlip, type HandoverSigningKeys } from '../../domain/handover-signing';
import type { Principal } from '../../domain/principal';

/**
 * Who a principal is on a slip (a delivery handover slip or a return slip): its merchant, a
 * courier of its carrier, or staff; anyone else is not a party and must not learn it exists.
 */
export function slipPartyOf(
  principal: Principal,
  slip: { merchantId: string; carrierId: string | null },
): SlipParty | 'staff' | null {
  if (principal.role === 'staff') return 'staff';
  if (principal.role === 'merchant' && principal.merchantId === slip.merchantId) return 'merchant';
  if (principal.role === 'courier' && slip.carrierId && principal.carrierId === slip.carrierId) return 'carrier';
  return null;
}

/**
 * The slip and the party a principal signs it or keeps a copy as: its merchant or a
 * courier of its carrier. Staff and outsiders get the 404 a missing slip gets (`ref`).
 */
export function signingPartyOn<Slip extends { merchantId: string; carrierId: string | null }>(
  principal: Principal,
  slip: Slip | null,
  ref: { entity: string; id: string },
): { slip: Slip; party: SlipParty } {
  const party = slip && slipPartyOf(principal, slip);
  if (!slip || (party !== 'merchant' && party !== 'carrier')) throw new NotFoundError(ref.entity, ref.id);
  return { slip, party };
}

/** The slip field that holds a party's signature. */
export function signatureFieldOf(party: SlipParty): 'merchantSignature' | 'carrierSignature' {
  return party === 'merchant' ? 'merchantSignature' : 'carrierSignature';
}

/**
 * One party's signature over a slip's content (T/QGCML 3125 §6.2.2): who signed, the named
 * custodian, when, and with which key, so each copy verifies on its own.
 */
export function signSlipAs(
  signingKeys: HandoverSigningKeys,
  party: SlipParty,
  principal: Principal,
  custodianName: string,
  content: Parameters<typeof signSlip>[1],
): StoredSignature {
  const signer = { party, sub: principal.sub, custodianName, signedAt: new Date().toISOString() };
  return { ...signer, keyId: signingKeys[party].keyId, signature: signSlip(signingKeys, content, signer) };
}

/** A party's signature as a slip view shows it; delivery and return slips alike. */
export const slipSignatureViewSchema = z.object({
  party: z.enum(['merchant', 'carrier']),
  sub: z.string(),
  custodianName: z.string(),
  signedAt: z.string(),
  keyId: z.string(),
  signature: z.string(),
  verified: z.boolean(),
});
