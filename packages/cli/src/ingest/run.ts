import { AbortError, ConflictError, type IngestOptions, type IngestProgress, type IngestResult, ValidationError } from '@nexuscommerce/sdk';
import { type Io, shellWord } from '../commands/command.js';
import type { Connection } from '../connection.js';
import { ExitCode } from '../exit-codes.js';
import { describeFailure } from '../failure.js';
import { onInterrupt } from '../interrupt.js';
import { LineIndex } from '../records/line-index.js';
import { countRecords, openRecords } from '../records/open.js';
import { type Resource, SHAPES } from '../records/shapes.js';
import { type Format, SourceError, type SourceItem } from '../records/source.js';
import { startProgress } from '../progress/progress.js';
import { UsageError } from '../usage-error.js';
import { type ErrorRow, writeErrorsFile } from './errors-file.js';
import { rejectedRows } from './rejected-batch.js';

export interface IngestPlan {
  resource: Resource;
  file: string;
  format: Format;
  runId: string;
  batchSize: number | undefined;
  concurrency: number;
  errorsFile: string;
  progressInterval: number;
  json: boolean;
}

type Ingest = (source: AsyncIterable<Record<string, unknown>>, options: IngestOptions) => Promise<IngestResult>;

/**
 * Streams the file through the SDK's `ingest`: records are read only as batches are sent, each
 * record's line is remembered compactly, and the outcome becomes an errors file and an exit code.
 */
export async function runIngest(plan: IngestPlan, connection: Connection, io: Io): Promise<number> {
  const items = openRecords(plan.file, plan.format, SHAPES[plan.resource], io.stdin);
  try {
    // The first pull reads the CSV header: a wrong column stops here, before any request.
    const first = await items.next();
    let batchSize: number;
    try {
      batchSize = await chooseBatchSize(plan, connection);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      io.stderr.write(`nexus: cannot start the run: ${describeFailure(error, connection.origin)}\n`);
      return ExitCode.Stopped;
    }
    const total = plan.file === '-' ? undefined : await countRecords(plan.file, plan.format);
    const resume = ['nexus ingest', plan.resource, shellWord(plan.file), '--run-id', shellWord(plan.runId), '--batch-size', String(batchSize)].join(' ');
    io.stderr.write(`Ingesting ${plan.resource} from ${plan.file} into ${connection.origin}, ${batchSize} records per batch (run id ${plan.runId}).\n`);
    io.stderr.write(`If this run stops, resume it with: ${resume}\n`);

    const lines = new LineIndex();
    const unreadable: ErrorRow[] = [];
    let confirmed: IngestProgress = { batches: 0, records: 0, succeeded: 0, failed: 0 };
    const progress = startProgress({ label: plan.resource, total, stream: io.stderr, intervalSeconds: plan.progressInterval });
    const show = () => progress.update(confirmed.records + unreadable.length, confirmed.failed + unreadable.length);
    async function* records(): AsyncGenerator<Record<string, unknown>> {
      let sent = 0;
      for (let next = first; !next.done; next = await items.next()) {
        const item: SourceItem = next.value;
        if ('record' in item) {
          lines.add(sent++, item.line);
          yield item.record;
        } else {
          unreadable.push({ line: item.line, field: item.problem.field, code: 'UNREADABLE_RECORD', issue: item.problem.issue });
          show();
        }
      }
    }

    const interrupt = onInterrupt();
    const ingest = (connection.client[plan.resource] as unknown as { ingest: Ingest }).ingest;
    try {
      const result = await ingest(records(), {
        runId: plan.runId,
        batchSize,
        concurrency: plan.concurrency,
        signal: interrupt.signal,
        onProgress: (p) => {
          confirmed = p;
          show();
        },
      });
      progress.setTotal(result.records + unreadable.length);
      progress.stop();
      const rows = [...unreadable, ...result.errors.map((e) => ({ line: lines.lineOf(e.index), field: e.field, code: e.code, issue: e.issue, job_id: e.jobId }))];
      await writeErrorsFile(plan.errorsFile, rows);
      const failed = result.failed + unreadable.length;
      report(io, plan, { records: result.records + unreadable.length, succeeded: result.succeeded, failed, batches: result.batches }, rows.length > 0);
      return failed > 0 ? ExitCode.RecordsFailed : ExitCode.Ok;
    } catch (error) {
      progress.stop();
      const sofar = `${confirmed.records.toLocaleString('en-US')} records in ${confirmed.batches} batches were confirmed before it stopped`;
      if (interrupt.exitCode !== undefined && error instanceof AbortError) {
        io.stderr.write(`nexus: interrupted; ${sofar}. Resume with: ${resume}\n`);
        return interrupt.exitCode;
      }
      if (error instanceof ValidationError && error.idempotencyKey?.startsWith(`${plan.runId}:`)) {
        const rows = rejectedRows(error, plan.runId, batchSize, lines);
        await writeErrorsFile(plan.errorsFile, [...unreadable, ...rows]);
        const where = rows.slice(0, 3).map((r) => `line ${r.line ?? '?'}${r.field ? ` ${r.field}` : ''}: ${r.issue}`).join('; ');
        io.stderr.write(`nexus: the API rejected a whole batch (${error.status} ${error.code ?? ''}): ${where}${rows.length > 3 ? ' …' : ''}\n`);
        io.stderr.write(`Every rejected line is in ${plan.errorsFile}. Fix those lines in place (adding or removing lines moves the batches) and resume with: ${resume}\n`);
        return ExitCode.Stopped;
      }
      if (error instanceof ConflictError && error.code === 'IDEMPOTENCY_CONFLICT') {
        io.stderr.write(`nexus: a batch differs from the one sent earlier under run id ${plan.runId}: the file, its order or --batch-size changed since. Use a new --run-id to send it as a new run.\n`);
        return ExitCode.Stopped;
      }
      const why = error instanceof SourceError ? error.message : describeFailure(error, connection.origin);
      io.stderr.write(`nexus: ingest stopped: ${why}; ${sofar}. Resume with: ${resume}\n`);
      return ExitCode.Stopped;
    } finally {
      interrupt.dispose();
    }
  } finally {
    await items.return(undefined);
  }
}

/** `--batch-size`, else the key's batch limit (from `GET /v1/me`); never more than the limit. */
async function chooseBatchSize(plan: IngestPlan, connection: Connection): Promise<number> {
  const me = await connection.client.account.get();
  if (plan.batchSize === undefined) return me.batch_limit;
  if (plan.batchSize > me.batch_limit) {
    throw new UsageError(`--batch-size ${plan.batchSize} is over this key's batch limit of ${me.batch_limit}`);
  }
  return plan.batchSize;
}

function report(io: Io, plan: IngestPlan, totals: { records: number; succeeded: number; failed: number; batches: number }, wroteErrors: boolean) {
  if (plan.json) {
    const summary = { resource: plan.resource, file: plan.file, run_id: plan.runId, ...totals, errors_file: wroteErrors ? plan.errorsFile : null };
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  const errors = wroteErrors ? ` (see ${plan.errorsFile})` : '';
  io.stdout.write(`${plan.resource}: ${n(totals.records)} records from ${plan.file}: ${n(totals.succeeded)} went in, ${n(totals.failed)} failed${errors}. Run id ${plan.runId}.\n`);
}
