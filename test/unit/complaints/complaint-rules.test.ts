import {
  ageingBucket,
  ageInDays,
  canTransition,
  closedStatus,
  isValidSecondApprover,
  mayRead,
  mayRespond,
  needsSecondApproval,
  outstanding,
  partyResponseTerm,
  responsiblePartyFor,
  type ComplaintParties,
} from '../../../domain/complaints';

const quality: ComplaintParties = { consumerId: 'c1', party: 'merchant', merchantId: 'm1', carrierId: 'k1' };
const delivery: ComplaintParties = { ...quality, party: 'carrier' };

describe('who answers a complaint (T/QGCML 3125 §4.7, §4.8, §6.1)', () => {
  it('sends quality to the merchant, delivery to the carrier, service and other to the platform', () => {
    expect(responsiblePartyFor('quality')).toBe('merchant');
    expect(responsiblePartyFor('delivery')).toBe('carrier');
    expect(responsiblePartyFor('service')).toBe('platform');
    expect(responsiblePartyFor('other')).toBe('platform');
  });

  it('bounds the merchant by merchantComplaintResponse, the courier by courierComplaintResponse', () => {
    expect(partyResponseTerm('merchant')).toBe('merchantComplaintResponse');
    expect(partyResponseTerm('carrier')).toBe('courierComplaintResponse');
    expect(partyResponseTerm('platform')).toBeUndefined();
  });
});

describe('who may act on a complaint (§4.8, §8.3.2)', () => {
  it('lets only the responsible party or staff respond', () => {
    expect(mayRespond({ sub: 'u', role: 'merchant', merchantId: 'm1' }, quality)).toBe(true);
    expect(mayRespond({ sub: 'u', role: 'merchant', merchantId: 'm2' }, quality)).toBe(false);
    expect(mayRespond({ sub: 'u', role: 'courier', carrierId: 'k1' }, quality)).toBe(false);
    expect(mayRespond({ sub: 'u', role: 'courier', carrierId: 'k1' }, delivery)).toBe(true);
    expect(mayRespond({ sub: 'u', role: 'courier', carrierId: 'k2' }, delivery)).toBe(false);
    expect(mayRespond({ sub: 'u', role: 'staff' }, delivery)).toBe(true);
    expect(mayRespond({ sub: 'c1', role: 'consumer' }, delivery)).toBe(false);
  });

  it('lets the consumer who filed it read it, and no other consumer', () => {
    expect(mayRead({ sub: 'c1', role: 'consumer' }, quality)).toBe(true);
    expect(mayRead({ sub: 'c2', role: 'consumer' }, quality)).toBe(false);
    expect(mayRead({ sub: 'a', role: 'auditor' }, quality)).toBe(false);
  });
});

describe('complaint statuses (§5.7: receive, respond, resolve, follow up)', () => {
  it('allows the escalation path and reopening only after resolution', () => {
    expect(canTransition('awaiting_response', 'escalated')).toBe(true);
    expect(canTransition('escalated', 'compensated')).toBe(true);
    expect(canTransition('compensated', 'recovery_pending')).toBe(true);
    expect(canTransition('recovery_pending', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'reopened')).toBe(true);
    expect(canTransition('awaiting_response', 'reopened')).toBe(false);
    expect(canTransition('resolved', 'escalated')).toBe(false);
  });
});

describe('advance compensation needs two people above the threshold (§4.8)', () => {
  it('asks for a second approval only above the threshold', () => {
    expect(needsSecondApproval(50_000, 50_000)).toBe(false);
    expect(needsSecondApproval(50_001, 50_000)).toBe(true);
  });

  it('never lets the requester approve their own compensation', () => {
    expect(isValidSecondApprover('staff-a', 'staff-a')).toBe(false);
    expect(isValidSecondApprover('staff-a', 'staff-b')).toBe(true);
  });
});

describe('recovery claims (§4.8: claim the advance compensation back)', () => {
  it('owes what was claimed less what was recovered and written off', () => {
    expect(outstanding({ claimed: 10_000, recovered: 4_000, writtenOff: 0 })).toBe(6_000);
    expect(closedStatus({ claimed: 10_000, recovered: 4_000, writtenOff: 0 })).toBeUndefined();
    expect(closedStatus({ claimed: 10_000, recovered: 4_000, writtenOff: 6_000 })).toBe('written_off');
    expect(closedStatus({ claimed: 10_000, recovered: 10_000, writtenOff: 0 })).toBe('settled');
  });

  it('ages claims into 0–30, 31–60, 61–90 and over 90 days', () => {
    const opened = new Date('2026-01-01T00:00:00Z');
    expect(ageInDays(opened, new Date('2026-01-31T23:00:00Z'))).toBe(30);
    expect(ageingBucket(0)).toBe('0-30');
    expect(ageingBucket(30)).toBe('0-30');
    expect(ageingBucket(31)).toBe('31-60');
    expect(ageingBucket(60)).toBe('31-60');
    expect(ageingBucket(61)).toBe('61-90');
    expect(ageingBucket(90)).toBe('61-90');
    expect(ageingBucket(91)).toBe('90+');
  });
});
