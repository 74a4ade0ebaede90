import type { ValidationError } from '@nexuscommerce/sdk';
import type { LineIndex } from '../records/line-index.js';
import type { ErrorRow } from './errors-file.js';

/**
 * The lines of a batch the API refused as a whole (a record of the wrong shape fails its batch
 * with 400). The SDK sends batch `n` of a run as `Idempotency-Key: <runId>:<n>`, and every batch
 * before the last is full, so batch `n` starts at record `n × batchSize`.
 * @example
 * rejectedRows(error, 'feed-1', 500, lines); // [{ line: 3504, field: 'price', code: 'VALIDATION_FAILED', issue: '…' }]
 */
export function rejectedRows(error: ValidationError, runId: string, batchSize: number, lines: LineIndex): ErrorRow[] {
  const batch = Number(error.idempotencyKey!.slice(runId.length + 1));
  const offset = batch * batchSize;
  const rows = error.details.map((detail): ErrorRow => {
    // The API names a record of the batch by `index` and the field as `items.<index>.<field>`.
    const index = detail.index ?? Number(/^items\.(\d+)/.exec(detail.field ?? '')?.[1] ?? NaN);
    const field = detail.field?.replace(/^items\.\d+\.?/, '') || undefined;
    const line = Number.isInteger(index) ? lines.lineOf(offset + index) : undefined;
    return { line, field, code: error.code ?? 'VALIDATION_FAILED', issue: detail.issue };
  });
  if (rows.length > 0) return rows;
  const first = lines.lineOf(offset);
  const last = lines.lineOf(offset + batchSize - 1);
  return [{ line: first, code: error.code ?? 'VALIDATION_FAILED', issue: `${error.message} (the batch starting on line ${first}${last ? `, ending by line ${last}` : ''})` }];
}
