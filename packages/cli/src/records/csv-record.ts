import type { Column } from './csv-columns.js';
import type { Shape } from './shapes.js';

type Problem = { field: string; issue: string };

/**
 * One CSV row as a record. Empty cells leave their field out; numbers are read as numbers only
 * where the spec says number; containers (objects, lists, maps) take a JSON cell. Positions left
 * empty in a list are closed up, so rows with fewer order lines than columns work.
 * @example
 * buildRecord(['A-1', '2.5'], columns); // { record: { sku: 'A-1', weight_kg: 2.5 } }
 */
export function buildRecord(cells: string[], columns: Column[]): { record: Record<string, unknown> } | { problem: Problem } {
  const record: Record<string, unknown> = {};
  const lists: unknown[][] = [];
  for (const [i, column] of columns.entries()) {
    const cell = cells[i] ?? '';
    if (cell === '') continue;
    const value = readCell(cell, column.shape);
    if (value instanceof Error) return { problem: { field: column.name, issue: value.message } };
    const placed = place(record, column.path, value, lists);
    if (placed) return { problem: { field: column.name, issue: placed } };
  }
  for (const list of lists) {
    const items = list.filter(() => true);
    list.length = 0;
    list.push(...items);
  }
  return { record };
}

function readCell(cell: string, shape: Shape): unknown {
  if (shape === 'string') return cell;
  if (shape === 'number') {
    const text = cell.trim();
    return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : new Error(`is not a number: "${cell}"`);
  }
  if (shape === 'boolean') {
    const text = cell.trim().toLowerCase();
    return text === 'true' ? true : text === 'false' ? false : new Error(`should be true or false, not "${cell}"`);
  }
  // A whole object, map or list in one cell: JSON, e.g. {"line1":"…","city":"…"} or ["https://…"].
  const wantsList = Array.isArray(shape);
  try {
    const value: unknown = JSON.parse(cell);
    if (wantsList ? Array.isArray(value) : value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // fall through to the message below
  }
  return new Error(`should be a JSON ${wantsList ? 'array' : 'object'}, not "${cell}"`);
}

/** Sets `value` at `path`, creating objects and lists on the way; a message if the path is taken by a plain value. */
function place(record: Record<string, unknown>, path: (string | number)[], value: unknown, lists: unknown[][]): string | undefined {
  let node: Record<string | number, unknown> = record;
  for (const [depth, key] of path.entries()) {
    if (depth === path.length - 1) {
      node[key] = value;
      return undefined;
    }
    const nextIsIndex = typeof path[depth + 1] === 'number';
    let child = node[key];
    if (child === undefined) {
      child = nextIsIndex ? [] : {};
      if (nextIsIndex) lists.push(child as unknown[]);
      node[key] = child;
    }
    if (child === null || typeof child !== 'object' || Array.isArray(child) !== nextIsIndex) {
      return `cannot go inside "${path.slice(0, depth + 1).join('.')}", which another column set to ${JSON.stringify(child)}`;
    }
    node = child as Record<string | number, unknown>;
  }
  return undefined;
}
