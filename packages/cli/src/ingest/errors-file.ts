import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';

/** One line of the errors file: where in the input, which field, and why. */
export interface ErrorRow {
  /** Line of the input file the record starts on. */
  line: number | undefined;
  field?: string | undefined;
  /** The API's error code, or UNREADABLE_RECORD for a line that never became a record. */
  code: string;
  issue: string;
  /** The job that rejected the record, when the API did. */
  job_id?: string | undefined;
}

/**
 * Writes the rows as JSON Lines, ordered by line; with no rows, removes a file left by an earlier
 * run over the same input, so the file never describes anything but the last run.
 * @example
 * await writeErrorsFile('feed.jsonl.errors.jsonl', [{ line: 7, field: 'gtin', code: 'INVALID_GTIN', issue: 'bad check digit' }]);
 */
export async function writeErrorsFile(path: string, rows: ErrorRow[]): Promise<void> {
  if (rows.length === 0) {
    await rm(path, { force: true });
    return;
  }
  rows.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const out = createWriteStream(path);
  for (const row of rows) {
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
