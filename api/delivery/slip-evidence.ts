import { createHash } from 'node:crypto';
import type { HandoverSlip, StoredSignature } from '../../db/entities/handover-slip.entity';
import { FieldCipherError, type FieldCipher } from '../../db/field-cipher';
import { canonicalJson, verifySlipSignature, type HandoverSigningKeys } from '../../domain/handover-signing';

export interface Recipient {
  name: string;
  phone: string;
  address: string;
}

/** null when the stored ciphertext does not authenticate (altered or moved). */
export function recipientOf(slip: HandoverSlip, cipher: FieldCipher): Recipient | null {
  try {
    return JSON.parse(cipher.decrypt(slip.recipientCiphertext, slip.recipientContext())) as Recipient;
  } catch (error) {
    if (error instanceof FieldCipherError) return null;
    throw error;
  }
}

/** Binds the delivery details into the signature without putting them in it. */
export function recipientDigest(slipId: string, recipient: Recipient | null): string {
  if (!recipient) return 'undecryptable';
  return createHash('sha256')
    .update(`${slipId}\n${canonicalJson(recipient)}`)
    .digest('hex');
}

/**
 * What both parties sign (T/QGCML 3125 §6.2.1): who hands what to whom — items, counts,
 * values, cash on delivery — and a digest of the delivery details. Computed from the row
 * as it is now, so a change after signing shows as a signature that no longer verifies.
 */
export function slipContent(slip: HandoverSlip, recipient: Recipient | null) {
  return {
    slipId: slip.id,
    orderId: slip.orderId,
    merchantId: slip.merchantId,
    carrierId: slip.carrierId,
    provider: slip.provider,
    packages: slip.packages,
    packageCount: slip.packages.length,
    itemCount: slip.itemCount,
    goodsValue: slip.goodsValue,
    declaredValue: slip.declaredValue,
    currency: slip.currency,
    cashOnDelivery: slip.codAmount,
    recipientDigest: recipientDigest(slip.id, recipient),
  };
}

export function verifySignature(
  keys: HandoverSigningKeys,
  slip: HandoverSlip,
  recipient: Recipient | null,
  stored: StoredSignature,
): boolean {
  const { signature, ...signer } = stored;
  return verifySlipSignature(keys, slipContent(slip, recipient), signer, signature);
}

/** Each signature with whether it verifies against the slip's current content. */
export function signaturesOf(keys: HandoverSigningKeys, slip: HandoverSlip, recipient: Recipient | null) {
  return [slip.merchantSignature, slip.carrierSignature]
    .filter((stored): stored is StoredSignature => stored !== null)
    .map((stored) => ({ ...stored, verified: verifySignature(keys, slip, recipient, stored) }));
}
