/** Runs `fn` `count` times sequentially and returns the elapsed milliseconds. */
export async function timeSequential(fn: () => Promise<unknown>, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn();
  return performance.now() - start;
}

/** A measured thing; `enter`/`leave` run around each of its rounds (e.g. start and stop a mock). */
export type Competitor = (() => Promise<unknown>) | { run: () => Promise<unknown>; enter?: () => void | Promise<void>; leave?: () => void | Promise<void> };

/**
 * Measures competitors in interleaved rounds (A, B, C, A, B, C, …) after a warm-up, and returns
 * each one's milliseconds per call in every round: interleaving spreads the noise of a shared
 * machine evenly over all of them.
 */
export async function interleavedSamples(
  competitors: Record<string, Competitor>,
  { rounds = 7, perRound = 500, warmup = 300 } = {},
): Promise<Record<string, number[]>> {
  const timed = async (c: Competitor, count: number) => {
    const { run, enter, leave } = typeof c === 'function' ? { run: c, enter: undefined, leave: undefined } : c;
    await enter?.();
    try {
      return await timeSequential(run, count);
    } finally {
      await leave?.();
    }
  };
  for (const c of Object.values(competitors)) await timed(c, warmup);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(competitors).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, c] of Object.entries(competitors)) samples[name]!.push((await timed(c, perRound)) / perRound);
  }
  return samples;
}

/** Each competitor's median round, in milliseconds per call. */
export async function interleaved(
  competitors: Record<string, Competitor>,
  options: { rounds?: number; perRound?: number; warmup?: number } = {},
): Promise<Record<string, number>> {
  const samples = await interleavedSamples(competitors, options);
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** The ratio a ÷ b of each round, and their median and range. */
export function roundRatios(a: number[], b: number[]): { rounds: number[]; median: number; min: number; max: number } {
  const rounds = a.map((x, i) => x / b[i]!);
  return { rounds, median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
