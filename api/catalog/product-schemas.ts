import { z } from 'zod';
import { pricingTypes, productStatuses, type Product } from '../../db/entities/product.entity';
import { currencySchema, formatMoney, moneySchema } from '../../domain/money';

/** Up to ¥10,000,000.00 in fen: far above any retail price, well inside a Postgres integer. */
export const MAX_AMOUNT_MINOR = 1_000_000_000;
const MAX_STOCK = 10_000_000;

const amount = z.int().min(0).max(MAX_AMOUNT_MINOR).describe('integer minor units (fen), never a decimal');
const stock = z.int().min(0).max(MAX_STOCK);
const fact = (max: number) => z.string().trim().min(1).max(max);

/** A new product with the price facts T/QGCML 3125 §5.4 requires to be published. */
export const createProductSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only'),
  name: fact(200),
  pricingType: z.enum(pricingTypes).describe('§5.4: how the price is set'),
  price: amount,
  currency: currencySchema.default('CNY'),
  deliveryFee: amount.describe('shown apart from the goods price (§5.4)'),
  origin: fact(200),
  grade: fact(100),
  spec: fact(200),
  stock,
});

/** What a merchant changes on its own product; price changes show at once (§5.4). */
export const updateProductSchema = z
  .object({ price: amount, deliveryFee: amount, stock, status: z.enum(productStatuses) })
  .partial()
  .refine((change) => Object.keys(change).length > 0, {
    error: 'name at least one of price, deliveryFee, stock, status',
  });

export const productListQuerySchema = z.object({
  merchantId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional().describe('words in the name'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const productViewSchema = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.string(),
    merchant: z.object({ id: z.uuid(), name: z.string() }),
    pricingType: z.enum(pricingTypes),
    price: moneySchema.describe('goods price per unit'),
    deliveryFee: moneySchema.describe('shown separately from the goods price (§5.4)'),
    display: z.object({ price: z.string(), deliveryFee: z.string() }).describe('for people, e.g. ¥12.50'),
    priceUpdatedAt: z.iso.datetime(),
    origin: z.string(),
    grade: z.string(),
    spec: z.string(),
    stock: z.int(),
    inStock: z.boolean(),
    status: z.enum(productStatuses),
  })
  .meta({ id: 'Product' });

export const productPageSchema = z.object({
  items: z.array(productViewSchema),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});

/** The disclosed price facts (T/QGCML 3125 §5.4); the product's merchant must be loaded. */
export function productView(product: Product): z.infer<typeof productViewSchema> {
  const price = product.priceMoney();
  const deliveryFee = product.deliveryFeeMoney();
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    merchant: { id: product.merchant.id, name: product.merchant.name },
    pricingType: product.pricingType,
    price,
    deliveryFee,
    display: { price: formatMoney(price), deliveryFee: formatMoney(deliveryFee) },
    priceUpdatedAt: product.priceUpdatedAt.toISOString(),
    origin: product.origin,
    grade: product.grade,
    spec: product.spec,
    stock: product.stock,
    inStock: product.stock > 0 && product.status === 'on_sale',
    status: product.status,
  };
}
