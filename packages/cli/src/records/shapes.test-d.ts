import type { FieldsOf, IngestItem } from './shapes.js';

// The table in shapes.ts is only as good as the check that it matches the SDK's types. These lines
// show the check can fail: each one compiles only because it is expected to be an error.

// @ts-expect-error a field of the spec left out
export const missing: FieldsOf<IngestItem<'inventory'>> = { sku: 'string', location_code: 'string', on_hand: 'number' };

export const wrongKind: FieldsOf<IngestItem<'inventory'>> = {
  sku: 'string',
  location_code: 'string',
  // @ts-expect-error an integer field read as text
  on_hand: 'string',
  low_stock_threshold: 'number',
};

export const unknown: FieldsOf<IngestItem<'inventory'>> = {
  sku: 'string',
  location_code: 'string',
  on_hand: 'number',
  low_stock_threshold: 'number',
  // @ts-expect-error a field the spec does not have
  warehouse: 'string',
};
