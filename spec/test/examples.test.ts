import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../src/check.js';
import { spec } from '../src/index.js';
import { atPointer, collectExamples } from '../src/walk.js';

// Each example is checked against the schema at its own JSON pointer, with the document's
// components known, so every `#/components/...` reference resolves.
const compiler = createSchemaCompiler(spec);
const sites = collectExamples(spec);

describe('every example in the spec validates against its own schema', () => {
  it('finds examples all over the document', () => {
    // Guards the walker itself: if it stopped finding examples, the suite below would pass empty.
    expect(sites.length).toBeGreaterThan(200);
    expect(sites.some((s) => s.where.includes('/requestBody/'))).toBe(true);
    expect(sites.some((s) => s.where.startsWith('/webhooks/'))).toBe(true);
    expect(sites.some((s) => s.where.includes('/parameters/'))).toBe(true);
  });

  it.each(sites.map((s) => [s.where, s] as const))('%s', (_where, site) => {
    const schema = atPointer(spec, site.schemaPointer);
    expect(schema, `no schema at ${site.schemaPointer}`).toBeTypeOf('object');
    const validate = compiler.compile(schema);
    const ok = validate(site.value);
    expect(ok ? [] : validate.errors).toEqual([]);
  });
});
