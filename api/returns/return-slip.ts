import type { StoredSignature } from '../../db/entities/handover-slip.entity';
import type { ReturnRequest } from '../../db/entities/return-request.entity';
import { verifySlipSignature, type HandoverSigningKeys } from '../../domain/handover-signing';

/**
 * What courier and merchant sign when the returned goods reach the merchant (T/QGCML 3125
 * §6.4 "once confirmed, the handover record is signed"; §6.2.1 items, counts, values, the
 * parties). Signed with the delivery slip's mechanism (domain/handover-signing.ts): the same
 * Ed25519 keys, a content that says it is a return slip, so neither can pass for the other.
 */
export function returnSlipContent(request: ReturnRequest) {
  const lines = request.lines.getItems();
  return {
    slipKind: 'return',
    returnId: request.id,
    orderId: request.orderId,
    merchantId: request.merchantId,
    carrierId: request.carrierId,
    provider: request.provider,
    shipmentId: request.shipmentId,
    items: lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
    })),
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    goodsValue: lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
    currency: request.currency,
  };
}

/** Each signature with whether it verifies against the slip's current content. */
export function returnSlipSignatures(keys: HandoverSigningKeys, request: ReturnRequest) {
  const content = returnSlipContent(request);
  return [request.merchantSignature, request.carrierSignature]
    .filter((stored): stored is StoredSignature => stored !== null)
    .map(({ signature, ...signer }) => ({
      ...signer,
      signature,
      verified: verifySlipSignature(keys, content, signer, signature),
    }));
}
