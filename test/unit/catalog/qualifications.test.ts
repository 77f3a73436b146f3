import { Merchant } from '../../../db/entities/merchant.entity';
import { chinaDate } from '../../../domain/china-time';
import { maskQualificationNumber, qualificationProblemsAt, type Qualification } from '../../../domain/qualifications';

const licence = (validUntil: string): Qualification => ({
  type: 'business_licence',
  number: '91310000MA1FL2XQ3K',
  issuer: '上海市市场监督管理局',
  validUntil,
});
const tax = (validUntil: string): Qualification => ({
  type: 'tax_registration',
  number: '310101123456789',
  issuer: '国家税务总局上海市税务局',
  validUntil,
});
const merchant = (qualifications: Qualification[]) =>
  new Merchant({
    name: 'Green Fields',
    contactEmail: 'orders@greenfields.example',
    qualifications,
    filedAt: new Date(),
    lastReviewedAt: new Date(),
  });

// 2026-06-30 12:00 in Shanghai.
const noon = new Date('2026-06-30T04:00:00Z');

describe('merchant qualifications (T/QGCML 3125 §4.4)', () => {
  it('are valid when a business licence and a tax registration are on file and unexpired', () => {
    expect(merchant([licence('2030-12-31'), tax('2030-12-31')]).qualificationsValidAt(noon)).toBe(true);
  });

  it('are not valid when a required document is missing, and name it', () => {
    const m = merchant([licence('2030-12-31')]);
    expect(m.qualificationsValidAt(noon)).toBe(false);
    expect(m.qualificationProblemsAt(noon)).toEqual([{ type: 'tax_registration', problem: 'missing' }]);
  });

  it('count the validUntil day itself, in China: valid through 23:59 Shanghai time, expired after', () => {
    const m = merchant([licence('2026-06-30'), tax('2030-12-31')]);
    expect(m.qualificationsValidAt(new Date('2026-06-30T15:59:59Z'))).toBe(true); // 23:59:59 in Shanghai
    expect(m.qualificationsValidAt(new Date('2026-06-30T16:00:00Z'))).toBe(false); // 00:00 on 1 July
    expect(chinaDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('lapse when any filed kind of document has expired, not only the required ones', () => {
    const expiredFoodLicence: Qualification = {
      ...licence('2026-01-31'),
      type: 'product_licence',
      number: 'SC1234567',
    };
    expect(qualificationProblemsAt([licence('2030-12-31'), tax('2030-12-31'), expiredFoodLicence], noon)).toEqual([
      { type: 'product_licence', problem: 'expired', validUntil: '2026-01-31' },
    ]);
  });

  it('stay valid when a renewal is filed beside the expired document of the same kind', () => {
    expect(
      merchant([licence('2025-12-31'), licence('2031-12-31'), tax('2030-12-31')]).qualificationsValidAt(noon),
    ).toBe(true);
  });

  it('flag documents expiring within the review horizon for periodic re-review', () => {
    const m = merchant([licence('2026-07-15'), tax('2030-12-31')]);
    expect(m.qualificationsExpiringWithin(noon, 30).map((q) => q.type)).toEqual(['business_licence']);
    expect(m.qualificationsExpiringWithin(noon, 10)).toEqual([]);
  });
});

describe('public disclosure of qualification numbers (T/QGCML 3125 §4.5)', () => {
  it('shows at most the last four characters and never more than half', () => {
    expect(maskQualificationNumber('91310000MA1FL2XQ3K')).toBe('**************XQ3K');
    expect(maskQualificationNumber('SC12')).toBe('**12');
    expect(maskQualificationNumber('AB')).toBe('*B');
  });
});
