import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../usage-error.js';
import { readCsv } from './csv.js';
import { readJsonl } from './jsonl.js';
import type { Fields } from './shapes.js';
import type { Format, SourceItem } from './source.js';

const WHITE_SPACE = new Set([0x09, 0x0d, 0x20]);
const EXTENSIONS: Record<string, Format> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' };

/**
 * The file's format: `--format` if given, else from the extension (.jsonl, .ndjson, .csv).
 * @example
 * formatOf('feed.csv', undefined); // 'csv'
 */
export function formatOf(file: string, flag: string | undefined): Format {
  if (flag !== undefined) {
    if (flag === 'jsonl' || flag === 'csv') return flag;
    throw new UsageError(`--format must be jsonl or csv, not "${flag}"`);
  }
  const format = EXTENSIONS[extname(file).toLowerCase()];
  if (!format) throw new UsageError(`cannot tell the format of "${file}" from its name: pass --format jsonl or --format csv`);
  return format;
}

/**
 * The records of a file (or of stdin for `-`), read lazily.
 * @example
 * for await (const item of openRecords('feed.jsonl', 'jsonl', SHAPES.products, process.stdin)) …
 */
export function openRecords(file: string, format: Format, fields: Fields, stdin: Readable): AsyncGenerator<SourceItem> {
  // A large buffer reads big files in fewer system calls; it is the most ever held at once.
  const input = file === '-' ? stdin : createReadStream(file, { highWaterMark: 256 * 1024 });
  if (format === 'csv') return readCsv(input, fields);
  input.setEncoding('utf8');
  return readJsonl(input as AsyncIterable<string>);
}

/**
 * How many records a file holds, for the progress bar's total and ETA: its non-blank lines
 * (less the header for CSV). A quoted CSV cell that spans lines makes this an overestimate.
 * Reads the file once, a chunk at a time.
 */
export async function countRecords(file: string, format: Format): Promise<number> {
  let lines = 0;
  let blank = true;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let start = 0; start < chunk.length; ) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      // Only the first bytes of a line are looked at, until one is not white space.
      for (let i = start; blank && i < end; i++) blank = WHITE_SPACE.has(chunk[i]!);
      if (newline === -1) break;
      if (!blank) lines++;
      blank = true;
      start = newline + 1;
    }
  }
  if (!blank) lines++;
  return format === 'csv' ? Math.max(0, lines - 1) : lines;
}
