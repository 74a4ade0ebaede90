import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { buildRecord } from './csv-record.js';
import { compileColumns, type Column } from './csv-columns.js';
import type { Fields } from './shapes.js';
import { SourceError, type SourceItem } from './source.js';

/**
 * CSV with a header row, parsed by csv-parse as the consumer pulls (the stream is read only as
 * fast as records are used). Each record carries the line it starts on; a row with the wrong
 * number of cells, or a cell that cannot be read as its field's type, becomes a problem.
 * @example
 * for await (const item of readCsv(createReadStream('feed.csv'), SHAPES.products)) console.log(item);
 */
export async function* readCsv(input: Readable, fields: Fields): AsyncGenerator<SourceItem> {
  const parser = parse({ info: true, bom: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let columns: Column[] | undefined;
  // csv-parse reports where a record ends; it starts after the previous one and any blank lines.
  let lastLine = 0;
  let blankLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = lastLine + 1 + (info.empty_lines - blankLines);
      lastLine = info.lines;
      blankLines = info.empty_lines;
      if (!columns) {
        columns = compileColumns(record, fields);
        continue;
      }
      if (record.length !== columns.length) {
        yield { line, problem: { issue: `has ${record.length} cells, the header has ${columns.length}` } };
        continue;
      }
      yield { line, ...buildRecord(record, columns) };
    }
  } catch (error) {
    if (error instanceof CsvError) throw new SourceError(`the CSV cannot be read on: ${error.message}`, undefined, { cause: error });
    throw error;
  } finally {
    input.destroy();
  }
}
