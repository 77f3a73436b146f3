/**
 * `npm run db:seed`: development data in DATABASE_URL (or the local cluster) — two
 * qualified merchants with products in stock and a courier company — then prints their
 * ids and the commands that mint tokens for them. Running it again changes nothing.
 */
import { loadConfig } from '../config/env';
import { Carrier } from '../db/entities/carrier.entity';
import { Merchant } from '../db/entities/merchant.entity';
import { Product } from '../db/entities/product.entity';
import { createOrm } from '../db/orm';
import { DatabaseSeeder, SEED_CARRIER_NAME, SEED_MERCHANT_NAMES } from '../db/seeders/DatabaseSeeder';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.NODE_ENV === 'production') throw new Error('refusing to seed development data with NODE_ENV=production');
  const orm = await createOrm(config.DATABASE_URL);
  try {
    const pending = await orm.getMigrator().getPendingMigrations();
    if (pending.length > 0) throw new Error(`${pending.length} migration(s) pending: run npm run db:migrate first`);
    const em = orm.em.fork();
    const existed = (await em.count(Merchant, { name: { $in: [...SEED_MERCHANT_NAMES] } })) > 0;
    await orm.getSeeder().seed(DatabaseSeeder);
    console.log(existed ? 'seed data already present, nothing added' : 'seeded merchants, products and a carrier');

    const merchants = await em.getRepository(Merchant).findByNames(SEED_MERCHANT_NAMES);
    for (const merchant of merchants) {
      const products = await em.find(Product, { merchant }, { orderBy: { sku: 'asc' } });
      console.log(`\nmerchant ${merchant.name}: ${merchant.id}`);
      console.log(`  npm run -s token -- --role merchant --merchant-id ${merchant.id}`);
      for (const product of products) console.log(`  product ${product.sku} (stock ${product.stock}): ${product.id}`);
    }
    const carrier = await em.getRepository(Carrier).findByName(SEED_CARRIER_NAME);
    if (carrier) {
      console.log(`\ncarrier ${carrier.name}: ${carrier.id}`);
      console.log(`  npm run -s token -- --role courier --carrier-id ${carrier.id}`);
    }
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
