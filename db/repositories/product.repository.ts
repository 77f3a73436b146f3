import { EntityRepository, raw, type FilterQuery } from '@mikro-orm/postgresql';
import type { Product } from '../entities/product.entity';

export interface ProductListFilter {
  merchantId?: string;
  /** Words in the product's name, case-insensitive. */
  q?: string;
  limit: number;
  offset: number;
}

export interface ProductPage {
  items: Product[];
  total: number;
}

/** `q` matched literally: %, _ and \ are not wildcards for the consumer typing them. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Named queries of the catalog (docs/architecture.md "Database"). */
export class ProductRepository extends EntityRepository<Product> {
  /** What the storefront lists: on sale, from active merchants, newest first. */
  async listPublic(filter: ProductListFilter): Promise<ProductPage> {
    const where: FilterQuery<Product> = { status: 'on_sale', merchant: { status: 'active' } };
    if (filter.merchantId !== undefined) where.merchant = { id: filter.merchantId, status: 'active' };
    if (filter.q !== undefined) where.name = { $ilike: likePattern(filter.q) };
    const [items, total] = await this.findAndCount(where, {
      populate: ['merchant'],
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: filter.limit,
      offset: filter.offset,
    });
    return { items, total };
  }

  /** One product with its merchant, for its public page (whatever its status). */
  findPublic(id: string): Promise<Product | null> {
    return this.findOne({ id }, { populate: ['merchant'] });
  }

  /** A product only if it belongs to `merchantId`: a merchant never touches another's goods. */
  findOwned(id: string, merchantId: string): Promise<Product | null> {
    return this.findOne({ id, merchant: merchantId }, { populate: ['merchant'] });
  }

  /** Whether the merchant already uses this sku. */
  async skuTaken(merchantId: string, sku: string): Promise<boolean> {
    return (await this.count({ merchant: merchantId, sku })) > 0;
  }

  /**
   * The products an order names, with their merchants, whatever their status: the caller
   * reports unknown ids, goods off sale and suspended merchants by field.
   */
  findForOrder(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.find({ id: { $in: [...new Set(ids)] } }, { populate: ['merchant'] });
  }

  /**
   * Takes `quantity` from the stock in one conditional UPDATE: true when taken, false when
   * not enough is left or the product is not on sale. Concurrent reservations of the last
   * items serialise on the row lock, so exactly as many succeed as there is stock (§5.3).
   * Bypasses the identity map: re-read a product loaded before.
   */
  async reserveStock(productId: string, quantity: number): Promise<boolean> {
    assertPositiveQuantity(quantity);
    const updated = await this.nativeUpdate(
      { id: productId, status: 'on_sale', stock: { $gte: quantity } },
      { stock: raw('stock - ?', [quantity]), updatedAt: new Date() },
    );
    return updated === 1;
  }

  /** Gives reserved stock back (an order cancelled, rejected or unpaid). */
  async releaseStock(productId: string, quantity: number): Promise<void> {
    assertPositiveQuantity(quantity);
    await this.nativeUpdate({ id: productId }, { stock: raw('stock + ?', [quantity]), updatedAt: new Date() });
  }
}

function assertPositiveQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError('quantity must be a positive integer');
}
