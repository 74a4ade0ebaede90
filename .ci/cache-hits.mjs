// Run right after `pnpm test`, with nothing changed in between: turbo's dry run of the same
// command must find every task in the cache. A task whose hash moves between two unchanged runs
// (e.g. an input glob that takes in a log or a build output) is named here, with what its hash
// was made of, instead of silently making every CI run a cold one.
import { execFileSync } from 'node:child_process';

const dry = JSON.parse(
  execFileSync('pnpm', ['--silent', 'test', '--dry=json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
);
const tasks = dry.tasks.filter((task) => task.command !== '<NONEXISTENT>');
const missed = tasks.filter((task) => task.cache.status !== 'HIT');

if (tasks.length === 0) {
  console.error('cache-hits: `pnpm test --dry=json` listed no task to check');
  process.exit(1);
}
if (missed.length > 0) {
  // After a passing `pnpm test` no task failed (turbo never caches a failure), so a miss means an
  // input moved between two runs.
  console.error(`cache-hits: ${missed.length} of ${tasks.length} tasks would run again, though nothing changed (or they failed):`);
  for (const task of missed) {
    console.error(`  ${task.taskId} (hash ${task.hash}; inputs: ${Object.keys(task.inputs ?? {}).length} files)`);
  }
  console.error('Compare `pnpm test --dry=json` before and after a run to see which input moved.');
  process.exit(1);
}
console.log(`cache-hits: all ${tasks.length} tasks of \`pnpm test\` are served from the cache on a second run.`);
