// Reads a README into its fenced code blocks and the `docs-check` annotations that steer them.
// Annotations are HTML comments, so readers of the rendered page never see them:
//   <!-- docs-check: skip <why> -->     the next block is not checked, and the report says why
//   <!-- docs-check: no-run <why> -->   a js block is type-checked but not run
//   <!-- docs-check: run -->            a ts block is run too (js blocks run unless told)
//   <!-- docs-check: run vitest -->     after type-checking, `vitest run` the README's files
//   <!-- docs-check: prelude ... -->    declarations every ts/js block of the file may use

export type Directive = { name: 'skip' | 'no-run' | 'run'; argument: string };

export interface Block {
  line: number;
  /** Normalised: `ts`, `js`, `sh`, `http`, `json`, `yaml`, or the fence's own word. */
  lang: string;
  code: string;
  directive?: Directive;
  /** The file a block names on its first line (`// test/setup.ts`), where it is written. */
  path?: string;
}

export interface Readme {
  blocks: Block[];
  preludes: string[];
  /** Annotations the checker cannot use: each fails the check. */
  problems: { line: number; message: string }[];
}

const LANGS: Record<string, string> = {
  ts: 'ts', typescript: 'ts', tsx: 'ts', mts: 'ts', cts: 'ts',
  js: 'js', javascript: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  sh: 'sh', bash: 'sh', shell: 'sh',
  json: 'json', yaml: 'yaml', yml: 'yaml', http: 'http',
};
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const NAMED_FILE = /^\s*\/\/\s*((?:[\w.-]+\/)*[\w.-]+\.[cm]?[jt]sx?)(?=\s|$)/;
const REASONED = new Set(['skip', 'no-run']);

function directive(text: string, line: number, problems: Readme['problems']): Directive | undefined {
  const [, name = '', argument = ''] = /^(\S+)\s*([\s\S]*)$/.exec(text.trim()) ?? [];
  if (name !== 'skip' && name !== 'no-run' && name !== 'run') {
    problems.push({ line, message: `unknown docs-check directive "${name}" (skip, no-run, run or prelude)` });
    return undefined;
  }
  if (REASONED.has(name) && argument.trim() === '') problems.push({ line, message: `docs-check: ${name} needs a reason` });
  if (name === 'run' && argument !== '' && argument !== 'vitest') problems.push({ line, message: `docs-check: run takes nothing or "vitest", not "${argument}"` });
  return { name, argument: argument.trim() };
}

/**
 * Splits a README into code blocks, preludes and annotation problems.
 *
 * @example
 * parseReadme('<!-- docs-check: skip a sketch -->\n```text\n…\n```').blocks[0].directive; // { name: 'skip', … }
 */
export function parseReadme(markdown: string): Readme {
  const lines = markdown.split('\n');
  const readme: Readme = { blocks: [], preludes: [], problems: [] };
  let pending: { directive?: Directive; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const comment = /^\s*<!--\s*docs-check:([\s\S]*)$/.exec(text);
    if (comment) {
      let body = comment[1]!;
      const start = i;
      while (!body.includes('-->') && i + 1 < lines.length) body += `\n${lines[++i]}`;
      body = body.slice(0, body.indexOf('-->'));
      if (/^\s*prelude\b/.test(body)) readme.preludes.push(body.replace(/^\s*prelude\b/, ''));
      else pending = { directive: directive(body, start + 1, readme.problems), line: start + 1 };
      continue;
    }
    const fence = FENCE.exec(text);
    if (!fence) {
      if (pending && text.trim() !== '') {
        readme.problems.push({ line: pending.line, message: 'a docs-check annotation must come right before a code block' });
        pending = undefined;
      }
      continue;
    }
    const [, indent = '', marker = '', word = ''] = fence;
    const body: string[] = [];
    const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    for (i++; i < lines.length && !close.test(lines[i]!); i++) body.push(lines[i]!.startsWith(indent) ? lines[i]!.slice(indent.length) : lines[i]!.trimStart());
    const code = body.join('\n');
    const lang = LANGS[word.toLowerCase()] ?? word.toLowerCase();
    const path = lang === 'ts' || lang === 'js' ? NAMED_FILE.exec(body[0] ?? '')?.[1] : undefined;
    readme.blocks.push({ line: i - body.length, lang, code, ...(pending?.directive ? { directive: pending.directive } : {}), ...(path ? { path } : {}) });
    pending = undefined;
  }
  if (pending) readme.problems.push({ line: pending.line, message: 'a docs-check annotation must come right before a code block' });
  return readme;
}
