import type { SourceItem } from './source.js';

/**
 * JSON Lines, one record per line, read as the consumer pulls: a chunk of the file is read only
 * when the lines of the previous one are used up, so the file never sits in memory. Blank lines
 * are skipped; a line that is not a JSON object becomes a problem with its line number.
 * @example
 * for await (const item of readJsonl(createReadStream('feed.jsonl', 'utf8'))) console.log(item.line);
 */
export async function* readJsonl(chunks: AsyncIterable<string>): AsyncGenerator<SourceItem> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (let chunk of chunks) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const text of lines) {
      const item = parseLine(text, ++line);
      if (item) yield item;
    }
  }
  const item = parseLine(rest, ++line);
  if (item) yield item;
}

function parseLine(text: string, line: number): SourceItem | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, problem: { issue: `is not valid JSON (${(error as Error).message})` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, problem: { issue: 'is not a JSON object' } };
  }
  return { line, record: value as Record<string, unknown> };
}
