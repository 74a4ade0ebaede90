import type { RecordProcessor } from './processors.js';

/**
 * How to apply one record, by job type. Each resource registers its own batch type here
 * (`products.batch`, `categories.batch`, …); workers look processors up by the job's `type`.
 */
export const recordProcessors: Partial<Record<string, RecordProcessor>> = {};
