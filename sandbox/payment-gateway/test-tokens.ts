/**
 * Test payment tokens, like Stripe's test cards: the token decides the outcome, so every
 * branch of the platform's payment handling can be reached on purpose.
 */
export type TokenBehaviour =
  | { kind: 'approve' }
  | { kind: 'decline'; declineCode: string; message: string }
  /** Answers 503 for the first `failures` attempts of one Idempotency-Key, then approves. */
  | { kind: 'flaky'; failures: number };

export const TEST_TOKENS: Record<string, TokenBehaviour> = {
  tok_ok: { kind: 'approve' },
  tok_decline_insufficient_funds: {
    kind: 'decline',
    declineCode: 'insufficient_funds',
    message: 'The card has insufficient funds to complete the purchase.',
  },
  tok_decline_card_expired: { kind: 'decline', declineCode: 'card_expired', message: 'The card has expired.' },
  tok_fail_gateway: { kind: 'flaky', failures: 2 },
};

export function tokenBehaviour(paymentToken: string): TokenBehaviour | undefined {
  return Object.hasOwn(TEST_TOKENS, paymentToken) ? TEST_TOKENS[paymentToken] : undefined;
}
