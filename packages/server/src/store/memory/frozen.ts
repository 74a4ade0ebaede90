/**
 * A deep copy of plain data (objects, arrays, primitives), frozen all the way down. The memory
 * store keeps rows this way and hands them out as they are: no caller can change stored state
 * through what it was given, and a read costs no copy. A value that is frozen already is shared
 * as it is: in the store, only this function freezes, and always deeply.
 *
 * @example
 * const row = frozen({ sku: 'A', images: ['x.jpg'] });
 * Object.isFrozen(row.images); // true
 */
export function frozen<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozen)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = frozen((value as Record<string, unknown>)[key]);
  return Object.freeze(copy) as T;
}
