// Every code block of the checked READMEs, each as one test: ts/js type-checked (and js run),
// sh syntax-checked with the commands it names resolved, http matched to the spec, json/yaml
// parsed. A block no check fits must carry `<!-- docs-check: skip <why> -->`; see README.md.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { httpProblems } from './http.js';
import { parseReadme, type Block } from './markdown.js';
import { writeProject } from './project.js';
import { runBlock, runVitest } from './run.js';
import { commandProblems, syntaxErrors } from './shell.js';
import { typecheck, type Diagnostic } from './typecheck.js';
import { checkedReadmes, repositoryRoot } from './workspace.js';

const isCode = (block: Block) => block.lang === 'ts' || block.lang === 'js';
const runs = (block: Block) => (block.lang === 'js' && block.directive?.name !== 'no-run') || (block.directive?.name === 'run' && block.directive.argument === '');
const shown = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${relative(repositoryRoot, d.file)}:${d.line} ${d.message}`);

const [present, absent] = [checkedReadmes().filter((r) => existsSync(r.file)), checkedReadmes().filter((r) => !existsSync(r.file))];

// A package without a README has no blocks to drift; it is listed, not hidden.
for (const { name } of absent) it.skip(`${name} has no README.md yet`, () => {});

describe.each(present)('$name README', ({ name, file, dir }) => {
  const readme = parseReadme(readFileSync(file, 'utf8'));
  const code = readme.blocks.filter((block) => isCode(block) && block.directive?.name !== 'skip');
  const tally = new Map<string, number>();
  let project: Awaited<ReturnType<typeof writeProject>> & { diagnostics: Diagnostic[] };

  beforeAll(async () => {
    const written = await writeProject(name, code, readme.preludes);
    project = { ...written, diagnostics: typecheck(written.files.map((f) => f.file), written.prelude) };
  });

  afterAll(() => {
    const skipped = readme.blocks.filter((block) => block.directive?.name === 'skip');
    const counts = [...tally].map(([what, n]) => `${n} ${what}`).join(', ');
    console.log(
      [`${relative(repositoryRoot, file)}: ${readme.blocks.length} blocks: ${counts || 'none checked'}`, ...skipped.map((b) => `  line ${b.line} not checked: ${b.directive!.argument}`)].join('\n'),
    );
  });

  const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);
  const fileOf = (block: Block) => project.files.find((f) => f.block === block)!.file;

  it('has only annotations the checker understands', () => {
    expect(readme.problems.map((p) => `line ${p.line}: ${p.message}`)).toEqual([]);
  });

  it('loads preludes and declaration files that type-check', () => {
    const ours = new Set(project.files.map((f) => f.file));
    expect(shown(project.diagnostics.filter((d) => !ours.has(d.file)))).toEqual([]);
  });

  for (const block of readme.blocks) {
    const title = `line ${block.line}: ${block.lang}${block.path ? ` (${block.path})` : ''}`;
    if (block.directive?.name === 'skip') {
      it.skip(`${title}, not checked: ${block.directive.argument}`, () => {});
      continue;
    }
    it(title, async () => {
      if (isCode(block)) {
        expect(shown(project.diagnostics.filter((d) => d.file === fileOf(block))), 'type errors').toEqual([]);
        count('type-checked');
        if (runs(block)) {
          await runBlock(fileOf(block), project.dir);
          count('run');
        }
        if (block.directive?.name === 'run' && block.directive.argument === 'vitest') {
          await runVitest(project.dir);
          count('run with vitest');
        }
      } else if (block.lang === 'sh') {
        expect(await syntaxErrors(block.code), 'bash -n').toBeNull();
        expect(commandProblems(block.code, dir)).toEqual([]);
        count('syntax-checked');
      } else if (block.lang === 'http') {
        expect(httpProblems(block.code)).toEqual([]);
        count('matched to the spec');
      } else if (block.lang === 'json' || block.lang === 'yaml') {
        expect(() => (block.lang === 'json' ? JSON.parse(block.code) : parseYaml(block.code))).not.toThrow();
        count('parsed');
      } else {
        throw new Error(`nothing checks \`\`\`${block.lang || '(no language)'} blocks: name a language, or say why not with <!-- docs-check: skip <why> -->`);
      }
    });
  }
});
