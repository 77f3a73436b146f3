import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Merchant } from '../../db/entities/merchant.entity';
import { Product } from '../../db/entities/product.entity';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors';
import { describeQualificationProblems } from '../../domain/qualifications';
import { flushAudited, persistAudited } from '../shared/audit';
import { principalOf } from '../plugins/auth';
import { problemSchema } from '../shared/problem';
import {
  createProductSchema,
  productListQuerySchema,
  productPageSchema,
  productView,
  productViewSchema,
  updateProductSchema,
} from './product-schemas';
import { readOneRouteOptions } from '../shared/read-one-route';

type NewProduct = z.infer<typeof createProductSchema>;
const idParams = z.object({ id: z.uuid() });

/** Only a merchant that is active and whose qualifications are in order may list goods (§4.4). */
async function sellingMerchant(em: EntityManager, merchantId: string, now: Date): Promise<Merchant> {
  const merchant = await em.findOne(Merchant, { id: merchantId });
  if (!merchant) throw new NotFoundError('merchant', merchantId);
  if (merchant.status !== 'active') throw new InvalidInputError('merchant', 'the merchant is suspended');
  const problems = merchant.qualificationProblemsAt(now);
  if (problems.length > 0) throw new InvalidInputError('qualifications', describeQualificationProblems(problems));
  return merchant;
}

function newProduct(merchant: Merchant, body: NewProduct): Product {
  const product = new Product({
    merchant,
    sku: body.sku,
    name: body.name,
    pricingType: body.pricingType,
    price: body.price,
    deliveryFee: body.deliveryFee,
    origin: body.origin,
    grade: body.grade,
    spec: body.spec,
    stock: body.stock,
  });
  product.currency = body.currency;
  return product;
}

/**
 * Products with disclosed price facts (T/QGCML 3125 §5.4): merchants list and re-price
 * their own goods; anyone reads the catalog, always from Postgres, so a new price shows at
 * once.
 */
const productRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/merchants/:id/products',
    {
      config: { access: { roles: ['merchant', 'staff'] } },
      schema: {
        tags: ['catalog'],
        summary: 'List a product in a merchant’s shop (the merchant itself, or staff)',
        params: idParams,
        body: createProductSchema,
        response: {
          201: productViewSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const merchantId = request.params.id;
      const principal = principalOf(request);
      // Another merchant's shop is a 404: a merchant cannot learn that it exists.
      if (principal.role === 'merchant' && principal.merchantId !== merchantId)
        throw new NotFoundError('merchant', merchantId);
      const { sku } = request.body;
      const duplicate = new ConflictError(`sku "${sku}" is already used in this shop`);
      try {
        const product = await request.em.transactional(async (em) => {
          const merchant = await sellingMerchant(em, merchantId, new Date());
          if (await em.getRepository(Product).skuTaken(merchantId, sku)) throw duplicate;
          const created = newProduct(merchant, request.body);
          return persistAudited(request, em, created, {
            action: 'product.create',
            entity: 'product',
            entityId: created.id,
            details: { merchantId, sku },
          });
        });
        return reply.code(201).send(productView(product));
      } catch (error) {
        // Two requests for the same sku at once: the unique constraint decides.
        if (error instanceof UniqueConstraintViolationException) throw duplicate;
        throw error;
      }
    },
  );

  app.get(
    '/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'Products on sale with their price facts and delivery fee shown separately (§5.4)',
        querystring: productListQuerySchema,
        response: { 200: productPageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { items, total } = await request.em.getRepository(Product).listPublic(request.query);
      return { items: items.map(productView), total, limit: request.query.limit, offset: request.query.offset };
    },
  );

  app.get(
    '/products/:id',
    readOneRouteOptions({
      tags: ['catalog'],
      summary: 'A product’s disclosed price facts and stock (§5.4)',
      params: idParams,
      view: productViewSchema,
      access: 'public',
      documentsMalformedId: true,
    }),
    async (request) => {
      const product = await request.em.getRepository(Product).findPublic(request.params.id);
      if (!product) throw new NotFoundError('product', request.params.id);
      return productView(product);
    },
  );

  app.patch(
    '/products/:id',
    {
      config: { access: { roles: ['merchant'] } },
      schema: {
        tags: ['catalog'],
        summary: 'Change price, delivery fee, stock or status of one’s own product (shown at once, §5.4)',
        params: idParams,
        body: updateProductSchema,
        response: { 200: productViewSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const merchantId = principalOf(request).merchantId ?? '';
      const change = request.body;
      const product = await request.em.transactional(async (em) => {
        const owned = await em.getRepository(Product).findOwned(id, merchantId);
        if (!owned) throw new NotFoundError('product', id);
        const before = { price: owned.price, deliveryFee: owned.deliveryFee, stock: owned.stock, status: owned.status };
        owned.reprice(change, new Date());
        if (change.stock !== undefined) owned.stock = change.stock;
        if (change.status !== undefined) owned.status = change.status;
        await flushAudited(request, em, {
          action: 'product.update',
          entity: 'product',
          entityId: id,
          details: { before, after: change },
        });
        return owned;
      });
      return productView(product);
    },
  );
};

export default productRoutes;
