/** One record read from the file, or why the line could not become one. */
export type SourceItem =
  | { line: number; record: Record<string, unknown> }
  | { line: number; problem: { field?: string; issue: string } };

/** The file cannot be read on from here (a CSV quote never closed, a read error). */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly line: number | undefined;

  constructor(message: string, line?: number, options?: ErrorOptions) {
    super(line === undefined ? message : `line ${line}: ${message}`, options);
    this.line = line;
  }
}

export type Format = 'jsonl' | 'csv';
