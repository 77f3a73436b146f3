import type { HandoverSlip } from '../../db/entities/handover-slip.entity';
import type { FieldCipher } from '../../db/field-cipher';
import type { HandoverSigningKeys } from '../../domain/handover-signing';
import type { SlipView } from './schemas';
import { recipientOf, signaturesOf, slipContent } from './slip-evidence';

function statusOf(slip: HandoverSlip): SlipView['status'] {
  if (slip.merchantSignature && slip.carrierSignature) return 'signed';
  if (slip.merchantSignature) return 'signed_by_merchant';
  if (slip.carrierSignature) return 'signed_by_carrier';
  return 'draft';
}

/**
 * The slip as a party or staff sees it: its signed content, each signature with whether it
 * verifies now, and the public keys to check them with. The delivery details only for the
 * two parties of the handover (§7.2 minimum necessary); staff see that they exist.
 */
export function toSlipView(
  slip: HandoverSlip,
  cipher: FieldCipher,
  keys: HandoverSigningKeys,
  showRecipient: boolean,
): SlipView {
  const recipient = recipientOf(slip, cipher);
  return {
    id: slip.id,
    orderId: slip.orderId,
    merchantId: slip.merchantId,
    carrierId: slip.carrierId,
    status: statusOf(slip),
    content: slipContent(slip, recipient),
    recipient: showRecipient ? recipient : null,
    signatures: signaturesOf(keys, slip, recipient),
    publicKeys: {
      merchant: { keyId: keys.merchant.keyId, pem: keys.merchant.publicKeyPem },
      carrier: { keyId: keys.carrier.keyId, pem: keys.carrier.publicKeyPem },
    },
    handedOverAt: slip.handedOverAt?.toISOString() ?? null,
    shipmentId: slip.shipmentId,
    deliveredAt: slip.deliveredAt?.toISOString() ?? null,
    createdAt: slip.createdAt.toISOString(),
  };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A printable copy: the same facts as the JSON copy, laid out for paper. */
export function slipCopyHtml(view: SlipView, party: string): string {
  const content = view.content as ReturnType<typeof slipContent>;
  const rows = content.packages
    .flatMap((pkg, p) =>
      pkg.items.map(
        (item) =>
          `<tr><td>${p + 1}</td><td>${escape(item.name)}</td><td>${item.quantity}</td><td>${item.unitPrice}</td></tr>`,
      ),
    )
    .join('');
  const signatures = view.signatures
    .map(
      (s) =>
        `<li>${escape(s.party)}: ${escape(s.custodianName)} (${escape(s.sub)}), ${escape(s.signedAt)} — ` +
        `${s.verified ? 'verified' : 'DOES NOT VERIFY'}<br><code>${escape(s.keyId)} ${escape(s.signature)}</code></li>`,
    )
    .join('');
  const recipient = view.recipient
    ? `<p>Deliver to / 收件人: ${escape(view.recipient.name)}, ${escape(view.recipient.phone)}, ${escape(view.recipient.address)}</p>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Handover slip ${view.id}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}code{font-size:.8em;word-break:break-all}</style></head>
<body><h1>交接单 / Handover slip</h1><p>${escape(party)} copy · slip ${view.id} · order ${view.orderId}</p>
<p>Merchant ${view.merchantId} → carrier ${view.carrierId} · ${content.packageCount} package(s), ${content.itemCount} item(s) ·
goods ${content.goodsValue} · declared ${content.declaredValue} ${escape(content.currency)} · COD ${content.cashOnDelivery ?? '—'}</p>
${recipient}<table><tr><th>Pkg</th><th>Item</th><th>Qty</th><th>Unit price</th></tr>${rows}</table>
<h2>Signatures (Ed25519)</h2><ul>${signatures || '<li>none yet</li>'}</ul>
<p>Handed over: ${escape(view.handedOverAt ?? '—')}</p>
<h2>Public keys</h2><pre>${escape(view.publicKeys.merchant!.pem)}${escape(view.publicKeys.carrier!.pem)}</pre></body></html>`;
}
