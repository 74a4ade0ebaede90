import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { toMarkdown, type SuiteResult } from './lib/report.js';

// Each suite runs in this one process, one after another, never in parallel: they share 2 cores.
const suites: Array<[string, () => Promise<{ run(): Promise<SuiteResult> }>]> = [
  ['sdk-overhead', () => import('./suites/sdk-overhead.js')],
  ['webhook-verify', () => import('./suites/webhook-verify.js')],
  ['paginate-memory', () => import('./suites/paginate-memory.js')],
];

const only = process.argv.slice(2);
const results: SuiteResult[] = [];
for (const [name, load] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.log(`bench: ${name}…`);
  const result = await (await load()).run();
  for (const c of result.comparisons) console.log(`  ${c.name}: ${c.ours} vs ${c.peer} → ${c.ratio.toFixed(2)}× (target ${c.target}: ${c.met ? 'met' : 'NOT met'})`);
  results.push(result);
}

const markdown = toMarkdown(results, {
  command: 'pnpm bench',
  date: new Date().toISOString().slice(0, 10),
  node: process.versions.node,
  cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}`,
});
await writeFile(new URL('../RESULTS.md', import.meta.url), markdown);
console.log('bench: wrote packages/bench/RESULTS.md');
