import { InvalidInputError } from '../../../domain/errors';
import {
  assertEligible,
  assertInspectionConsistent,
  assertQuantitiesAvailable,
  quantitiesLeft,
  refundAmount,
  refundAttentionAt,
  returnWindowTerm,
  type EligibilityFacts,
} from '../../../domain/returns';

const fieldOf = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof InvalidInputError) return error.field;
    throw error;
  }
};

const delivered: EligibilityFacts = {
  kind: 'return',
  reason: 'no_reason',
  orderStatus: 'delivered',
  deliveredAt: new Date('2026-11-02T10:00:00Z'),
  deliverBy: new Date('2026-11-05T10:00:00Z'),
  windowEndsAt: new Date('2026-11-09T10:00:00Z'),
  now: new Date('2026-11-04T10:00:00Z'),
};

describe('who may ask for a return, and until when (T/QGCML 3125 §6.4, §4.8)', () => {
  it('accepts a delivered order within its window', () => {
    expect(fieldOf(() => assertEligible(delivered))).toBeUndefined();
  });

  it('refuses an order not yet delivered, naming the type', () => {
    expect(fieldOf(() => assertEligible({ ...delivered, orderStatus: 'in_transit', deliveredAt: null }))).toBe('type');
  });

  it('refuses a request after the window, naming the reason', () => {
    expect(fieldOf(() => assertEligible({ ...delivered, now: new Date('2026-11-09T10:00:01Z') }))).toBe('reason');
  });

  it('lets a consumer claim missing goods never delivered once the delivery deadline passed', () => {
    const undelivered = { ...delivered, kind: 'refund_only' as const, reason: 'missing' as const };
    const notYet = { ...undelivered, orderStatus: 'in_transit', deliveredAt: null };
    expect(fieldOf(() => assertEligible(notYet))).toBe('reason');
    expect(fieldOf(() => assertEligible({ ...notYet, now: new Date('2026-11-05T10:00:01Z') }))).toBeUndefined();
  });

  it('gives goods with a fault of the merchant’s the longer window (§4.8)', () => {
    expect(returnWindowTerm('no_reason')).toBe('returnWindow');
    expect(returnWindowTerm('quality')).toBe('faultReturnWindow');
    expect(returnWindowTerm('wrong_item')).toBe('faultReturnWindow');
  });
});

describe('what is left to return per product (T/QGCML 3125 §5.3 counts match)', () => {
  const ordered = [
    { productId: 'tea', quantity: 2 },
    { productId: 'cups', quantity: 1 },
  ];

  it('is what was delivered minus what earlier returns hold', () => {
    const left = quantitiesLeft(ordered, [{ productId: 'tea', quantity: 1 }]);
    expect(Object.fromEntries(left)).toEqual({ tea: 1, cups: 1 });
  });

  it('refuses more than is left, naming the line’s quantity; lines of one product add up', () => {
    const left = quantitiesLeft(ordered, [{ productId: 'tea', quantity: 1 }]);
    expect(fieldOf(() => assertQuantitiesAvailable([{ productId: 'tea', quantity: 2 }], left))).toBe(
      'items.0.quantity',
    );
    expect(
      fieldOf(() =>
        assertQuantitiesAvailable(
          [
            { productId: 'cups', quantity: 1 },
            { productId: 'tea', quantity: 1 },
            { productId: 'tea', quantity: 1 },
          ],
          left,
        ),
      ),
    ).toBe('items.2.quantity');
  });

  it('refuses a product that is not on the order, naming the line’s productId', () => {
    expect(
      fieldOf(() => assertQuantitiesAvailable([{ productId: 'pot', quantity: 1 }], quantitiesLeft(ordered, []))),
    ).toBe('items.0.productId');
  });
});

describe('an inspection’s counts (T/QGCML 3125 §6.4 goods checked against the order)', () => {
  const line = { productId: 'tea', requested: 2, received: 2, accepted: 1, condition: 'as_new' as const };
  it('cannot receive more than was returned, nor accept more than was received', () => {
    expect(fieldOf(() => assertInspectionConsistent([line]))).toBeUndefined();
    expect(fieldOf(() => assertInspectionConsistent([line, { ...line, received: 3 }]))).toBe('lines.1.received');
    expect(fieldOf(() => assertInspectionConsistent([{ ...line, received: 1, accepted: 2 }]))).toBe('lines.0.accepted');
  });
});

describe('the refund amount (T/QGCML 3125 §6.4, §7.1.2)', () => {
  const base = {
    acceptedLines: [
      { unitPrice: 26800, accepted: 1 },
      { unitPrice: 9900, accepted: 0 },
    ],
    deliveryFee: 1000,
    captured: 64500,
    alreadyRefunded: 0,
    deliveryFeeRefunded: false,
  };

  it('is the accepted goods only when the consumer changed their mind', () => {
    expect(refundAmount({ ...base, reason: 'no_reason' })).toEqual({
      goods: 26800,
      deliveryFee: 0,
      total: 26800,
      capped: false,
    });
  });

  it('adds the delivery fee when the fault is the merchant’s, once per order', () => {
    expect(refundAmount({ ...base, reason: 'damaged' }).total).toBe(27800);
    expect(refundAmount({ ...base, reason: 'damaged', deliveryFeeRefunded: true }).total).toBe(26800);
  });

  it('never gives back more than was captured minus what was refunded already', () => {
    expect(refundAmount({ ...base, reason: 'quality', alreadyRefunded: 50000 })).toEqual({
      goods: 26800,
      deliveryFee: 1000,
      total: 14500,
      capped: true,
    });
  });

  it('is nothing, delivery fee included, when nothing was accepted', () => {
    expect(refundAmount({ ...base, reason: 'quality', acceptedLines: [{ unitPrice: 26800, accepted: 0 }] }).total).toBe(
      0,
    );
  });

  it('calls staff three quarters of the way to the refund deadline', () => {
    expect(refundAttentionAt('2026-11-02T00:00:00.000Z', '2026-11-06T00:00:00.000Z')).toBe('2026-11-05T00:00:00.000Z');
  });
});
