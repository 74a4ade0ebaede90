import type { ClientPaths } from './schema.js';
import type { ResourceTable, ValidSpec } from './resource-types.js';

/**
 * Every operation of the API as `resource.method: 'VERB /path'`, one resource per spec tag. This
 * table is the whole resource layer: `buildResources` turns each line into a method whose types
 * come from the spec's `paths`, so a line with a wrong path or verb does not compile, and
 * resources.test.ts checks that the table covers the spec and agrees with its
 * `x-pagination` / `x-async-job` markers.
 * Verbs: GET POST PATCH PUT DELETE as in HTTP; LIST = paginated GET; ACTION = POST without a body.
 */
export const resourceTable = {
  products: {
    list: 'LIST /v1/products',
    create: 'POST /v1/products',
    get: 'GET /v1/products/{sku}',
    update: 'PATCH /v1/products/{sku}',
    delete: 'DELETE /v1/products/{sku}',
    getPrice: 'GET /v1/products/{sku}/price',
    bulkUpdate: 'POST /v1/products/bulk',
    batch: 'POST /v1/products/batch',
    sync: 'POST /v1/products/{sku}/sync',
  },
  categories: {
    list: 'LIST /v1/categories',
    create: 'POST /v1/categories',
    get: 'GET /v1/categories/{category_code}',
    update: 'PATCH /v1/categories/{category_code}',
    batch: 'POST /v1/categories/batch',
  },
  dealers: {
    list: 'LIST /v1/dealers',
    create: 'POST /v1/dealers',
    get: 'GET /v1/dealers/{code}',
    update: 'PATCH /v1/dealers/{code}',
    batch: 'POST /v1/dealers/batch',
  },
  inventory: {
    list: 'LIST /v1/inventory',
    get: 'GET /v1/inventory/{sku}',
    adjust: 'POST /v1/inventory/adjustments',
    batch: 'POST /v1/inventory/batch',
    getLicenseCounts: 'GET /v1/inventory/licenses',
    addLicenses: 'POST /v1/inventory/licenses',
  },
  customers: {
    list: 'LIST /v1/customers',
    create: 'POST /v1/customers',
    get: 'GET /v1/customers/{customer_id}',
    update: 'PATCH /v1/customers/{customer_id}',
    getByPhone: 'GET /v1/customers/by-phone/{phone}',
  },
  wallets: {
    get: 'GET /v1/customers/{customer_id}/wallet',
    recharge: 'POST /v1/customers/{customer_id}/wallet/recharge',
    listTransactions: 'LIST /v1/customers/{customer_id}/wallet/transactions',
    getByPhone: 'GET /v1/customers/by-phone/{phone}/wallet',
    rechargeByPhone: 'POST /v1/customers/by-phone/{phone}/wallet/recharge',
  },
  orders: {
    list: 'LIST /v1/orders',
    create: 'POST /v1/orders',
    get: 'GET /v1/orders/{order_id}',
    update: 'PATCH /v1/orders/{order_id}',
    batch: 'POST /v1/orders/batch',
  },
  jobs: {
    list: 'LIST /v1/jobs',
    get: 'GET /v1/jobs/{job_id}',
    cancel: 'ACTION /v1/jobs/{job_id}/cancel',
  },
  webhooks: {
    list: 'LIST /v1/webhooks',
    create: 'POST /v1/webhooks',
    get: 'GET /v1/webhooks/{webhook_id}',
    update: 'PATCH /v1/webhooks/{webhook_id}',
    delete: 'DELETE /v1/webhooks/{webhook_id}',
    rotateSecret: 'ACTION /v1/webhooks/{webhook_id}/rotate-secret',
    test: 'ACTION /v1/webhooks/{webhook_id}/test',
    listDeliveries: 'LIST /v1/webhooks/{webhook_id}/deliveries',
    redeliver: 'ACTION /v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver',
  },
  account: {
    get: 'GET /v1/me',
  },
  system: {
    health: 'GET /v1/health',
  },
} as const satisfies ResourceTable & Record<string, Record<string, ValidSpec<ClientPaths>>>;

export type NexusResourceTable = typeof resourceTable;
