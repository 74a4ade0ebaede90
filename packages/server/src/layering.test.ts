import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(packageDir, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/** A small tree shaped like src/, with one breach of each rule, cruised with the real config. */
const FIXTURE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }),
  'src/index.ts': "export { a } from './domain/a.js';\nexport { c } from './domain/x/c.js';\n",
  // A node: import reachable from the core's index, and a module-level cycle a ↔ b.
  'src/domain/a.ts': "import { readFileSync } from 'node:fs';\nimport { b } from './b.js';\nexport const a = () => b() + String(readFileSync);\n",
  'src/domain/b.ts': "import { a } from './a.js';\nexport const b = () => typeof a;\n",
  // Folders that import each other through different modules: a folder cycle without a module cycle.
  'src/domain/x/c.ts': "import { d } from '../y/d.js';\nexport const c = d;\n",
  'src/domain/x/f.ts': 'export const f = 1;\n',
  'src/domain/y/d.ts': 'export const d = 1;\n',
  'src/domain/y/e.ts': "import { f } from '../x/f.js';\nexport const e = f;\n",
  // A use case reaching into HTTP code.
  'src/domain/uses-route.ts': "import { route } from '../routes/r.js';\nexport const u = route;\n",
  'src/routes/r.ts': 'export const route = 1;\n',
};

describe('the layering rules of `pnpm lint`', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-layering-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fail on a cycle, a folder cycle, a node: import in the core and HTTP code in domain/', async () => {
    for (const [path, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const config = join(packageDir, '.dependency-cruiser.cjs');
    // depcruise exits non-zero when it finds errors; the report is on stdout either way.
    const output = await run(process.execPath, [cli, 'src', '--config', config, '--output-type', 'json'], { cwd: dir })
      .then((r) => r.stdout, (error: { stdout: string }) => error.stdout);
    const violations = (JSON.parse(output) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }).summary.violations;
    const broken = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);
    expect(broken('no-circular')).toContain('src/domain/a.ts → src/domain/b.ts');
    expect(broken('no-folder-cycles').some((v) => v.includes('src/domain/x') && v.includes('src/domain/y'))).toBe(true);
    // Built-ins resolve to their bare name.
    expect(broken('core-runtime-neutral')).toContain('src/index.ts → fs');
    expect(broken('domain-no-http')).toContain('src/domain/uses-route.ts → src/routes/r.ts');
  });
});
