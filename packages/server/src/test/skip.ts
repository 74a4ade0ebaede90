import { it } from 'vitest';

/**
 * Registers a skipped test whose title says how to run it, and prints the same line, so a plain
 * `pnpm test` reports what it left out (the reporter shows only counts for skipped tests).
 */
export function skipBecause(label: string, howToRun: string): void {
  console.log(`${label}: skipped: ${howToRun}`);
  it.skip(`skipped: ${howToRun}`, () => {});
}
