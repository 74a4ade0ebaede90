import type { NexusClient } from '@nexuscommerce/sdk';

/** An item as the partner's ERP exports it. */
export interface ErpItem {
  itemCode: string;
  description: string;
  /** Maximum retail price, in rupees. */
  mrp: number;
  barcode?: string;
  discontinued?: boolean;
}

export interface SyncReport {
  imported: number;
  /** Items the API refused, with the reason to show the catalog team. */
  rejected: { itemCode: string; code: string; reason: string }[];
}

/** The ERP item as a NexusCommerce product (an upsert by SKU). */
export function toProduct(item: ErpItem) {
  return {
    sku: item.itemCode,
    title: item.description,
    price: item.mrp.toFixed(2),
    currency: 'INR',
    status: item.discontinued ? ('inactive' as const) : ('active' as const),
    ...(item.barcode ? { gtin: item.barcode } : {}),
  };
}

/**
 * Pushes the whole ERP catalog through `products.ingest`: batches of 50 as jobs, 4 in flight,
 * retried on 429/5xx by the SDK. A rejected record does not stop the run; it is reported.
 * Re-running with the same `runId` replays the batches that already went through.
 */
export async function pushCatalog(nexus: NexusClient, items: ErpItem[], runId?: string): Promise<SyncReport> {
  const result = await nexus.products.ingest(items.map(toProduct), { batchSize: 50, ...(runId ? { runId } : {}) });
  return {
    imported: result.succeeded,
    rejected: result.errors.map((e) => ({ itemCode: items[e.index]?.itemCode ?? `#${e.index}`, code: e.code, reason: `${e.field} ${e.issue}` })),
  };
}
