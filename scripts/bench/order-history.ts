// A platform's past, generated in PostgreSQL itself (generate_series: ~1 min a million
// here): 100 other merchants of 10 products each, and `orders` confirmed orders of theirs,
// one item and one captured card payment each, one a second going back in time. Used by
// `bench:recovery` (what a backup and a drill must carry) and `bench:orders:history`
// (whether a large history slows placing an order, issue 14).

export interface OrderHistory {
  orders: number;
  /** The consumers the orders belong to (uuids of real accounts); default 50,000 made-up ones. */
  consumerIds?: string[];
}

/**
 * One multi-statement script, to run in one session (its temporary table joins the order
 * rows to their items and payments). Each order has its process already started and ended
 * (`process_started_at`), so the unstarted-order sweep leaves them alone.
 */
export function orderHistorySql({ orders, consumerIds }: OrderHistory): string {
  if (!Number.isInteger(orders) || orders < 0) throw new Error(`orders must be a whole number, got ${orders}`);
  const consumer =
    consumerIds && consumerIds.length > 0
      ? `(ARRAY[${consumerIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(',')}])[1 + g % ${consumerIds.length}]`
      : `'consumer-' || (g % 50000)`;
  return `
    INSERT INTO merchant (id, created_at, updated_at, name, contact_email, qualifications, filed_at, last_reviewed_at)
      SELECT gen_random_uuid(), now(), now(), 'History merchant ' || g, 'history-' || g || '@bench.local', '[]', now(), now()
        FROM generate_series(1, 100) g;
    CREATE TEMP TABLE history_product AS
      WITH made AS (
        INSERT INTO product (id, created_at, updated_at, merchant_id, sku, name, pricing_type, price, delivery_fee,
                             price_updated_at, origin, grade, spec, stock)
          SELECT gen_random_uuid(), now(), now(), m.id, 'HIST-' || g, 'Product ' || g, 'market', 1000 + g, 500,
                 now(), 'bench', 'A', '1 kg', 1000000
            FROM generate_series(1, 10) g CROSS JOIN merchant m WHERE m.name LIKE 'History merchant %'
          RETURNING id, merchant_id, sku, name, price, delivery_fee)
      SELECT made.*, row_number() OVER (ORDER BY id) AS n FROM made;
    CREATE TEMP TABLE history_order AS
      SELECT gen_random_uuid() AS id, g, now() - g * interval '1 second' AS at, ${consumer} AS consumer_id,
             p.id AS product_id, p.merchant_id, p.sku, p.name, p.price, p.delivery_fee
        FROM generate_series(1, ${orders}) g JOIN history_product p ON p.n = 1 + g % 1000;
    INSERT INTO customer_order (id, created_at, updated_at, consumer_id, merchant_id, status, goods_amount, delivery_fee,
        currency, shipping_address_ciphertext, payment_method, payment_token, idempotency_key, request_hash,
        stock_reserved, process_started_at)
      SELECT id, at, at, consumer_id, merchant_id, 'confirmed', price, delivery_fee, 'CNY', md5(g::text), 'card',
             'tok_' || g, 'history-' || g, md5('r' || g), true, at
        FROM history_order;
    INSERT INTO order_item (id, created_at, updated_at, order_id, position, product_id, sku, name, unit_price, quantity)
      SELECT gen_random_uuid(), at, at, id, 1, product_id, sku, name, price, 1 FROM history_order;
    INSERT INTO payment (id, created_at, updated_at, subject_type, subject_id, operation, amount, currency, status,
        idempotency_key, provider_transaction_id)
      SELECT gen_random_uuid(), at, at, 'order', id, 'charge', price + delivery_fee, 'CNY', 'succeeded',
             'pay-' || id, 'tx-' || id
        FROM history_order;
    DROP TABLE history_order, history_product;`;
}
