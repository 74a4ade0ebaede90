import { createRandom, type Random } from './random.js';
import { CATEGORIES, LOCATIONS, customerBody, productBody } from './catalog.js';

/** How much sandbox data to create. */
export interface SeedSize {
  products: number;
  customers: number;
  orders: number;
}

export const DEFAULT_SEED_SIZE: SeedSize = { products: 300, customers: 40, orders: 30 };

/** What a seed run created, and which steps it skipped because the server lacks the operation. */
export interface SeedReport {
  created: Record<string, number>;
  /** Steps whose first request answered 404: the server does not implement that operation yet. */
  skipped: string[];
  /** The secret of the seeded webhook endpoint, once the server implements `POST /v1/webhooks`. */
  webhookSecret?: string;
}

export interface SeedOptions {
  /** The app's `fetch` (or anything answering like it). */
  fetch: (request: Request) => Promise<Response>;
  baseUrl: string;
  apiKey: string;
  seed: number;
  size?: Partial<SeedSize>;
  /** Called before each request, so the caller can move a seed clock forward. */
  onRequest?: (index: number) => void;
  /**
   * Create the sandbox webhook endpoint (`SANDBOX_WEBHOOK_URL`) as the last step. Default true:
   * the mock answers that host itself. A real server leaves it out, or it would retry deliveries
   * to a host that does not exist.
   */
  webhookEndpoint?: boolean;
}

/** Thrown by `create` when the operation answers 404: the step is skipped, not failed. */
class NotImplemented extends Error {}

/** The seeded webhook endpoint's URL; the mock accepts deliveries to it without leaving the process. */
export const SANDBOX_WEBHOOK_URL = 'https://hooks.sandbox.nexuscommerce.example/nexus';

/** The status changes that take a new (pending) order to each status. */
const ORDER_LIFECYCLES: { status: string; cancel_reason?: string }[][] = [
  [],
  [{ status: 'confirmed' }],
  [{ status: 'confirmed' }, { status: 'completed' }],
  [{ status: 'cancelled', cancel_reason: 'Customer changed their mind' }],
];

interface SeedContext {
  random: Random;
  size: SeedSize;
  /** POSTs a body and returns the response's `data`; throws `NotImplemented` on 404. */
  create(path: string, body: unknown): Promise<Record<string, any>>;
  /** Like `create`, with another method (`PATCH` to move an order along). */
  send(method: string, path: string, body: unknown): Promise<Record<string, any>>;
  /** What earlier steps made, for later ones (skus with stock, customer ids). */
  made: { skus: { sku: string; kind: string; status: string }[]; stock: Map<string, number>; customers: string[] };
  report: SeedReport;
}

type SeedStep = { name: string; run(ctx: SeedContext): Promise<number> };

const WEBHOOK_STEP = 'webhook endpoint';

/**
 * Steps in dependency order. Each goes through the public API, so the data is valid by
 * construction; a step whose operation the server does not implement yet is skipped as a whole.
 * To seed a new resource, add a step here: nothing else in the mock or the server changes.
 */
const STEPS: SeedStep[] = [
  {
    name: 'categories',
    run: async (ctx) => {
      for (const category of CATEGORIES) await ctx.create('/v1/categories', { ...category, status: 'active' });
      return CATEGORIES.length;
    },
  },
  {
    name: 'products',
    run: async (ctx) => {
      const random = ctx.random.fork('products');
      for (let n = 0; n < ctx.size.products; n++) {
        const body = productBody(random, n);
        await ctx.create('/v1/products', body);
        ctx.made.skus.push({ sku: body.sku as string, kind: body.kind as string, status: body.status as string });
      }
      return ctx.size.products;
    },
  },
  {
    name: 'inventory',
    run: async (ctx) => {
      const random = ctx.random.fork('inventory');
      let count = 0;
      for (const { sku } of ctx.made.skus.filter((p) => p.kind === 'physical')) {
        const on_hand = random.chance(0.1) ? 0 : random.int(1, 120);
        await ctx.create('/v1/inventory/adjustments', { sku, location_code: LOCATIONS[0], set: on_hand, reason: 'count' });
        ctx.made.stock.set(sku, on_hand);
        count++;
        // Most items are also stocked in the second warehouse (orders draw on the first only).
        if (random.chance(0.6)) {
          await ctx.create('/v1/inventory/adjustments', { sku, location_code: LOCATIONS[1], set: random.int(0, 60), reason: 'count' });
          count++;
        }
      }
      return count;
    },
  },
  {
    name: 'customers',
    run: async (ctx) => {
      const random = ctx.random.fork('customers');
      for (let n = 0; n < ctx.size.customers; n++) {
        const customer = await ctx.create('/v1/customers', customerBody(random, n));
        ctx.made.customers.push(customer.id);
      }
      return ctx.size.customers;
    },
  },
  {
    name: 'wallet recharges',
    run: async (ctx) => {
      const random = ctx.random.fork('wallets');
      const funded = ctx.made.customers.filter((_, i) => i % 3 === 0);
      for (const id of funded) {
        await ctx.create(`/v1/customers/${id}/wallet/recharge`, { amount: `${random.int(5, 50) * 100}.00`, reference: `UPI-${random.int(1e9, 9e9)}` });
      }
      return funded.length;
    },
  },
  {
    name: 'orders',
    run: async (ctx) => {
      const random = ctx.random.fork('orders');
      let count = 0;
      for (let n = 0; n < ctx.size.orders; n++) {
        const inStock = ctx.made.skus.filter((p) => p.status === 'active' && (ctx.made.stock.get(p.sku) ?? 0) >= 2);
        if (inStock.length === 0) break;
        const { sku } = random.pick(inStock);
        const quantity = random.int(1, 2);
        const customer = ctx.made.customers.length > 0 && random.chance(0.7) ? random.pick(ctx.made.customers) : undefined;
        const order = await ctx.create('/v1/orders', {
          ...(customer ? { customer_id: customer } : {}),
          location_code: LOCATIONS[0],
          items: [{ sku, quantity }],
          payment_method: random.pick(['cash', 'card']),
          external_ref: `ERP-SO-${55000 + n}`,
        });
        // Every status is represented, in turn: pending, confirmed, completed, cancelled.
        const moves = ORDER_LIFECYCLES[n % ORDER_LIFECYCLES.length]!;
        for (const move of moves) await ctx.send('PATCH', `/v1/orders/${order.id}`, move);
        const released = moves.some((m) => m.status === 'cancelled');
        if (!released) ctx.made.stock.set(sku, ctx.made.stock.get(sku)! - quantity);
        count++;
      }
      return count;
    },
  },
  {
    name: WEBHOOK_STEP,
    run: async (ctx) => {
      const endpoint = await ctx.create('/v1/webhooks', {
        url: SANDBOX_WEBHOOK_URL,
        events: ['order.created', 'order.updated', 'product.created', 'product.updated', 'inventory.low', 'job.completed'],
        description: 'Sandbox webhook recorder',
      });
      ctx.report.webhookSecret = endpoint.secret;
      return 1;
    },
  },
];

/**
 * Fills a sandbox with realistic data through the API: the same seed gives the same data.
 *
 * @example
 * const report = await seedSandbox({ fetch: app.fetch, baseUrl, apiKey, seed: 1 });
 * report.skipped; // e.g. ['categories', 'customers', …] while the server lacks them
 */
export async function seedSandbox(options: SeedOptions): Promise<SeedReport> {
  const report: SeedReport = { created: {}, skipped: [] };
  let index = 0;
  const ctx: SeedContext = {
    random: createRandom(options.seed),
    size: { ...DEFAULT_SEED_SIZE, ...options.size },
    made: { skus: [], stock: new Map(), customers: [] },
    report,
    create(path, body) {
      return ctx.send('POST', path, body);
    },
    async send(method, path, body) {
      options.onRequest?.(index);
      const request = new Request(`${options.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': `seed-${options.seed}-${index}`,
          'x-request-id': `req_seed_${index}`,
        },
        body: JSON.stringify(body),
      });
      index++;
      const response = await options.fetch(request);
      const text = await response.text();
      if (response.status === 404) throw new NotImplemented(path);
      if (!response.ok) throw new Error(`Seeding ${method} ${path} answered ${response.status}: ${text}`);
      return text ? JSON.parse(text).data : {};
    },
  };
  const steps = options.webhookEndpoint === false ? STEPS.filter((step) => step.name !== WEBHOOK_STEP) : STEPS;
  for (const step of steps) {
    try {
      report.created[step.name] = await step.run(ctx);
    } catch (error) {
      if (!(error instanceof NotImplemented)) throw error;
      report.skipped.push(step.name);
    }
  }
  return report;
}
