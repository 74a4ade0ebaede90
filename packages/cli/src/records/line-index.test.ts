import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index.js';

describe('LineIndex', () => {
  it('finds the line of every record around blank lines, multi-line records and skipped lines', () => {
    // Records on lines 2, 3, 4, then 7 (after blank lines), 8, then 12 (an earlier record spans 9–11).
    const lines = [2, 3, 4, 7, 8, 12, 13];
    const index = new LineIndex();
    lines.forEach((line, position) => index.add(position, line));
    expect(lines.map((_, position) => index.lineOf(position))).toEqual(lines);
    expect(index.size).toBe(3);
  });

  it('keeps one entry for a file without irregularities, however long', () => {
    const index = new LineIndex();
    for (let position = 0; position < 1_000_000; position++) index.add(position, position + 2);
    expect(index.size).toBe(1);
    expect(index.lineOf(999_999)).toBe(1_000_001);
  });

  it('knows no line before the first record', () => {
    const index = new LineIndex();
    expect(index.lineOf(0)).toBeUndefined();
    index.add(5, 10);
    expect(index.lineOf(4)).toBeUndefined();
  });
});
