/**
 * Which line of the file each record sent to the API came from, without one entry per record:
 * it stores only the records where "line minus position" changes (after a blank line, a record
 * that spans lines, or a line rejected before sending), so a clean million-line file costs one entry.
 * @example
 * const lines = new LineIndex();
 * lines.add(0, 2); // record 0 is on line 2 (line 1 is the CSV header)
 * lines.lineOf(41); // 43
 */
export class LineIndex {
  readonly #positions: number[] = [];
  readonly #lines: number[] = [];

  /** Records must be added in order of position. */
  add(position: number, line: number): void {
    const last = this.#positions.length - 1;
    if (last >= 0 && line - position === this.#lines[last]! - this.#positions[last]!) return;
    this.#positions.push(position);
    this.#lines.push(line);
  }

  lineOf(position: number): number | undefined {
    let low = 0;
    let high = this.#positions.length - 1;
    if (high < 0 || position < this.#positions[0]!) return undefined;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#positions[mid]! <= position) low = mid;
      else high = mid - 1;
    }
    return this.#lines[low]! + (position - this.#positions[low]!);
  }

  /** Entries held, for tests of the memory claim above. */
  get size(): number {
    return this.#positions.length;
  }
}
