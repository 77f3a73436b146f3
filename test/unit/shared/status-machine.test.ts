import { statusMachine } from '../../../domain/status-machine';
import { canTransition as canMoveComplaint, complaintStatuses } from '../../../domain/complaints';
import { canTransition as canMoveOrder, orderStatusSchema } from '../../../domain/order-status';

describe('a status machine (orders §4.7 §6.2, complaints §4.8 §5.7)', () => {
  const parcel = statusMachine({ packed: ['sent'], sent: ['arrived', 'lost'], arrived: [], lost: [] });

  it('allows exactly the moves its table lists, and no move out of a final status', () => {
    expect(parcel.canTransition('packed', 'sent')).toBe(true);
    expect(parcel.canTransition('sent', 'lost')).toBe(true);
    expect(parcel.canTransition('packed', 'arrived')).toBe(false);
    expect(parcel.canTransition('sent', 'packed')).toBe(false);
    expect(parcel.canTransition('arrived', 'lost')).toBe(false);
  });

  it('lists its statuses in the table’s order, and its schema takes those and nothing else', () => {
    expect(parcel.statuses).toEqual(['packed', 'sent', 'arrived', 'lost']);
    expect(parcel.schema.parse('sent')).toBe('sent');
    expect(parcel.schema.safeParse('returned').success).toBe(false);
  });

  it('is what orders and complaints are checked with', () => {
    expect(orderStatusSchema.options).toEqual([
      'awaiting_confirmation',
      'confirmed',
      'handed_over',
      'in_transit',
      'delivered',
      'completed',
      'cancelled',
    ]);
    expect(canMoveOrder('awaiting_confirmation', 'cancelled')).toBe(true);
    expect(canMoveOrder('delivered', 'cancelled')).toBe(false);
    expect(complaintStatuses).toContain('reopened');
    expect(canMoveComplaint('resolved', 'reopened')).toBe(true);
    expect(canMoveComplaint('resolved', 'escalated')).toBe(false);
  });
});
