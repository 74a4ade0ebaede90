import { median, roundRatios } from './measure.js';

/** One measured comparison: ours against a peer measured in the same run. */
export interface Comparison {
  name: string;
  ours: string;
  peer: string;
  /** ours ÷ peer in the direction the target is stated in. */
  ratio: number;
  target: string;
  met: boolean;
  note?: string;
}

export interface SuiteResult {
  suite: string;
  comparisons: Comparison[];
}

export function formatRatio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function toMarkdown(results: SuiteResult[], meta: { command: string; date: string; node: string; cpus: string; load?: string }): string {
  const lines = [
    '# Benchmark results',
    '',
    `Produced by \`${meta.command}\` on ${meta.date} (Node ${meta.node}, ${meta.cpus}).`,
    'Every number is a ratio against a peer measured in the same run, on the same machine, so the',
    'machine\'s speed cancels out; absolute figures are shown only to explain the ratio.',
    ...(meta.load ? ['', `Machine load while it ran (load average over 1, 5 and 15 minutes): ${meta.load}.`] : []),
    '',
  ];
  for (const { suite, comparisons } of results) {
    lines.push(`## ${suite}`, '', '| benchmark | ours | peer | ratio | target | met |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of comparisons) {
      lines.push(`| ${c.name} | ${c.ours} | ${c.peer} | ${formatRatio(c.ratio)} | ${c.target} | ${c.met ? 'yes' : '**no**'} |`);
    }
    const notes = comparisons.filter((c) => c.note).map((c) => `- ${c.name}: ${c.note}`);
    lines.push('', ...notes, ...(notes.length ? [''] : []));
  }
  return lines.join('\n');
}

/**
 * A comparison of two throughputs measured in the same interleaved rounds: the median of the
 * per-round ratios ours ÷ peer, its range and every round in the note. `atLeast` null = reported.
 */
export function throughputComparison(
  name: string, ours: number[], peer: number[], atLeast: number | null, note = '', unit = 'req/s',
): Comparison {
  const { rounds, median: ratio, min, max } = roundRatios(ours, peer);
  const rps = (v: number[]) => `${Math.round(median(v)).toLocaleString('en')} ${unit}`;
  const range = `median of ${rounds.length} interleaved rounds, range ${min.toFixed(2)}–${max.toFixed(2)}× ` +
    `(${rounds.map((r) => r.toFixed(2)).join(', ')})`;
  return {
    name,
    ours: rps(ours),
    peer: rps(peer),
    ratio,
    target: atLeast === null ? 'reported' : `≥ ${atLeast.toFixed(2)}×`,
    met: atLeast === null ? true : ratio >= atLeast,
    note: `${range}.${note ? ` ${note}` : ''}`,
  };
}
