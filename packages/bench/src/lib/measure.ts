/** Runs `fn` `count` times sequentially and returns the elapsed milliseconds. */
export async function timeSequential(fn: () => Promise<unknown>, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn();
  return performance.now() - start;
}

/**
 * Measures competitors in interleaved rounds (A, B, C, A, B, C, …) after a warm-up, and keeps each
 * one's median round: interleaving spreads the noise of a shared machine evenly over all of them.
 */
export async function interleaved(
  competitors: Record<string, () => Promise<unknown>>,
  { rounds = 7, perRound = 500, warmup = 300 } = {},
): Promise<Record<string, number>> {
  for (const fn of Object.values(competitors)) await timeSequential(fn, warmup);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(competitors).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(competitors)) samples[name]!.push((await timeSequential(fn, perRound)) / perRound);
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
