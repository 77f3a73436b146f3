import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import type { CarrierContractTerms } from '../../domain/carrier-contract';
import { chinaDate } from '../../domain/china-time';
import type { Qualification } from '../../domain/qualifications';
import { Carrier } from '../entities/carrier.entity';
import { Merchant } from '../entities/merchant.entity';
import { Product, type PricingType } from '../entities/product.entity';

/** The names the seed uses, so `npm run db:seed` can find what it made and never make it twice. */
export const SEED_MERCHANT_NAMES = ['绿野农场 Green Fields Farm', '山海茶行 Shanhai Tea House'] as const;
export const SEED_CARRIER_NAME = '顺达快运 Shunda Express';

const YEAR_MS = 365 * 86_400_000;

/** Documents valid for three years from the seeding day, so development data never lapses soon. */
function qualifications(now: Date, licenceNumber: string, taxNumber: string): Qualification[] {
  const validUntil = chinaDate(new Date(now.getTime() + 3 * YEAR_MS));
  return [
    { type: 'business_licence', number: licenceNumber, issuer: '上海市市场监督管理局', validUntil },
    { type: 'tax_registration', number: taxNumber, issuer: '国家税务总局上海市税务局', validUntil },
    { type: 'product_licence', number: `SC${taxNumber.slice(-11)}`, issuer: '上海市市场监督管理局', validUntil },
  ];
}

type Goods = [
  sku: string,
  name: string,
  pricingType: PricingType,
  price: number,
  fee: number,
  origin: string,
  grade: string,
  spec: string,
  stock: number,
];

const farmGoods: Goods[] = [
  ['RICE-5KG', '五常大米 Wuchang rice', 'market', 6990, 1000, '黑龙江五常', '一级', '5 kg bag', 120],
  ['EGG-30', '散养鸡蛋 Free-range eggs', 'market', 3980, 800, '上海崇明', 'A', '30 eggs', 60],
  ['APPLE-5KG', '烟台苹果 Yantai apples', 'negotiated', 5900, 1200, '山东烟台', '特级', '5 kg box, 80 mm+', 3],
];
const teaGoods: Goods[] = [
  ['LJ-250', '西湖龙井 West Lake Longjing', 'market', 36800, 0, '浙江杭州', '特级', '250 g tin', 40],
  ['PE-357', '普洱茶饼 Pu-erh cake', 'auction', 128000, 1500, '云南勐海', '一级', '357 g cake', 5],
];

/**
 * Development data: two qualified merchants with goods in stock and one courier company
 * (`npm run db:seed`). Does nothing when the seeded merchants already exist.
 */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if ((await em.count(Merchant, { name: { $in: [...SEED_MERCHANT_NAMES] } })) > 0) return;
    const now = new Date();
    const [farmName, teaName] = SEED_MERCHANT_NAMES;
    const farm = new Merchant({
      name: farmName,
      contactEmail: 'orders@greenfields.example',
      qualifications: qualifications(now, '91310000MA1FL2XQ3K', '310101123456789'),
      filedAt: now,
      lastReviewedAt: now,
    });
    const tea = new Merchant({
      name: teaName,
      contactEmail: 'orders@shanhai-tea.example',
      qualifications: qualifications(now, '91330100MA2H8TEA9P', '330106987654321'),
      filedAt: now,
      lastReviewedAt: now,
    });
    const terms: CarrierContractTerms = {
      calendar: '5x8',
      handoverWithin: 'PT16H',
      deliveryWithin: 'PT40H',
      codRemittanceWithin: 'PT40H',
      complaintResponseWithin: 'PT8H',
    };
    em.persist([
      farm,
      tea,
      new Carrier({ name: SEED_CARRIER_NAME, contactEmail: 'ops@shunda-express.example', contractTerms: terms }),
    ]);
    for (const [merchant, goods] of [
      [farm, farmGoods],
      [tea, teaGoods],
    ] as const)
      for (const [sku, name, pricingType, price, fee, origin, grade, spec, stock] of goods)
        em.persist(
          new Product({ merchant, sku, name, pricingType, price, deliveryFee: fee, origin, grade, spec, stock }),
        );
  }
}
