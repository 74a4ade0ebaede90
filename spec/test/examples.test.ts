import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { spec } from '../index.js';
import { collectExamples } from './walk.js';

// The whole document is registered once so every `#/components/...` reference resolves, and each
// example is checked against the schema at its own JSON pointer.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(spec as object, 'openapi.json');

const sites = collectExamples(spec as Record<string, unknown>);

describe('every example in the spec validates against its own schema', () => {
  it('finds examples all over the document', () => {
    // Guards the walker itself: if it stopped finding examples, the suite below would pass empty.
    expect(sites.length).toBeGreaterThan(200);
    expect(sites.some((s) => s.where.includes('/requestBody/'))).toBe(true);
    expect(sites.some((s) => s.where.startsWith('/webhooks/'))).toBe(true);
    expect(sites.some((s) => s.where.includes('/parameters/'))).toBe(true);
  });

  it.each(sites.map((s) => [s.where, s] as const))('%s', (_where, site) => {
    const validate = ajv.getSchema(`openapi.json#${site.schemaPointer}`);
    expect(validate, `no schema at ${site.schemaPointer}`).toBeTypeOf('function');
    const ok = validate!(site.value);
    expect(ok ? [] : validate!.errors).toEqual([]);
  });
});
