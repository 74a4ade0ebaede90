import type { ErrorObject } from 'ajv';

const A_TYPE: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean',
  object: 'an object', array: 'an array', null: 'null',
};

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One issue a partner can act on: the values allowed, the limit crossed. Ajv's own words stay
 * where they already say it (patterns, duplicates, dependencies).
 *
 * @example
 * issueOf(enumError); // 'must be one of: draft, active, inactive, archived'
 */
export function issueOf(error: ErrorObject): string {
  const { params } = error;
  switch (error.keyword) {
    case 'enum': return `must be one of: ${(params.allowedValues as unknown[]).map(shown).join(', ')}`;
    case 'const': return `must be ${shown(params.allowedValue)}`;
    case 'minLength': return `must be at least ${count(params.limit, 'character')} long`;
    case 'maxLength': return `must be at most ${count(params.limit, 'character')} long`;
    case 'minimum': return `must be at least ${params.limit}`;
    case 'maximum': return `must be at most ${params.limit}`;
    case 'exclusiveMinimum': return `must be greater than ${params.limit}`;
    case 'exclusiveMaximum': return `must be less than ${params.limit}`;
    case 'minItems': return `must have at least ${count(params.limit, 'item')}`;
    case 'maxItems': return `must have at most ${count(params.limit, 'item')}`;
    case 'minProperties': return `must have at least ${count(params.limit, 'entry', 'entries')}`;
    case 'maxProperties': return `must have at most ${count(params.limit, 'entry', 'entries')}`;
    case 'format': return `must be a valid ${params.format}`;
    case 'multipleOf': return `must be a multiple of ${params.multipleOf}`;
    default: return error.message ?? 'is invalid';
  }
}

/** The types a value may have, from the `type` errors of every branch: `must be a string or null`. */
export function typeIssue(types: string[]): string {
  return `must be ${[...new Set(types)].map((t) => A_TYPE[t] ?? t).join(' or ')}`;
}
