/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence in every
 * runtime, which is what makes seeded data and the sandbox key reproducible.
 *
 * @example
 * const random = createRandom(42);
 * random.int(1, 6); // the same roll for seed 42, every run
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** `length` characters of base62. */
  base62(length: number): string;
  /** A generator for a sub-sequence, so adding draws in one part does not shift the others. */
  fork(label: string): Random;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
    base62: (length) => Array.from({ length }, () => BASE62[int(0, 61)]).join(''),
    fork: (label) => createRandom(hash(`${seed}:${label}`)),
  };
}

/** FNV-1a: a stable 32-bit number for a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
