import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { toMarkdown, type SuiteResult } from './lib/report.js';

// Each suite runs in this one process, one after another, never in parallel: they share 2 cores.
const suites: Array<[string, () => Promise<{ run(): Promise<SuiteResult> }>]> = [
  ['sdk-overhead', () => import('./suites/sdk-overhead.js')],
  ['webhook-verify', () => import('./suites/webhook-verify.js')],
  ['paginate-memory', () => import('./suites/paginate-memory.js')],
  ['server-throughput', () => import('./suites/server-throughput.js')],
  ['server-create', () => import('./suites/server-create.js')],
  ['keyset-depth', () => import('./suites/keyset-depth.js')],
  ['ingest-postgres', () => import('./suites/ingest-postgres.js')],
  ['memory-scale', () => import('./suites/memory-scale.js')],
  ['mock-create', () => import('./suites/mock-create.js')],
];

// `pnpm bench <suite>` from the root arrives after turbo's `--`; drop separators wherever they come.
const only = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = only.filter((name) => !suites.some(([known]) => known === name));
if (unknown.length > 0) throw new Error(`No suite ${unknown.join(', ')}; suites: ${suites.map(([name]) => name).join(', ')}`);
// Results are kept per suite, so `pnpm bench keyset-depth` re-measures one suite and keeps the rest.
const store = new URL('../results.json', import.meta.url);
const previous: Record<string, SuiteResult> = JSON.parse(await readFile(store, 'utf8').catch(() => '{}'));
const results: Record<string, SuiteResult> = {};
const loadNow = () => loadavg().map((n) => n.toFixed(2)).join(' / ');
const loadAtStart = loadNow();
/** Writes results.json and RESULTS.md with what is measured so far (a later suite that fails keeps them). */
async function save(): Promise<void> {
  const merged = Object.fromEntries(suites.map(([name]) => [name, results[name] ?? previous[name]]).filter(([, r]) => r));
  await writeFile(store, `${JSON.stringify(merged, null, 2)}\n`);
  const markdown = toMarkdown(Object.values(merged) as SuiteResult[], {
    command: 'pnpm bench',
    date: new Date().toISOString().slice(0, 10),
    node: process.versions.node,
    cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}`,
    load: `${loadAtStart} at the start, ${loadNow()} at the end (the machine is shared; the ratios interleave to cancel that)`,
  });
  await writeFile(new URL('../RESULTS.md', import.meta.url), markdown);
}

for (const [name, load] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.log(`bench: ${name}…`);
  const result = await (await load()).run();
  for (const c of result.comparisons) console.log(`  ${c.name}: ${c.ours} vs ${c.peer} → ${c.ratio.toFixed(2)}× (target ${c.target}: ${c.met ? 'met' : 'NOT met'})`);
  results[name] = result;
  await save();
}
console.log('bench: wrote packages/bench/RESULTS.md');
