import type { ErrorDetail } from '../errors.js';

// A high surrogate not followed by a low one, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored as text, or `undefined` when it can. PostgreSQL refuses U+0000
 * and lone surrogates (JSON escapes such as `"\ud800"` decode to them); refusing both at the
 * edge makes every store answer the same 400 instead of one of them a 500 (decision 040).
 *
 * @example
 * textIssue('a\u0000b'); // 'must not contain U+0000'
 */
export function textIssue(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain U+0000';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (no lone surrogate code points)';
  return undefined;
}

/**
 * Every string and object key of a JSON value that `textIssue` refuses, with its dotted path.
 * Iterative, so no client-chosen depth reaches the call stack.
 *
 * @example
 * textDetails({ items: [{ title: '\ud800' }] }); // [{ field: 'items.0.title', issue: '…' }]
 */
export function textDetails(value: unknown): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value === 'string') {
      const issue = textIssue(next.value);
      if (issue) details.push({ field: next.path || 'body', issue });
    } else if (Array.isArray(next.value)) {
      for (let i = next.value.length - 1; i >= 0; i--) stack.push({ value: next.value[i], path: at(next.path, String(i)) });
    } else if (typeof next.value === 'object' && next.value !== null) {
      const entries = Object.entries(next.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const issue = textIssue(key);
        if (issue) details.push({ field: at(next.path, key), issue });
        stack.push({ value: child, path: at(next.path, key) });
      }
    }
  }
  return details;
}
