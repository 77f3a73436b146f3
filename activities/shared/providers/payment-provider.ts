// The platform's view of a licensed payment provider (T/QGCML 3125 §4.6): what an
// activity may ask of it, whatever gateway sits behind (the sandbox in development and
// tests, a real provider's adapter in production). Shaped like real gateways: hold funds
// (authorize), take them (capture) or release them (void), give them back (refund), pay
// someone (payout, for advance compensation), and the records reconciliation needs (§7.1).
//
// Every call that moves money carries an idempotency key (derived from workflow id +
// step by the caller): the provider runs it once, however often a retry sends it.
import { UnavailableError } from '../../../domain/errors';

/** Integer minor units (fen for CNY) and an ISO 4217 currency code; never a float. */
export interface PaymentAmount {
  value: number;
  currency: string;
}

export interface AuthorizeRequest {
  amount: PaymentAmount;
  /** The token the storefront got from the provider's payment page; never card data. */
  paymentToken: string;
  /** Our id of what is paid for (the order id); the provider's ledger is searchable by it. */
  reference: string;
  idempotencyKey: string;
}

/** A decline is an answer about the consumer's payment, not a failure of the call. */
export type AuthorizeResult =
  | { status: 'authorized'; authorizationId: string }
  | { status: 'declined'; authorizationId: string; declineCode: string; message: string };

export interface CaptureRequest {
  authorizationId: string;
  /** Less than authorised captures part and releases the rest; omitted captures all. */
  amount?: PaymentAmount;
  idempotencyKey: string;
}

export interface CaptureResult {
  status: 'captured';
  captureId: string;
  authorizationId: string;
  amount: PaymentAmount;
}

export interface VoidRequest {
  authorizationId: string;
  idempotencyKey: string;
}

export interface VoidResult {
  status: 'voided';
  voidId: string;
  authorizationId: string;
}

/** Refund a capture, named by its id or by the authorisation it captured. */
export type RefundRequest = ({ captureId: string } | { authorizationId: string }) & {
  amount: PaymentAmount;
  /** A short code or sentence for the records; no personal data. */
  reason: string;
  idempotencyKey: string;
};

export interface RefundResult {
  status: 'refunded';
  refundId: string;
  captureId: string;
  amount: PaymentAmount;
  /** When the provider took the refund request (its own clock; the same on every retry of the key). */
  requestedAt: string;
  /** The day the provider settles it, YYYY-MM-DD; null when it does not say yet. */
  settlementDate: string | null;
}

export interface PayoutRequest {
  amount: PaymentAmount;
  /** An opaque account reference issued by the provider; never a name or card number. */
  beneficiary: string;
  reference: string;
  idempotencyKey: string;
}

export interface PayoutResult {
  status: 'paid';
  payoutId: string;
  amount: PaymentAmount;
}

export type PaymentTransactionType = 'authorization' | 'capture' | 'void' | 'refund' | 'payout';

/** One movement as the provider records it: the consumer's verifiable record (§7.1). */
export interface PaymentTransaction {
  id: string;
  type: PaymentTransactionType;
  /** authorization: authorized | declined | captured | voided; capture: succeeded | partially_refunded | refunded; others: succeeded */
  status: string;
  amount: PaymentAmount;
  reference: string;
  authorizationId: string | null;
  captureId: string | null;
  declineCode: string | null;
  createdAt: string;
  /** The day the money moved (captures, refunds, payouts), YYYY-MM-DD. */
  settlementDate: string | null;
}

/** The provider's statement of one day, for reconciliation (§7.1.2 "timely reconciliation"). */
export interface Settlement {
  date: string;
  items: PaymentTransaction[];
  totals: Array<{ currency: string; captured: number; refunded: number; paidOut: number; net: number }>;
}

export interface PaymentProvider {
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(request: CaptureRequest): Promise<CaptureResult>;
  void(request: VoidRequest): Promise<VoidResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  payout(request: PayoutRequest): Promise<PayoutResult>;
  /** null when the provider knows no such transaction. */
  getTransaction(id: string): Promise<PaymentTransaction | null>;
  /** `date` is YYYY-MM-DD. */
  listSettlements(date: string): Promise<Settlement>;
}

/**
 * The provider did not answer usefully (5xx, timeout, connection refused, rate limit,
 * the same key still in flight): retry with the same idempotency key.
 */
export class PaymentProviderUnavailable extends UnavailableError {
  override readonly name = 'PaymentProviderUnavailable';
  readonly retryable = true;
  constructor(
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The provider refused the request itself (4xx: invalid input, wrong state such as a
 * void after capture, an idempotency key reused with another request). Retrying sends
 * the same refusal back: list this name in `nonRetryableErrorTypes`.
 */
export class PaymentRequestRejected extends Error {
  override readonly name = 'PaymentRequestRejected';
  readonly retryable = false;
  constructor(
    /** The provider's words, kept for the operator. */
    readonly providerMessage: string,
    readonly httpStatus: number,
    /** The provider's machine-readable reason, e.g. `amount_too_large`, `invalid_state`. */
    readonly code: string,
  ) {
    super(`payment provider rejected the request (${httpStatus} ${code}): ${providerMessage}`);
  }
}
