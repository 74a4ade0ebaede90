import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../connection.js';
import { runIngest } from '../ingest/run.js';
import { formatOf } from '../records/open.js';
import { RESOURCES, type Resource } from '../records/shapes.js';
import { UsageError, integerFlag } from '../usage-error.js';
import { defineCommand } from './command.js';

const FLAGS = {
  ...CONNECTION_FLAGS,
  format: { type: 'string' },
  'run-id': { type: 'string' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  errors: { type: 'string' },
  'progress-interval': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `Usage: nexus ingest <${RESOURCES.join('|')}> <file> [options]

Sends every record of a JSON Lines or CSV file through the resource's batch endpoint, a batch at
a time, reading the file only as fast as batches go out. <file> may be - for stdin (with --format).

Options:
  --format <jsonl|csv>       default: from the extension (.jsonl, .ndjson, .csv)
  --run-id <id>              names the run; re-running with the same id, file and batch size
                             within 24 hours sends nothing twice (default: a new id, printed)
  --batch-size <n>           records per request (default: the key's batch limit)
  --concurrency <n>          batches in flight at once (default 4)
  --errors <file>            where rejected records go, one JSON line each with its line number
                             (default: <file>.errors.jsonl; removed when a run has none)
  --progress-interval <s>    seconds between progress lines when stderr is not a terminal (default 5)
  --json                     print the summary as JSON
  -h, --help

CSV: the first row names the fields. Nested fields use dots: attributes.color is the "color"
attribute, address.city the dealer's city, items.0.sku and items.0.quantity the first order line.
A column naming a whole object or list (address, images, items) takes a JSON cell. Cells are
text, except fields the API defines as numbers (weight_kg, on_hand, quantity …), which must be
numbers; prices stay text ("799.00"). An empty cell leaves the field out.

${CONNECTION_HELP}`;

const RUN_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** `nexus ingest`: a file of records into the API, resumable, with per-line errors. */
export const ingestCommand = defineCommand('ingest', 'send a JSON Lines or CSV file of records through a batch endpoint', {
  help: HELP,
  flags: FLAGS,
  positionals: { count: 2, missing: 'ingest needs a resource and a file, e.g. nexus ingest products feed.jsonl' },
  async run({ values, args: [resource, file] }, io) {
    if (!(RESOURCES as readonly string[]).includes(resource)) {
      throw new UsageError(`cannot ingest "${resource}": choose one of ${RESOURCES.join(', ')}`);
    }
    if (file !== '-') checkReadable(file);
    if (file === '-' && values.format === undefined) throw new UsageError('reading stdin needs --format jsonl or --format csv');
    const runId = values['run-id'] ?? `${resource}-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    if (!RUN_ID.test(runId)) throw new UsageError('--run-id may hold 1 to 200 letters, digits and . _ : -');
    const plan = {
      resource: resource as Resource,
      file,
      format: formatOf(file, values.format),
      runId,
      batchSize: integerFlag(values['batch-size'], '--batch-size', { min: 1, max: 1000 }),
      concurrency: integerFlag(values.concurrency, '--concurrency', { min: 1, max: 32 }) ?? 4,
      errorsFile: values.errors ?? (file === '-' ? `${runId}.errors.jsonl` : `${file}.errors.jsonl`),
      progressInterval: integerFlag(values['progress-interval'], '--progress-interval', { min: 1, max: 3600 }) ?? 5,
      json: values.json ?? false,
    };
    return runIngest(plan, connect(values, io.env), io);
  },
});

function checkReadable(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`cannot read "${file}": no such file`);
  }
  if (!isFile) throw new UsageError(`cannot read "${file}": not a file`);
}
