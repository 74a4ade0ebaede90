import { describe, expect, it } from 'vitest';
import { parseReadme } from './markdown.js';

describe('parseReadme', () => {
  it('finds fenced blocks with their line, language and the file they name', () => {
    const { blocks } = parseReadme(['# Title', '', '```typescript', '// test/setup.ts', 'x();', '```', '', '~~~sh', 'ls', '~~~'].join('\n'));
    expect(blocks).toEqual([
      { line: 3, lang: 'ts', code: '// test/setup.ts\nx();', path: 'test/setup.ts' },
      { line: 8, lang: 'sh', code: 'ls' },
    ]);
  });

  it('keeps a block indented under a list item, and a longer fence around a shorter one', () => {
    const { blocks } = parseReadme(['- step:', '  ````md', '  ```sh', '  ls', '  ```', '  ````'].join('\n'));
    expect(blocks).toEqual([{ line: 2, lang: 'md', code: '```sh\nls\n```' }]);
  });

  it('gives the next block its directive, and collects preludes from anywhere', () => {
    const readme = parseReadme(
      ['<!-- docs-check: prelude', 'declare const a: number;', '-->', '<!-- docs-check: skip not a program -->', '', '```text', 'x', '```', '```js', '1', '```'].join('\n'),
    );
    expect(readme.preludes).toEqual(['\ndeclare const a: number;\n']);
    expect(readme.blocks[0]!.directive).toEqual({ name: 'skip', argument: 'not a program' });
    expect(readme.blocks[1]!.directive).toBeUndefined();
    expect(readme.problems).toEqual([]);
  });

  it('reports annotations it cannot use instead of ignoring them', () => {
    const { problems } = parseReadme(
      ['<!-- docs-check: skipp typo -->', '```sh', 'ls', '```', '<!-- docs-check: skip -->', '```sh', 'ls', '```', '<!-- docs-check: run -->', 'prose in between', '```js', '1', '```', '<!-- docs-check: run later -->'].join('\n'),
    );
    expect(problems).toEqual([
      { line: 1, message: 'unknown docs-check directive "skipp" (skip, no-run, run or prelude)' },
      { line: 5, message: 'docs-check: skip needs a reason' },
      { line: 9, message: 'a docs-check annotation must come right before a code block' },
      { line: 14, message: 'docs-check: run takes nothing or "vitest", not "later"' },
      { line: 14, message: 'a docs-check annotation must come right before a code block' },
    ]);
  });
});
