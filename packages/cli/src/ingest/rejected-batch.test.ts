import { ValidationError } from '@nexuscommerce/sdk';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../records/line-index.js';
import { rejectedRows } from './rejected-batch.js';

// Records 0–9 on lines 2–11, then a blank line, records 10–19 on lines 13–22.
const lines = new LineIndex();
for (let i = 0; i < 20; i++) lines.add(i, i < 10 ? i + 2 : i + 3);

const rejection = (details: { index?: number; field: string; issue: string }[]) =>
  new ValidationError({ status: 400, code: 'VALIDATION_FAILED', message: 'The request is invalid', details, idempotencyKey: 'feed-7:1' });

describe('rejectedRows', () => {
  it('finds the line of each record the API named in a refused batch', () => {
    const rows = rejectedRows(rejection([{ index: 2, field: 'items.2.price', issue: 'must match pattern' }, { field: 'items.9', issue: 'must have required property title' }]), 'feed-7', 10, lines);
    expect(rows).toEqual([
      { line: 15, field: 'price', code: 'VALIDATION_FAILED', issue: 'must match pattern' },
      { line: 22, field: undefined, code: 'VALIDATION_FAILED', issue: 'must have required property title' },
    ]);
  });

  it('names the batch\'s lines when the API named no record', () => {
    const [row] = rejectedRows(rejection([]), 'feed-7', 10, lines);
    expect(row).toMatchObject({ line: 13, issue: expect.stringContaining('ending by line 22') });
  });
});
