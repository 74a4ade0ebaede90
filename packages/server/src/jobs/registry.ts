import { categoryRecordProcessor } from '../domain/catalog/categories.js';
import { dealerRecordProcessor } from '../domain/catalog/dealers.js';
import { inventoryRecordProcessor } from '../domain/inventory/service.js';
import { importOrderRecord } from '../domain/orders/import.js';
import { productBatchChunkProcessor, productBatchRecordProcessor, productSyncRecordProcessor } from '../domain/products/record-processors.js';
import type { ChunkProcessor, RecordProcessor } from './processors.js';

/**
 * How to apply one record, by job type. Each resource registers its own batch type here
 * (`products.batch`, `categories.batch`, …); workers look processors up by the job's `type`.
 */
export const recordProcessors: Partial<Record<string, RecordProcessor>> = {
  'categories.batch': categoryRecordProcessor,
  'dealers.batch': dealerRecordProcessor,
  'inventory.batch': inventoryRecordProcessor,
  'orders.batch': importOrderRecord,
  'products.batch': productBatchRecordProcessor,
  'products.sync': productSyncRecordProcessor,
};

/** Set-based versions for the high-volume types: the same outcome, a few statements per chunk. */
export const chunkProcessors: Partial<Record<string, ChunkProcessor>> = {
  'products.batch': productBatchChunkProcessor,
};
