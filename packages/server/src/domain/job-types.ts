import { categoryRecordProcessor } from './categories/service.js';
import { dealerRecordProcessor } from './dealers/service.js';
import { inventoryRecordProcessor } from './inventory/service.js';
import type { JobTypes } from './jobs/processors.js';
import { workerFor, type JobWorker, type JobWorkerOptions } from './jobs/worker.js';
import { importOrderRecord } from './orders/import.js';
import { productBatchChunkProcessor, productBatchRecordProcessor, productSyncRecordProcessor } from './products/record-processors.js';

/**
 * Every job type the server runs. Each resource registers its `…/batch` (or `…/sync`) type here;
 * workers look the processors up by the job's `type`. The high-volume ones also apply whole chunks
 * set-based, with the same outcome.
 *
 * @example
 * JOB_TYPES['products.batch']?.chunk; // the set-based processor
 */
export const JOB_TYPES: JobTypes = {
  'categories.batch': { record: categoryRecordProcessor },
  'dealers.batch': { record: dealerRecordProcessor },
  'inventory.batch': { record: inventoryRecordProcessor },
  'orders.batch': { record: importOrderRecord },
  'products.batch': { record: productBatchRecordProcessor, chunk: productBatchChunkProcessor },
  'products.sync': { record: productSyncRecordProcessor },
};

/**
 * A job worker for the server's job types (or the `types` given).
 *
 * @example
 * await createJobWorker({ store }).drain(); // runs every waiting job to its end
 */
export function createJobWorker(options: JobWorkerOptions & { types?: JobTypes }): JobWorker {
  return workerFor(options.types ?? JOB_TYPES, options);
}
