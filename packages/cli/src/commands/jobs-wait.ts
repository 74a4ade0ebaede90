import { AbortError, type Job, JobFailedError, TimeoutError } from '@nexuscommerce/sdk';
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../connection.js';
import { ExitCode } from '../exit-codes.js';
import { describeFailure } from '../failure.js';
import { onInterrupt } from '../interrupt.js';
import { startProgress } from '../progress/progress.js';
import { UsageError, integerFlag } from '../usage-error.js';
import { type Io, defineCommand } from './command.js';

const FLAGS = {
  ...CONNECTION_FLAGS,
  timeout: { type: 'string' },
  'progress-interval': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `Usage: nexus jobs wait <job_id> [options]

Follows a batch or sync job until it ends, with the same progress display as ingest, and exits
with a code that says how it ended (0 succeeded, 1 partially failed, 4 failed or cancelled,
5 still running at --timeout).

Options:
  --timeout <s>              stop waiting after this many seconds (default 600); the job goes on
  --progress-interval <s>    seconds between progress lines when stderr is not a terminal (default 5)
  --json                     print the final job as JSON
  -h, --help

${CONNECTION_HELP}`;

const SHOWN_ERRORS = 10;

/** `nexus jobs wait`: a job's progress until it ends. */
export const jobsWaitCommand = defineCommand('jobs wait', 'follow a job until it ends', {
  help: HELP,
  flags: FLAGS,
  positionals: { count: 1, missing: 'jobs wait needs a job id, e.g. nexus jobs wait job_3Fh7Kd9Ls2Qp6Wx1' },
  async run({ values, args: [jobId] }, io) {
    const timeoutSeconds = integerFlag(values.timeout, '--timeout', { min: 1, max: 86_400 }) ?? 600;
    const interval = integerFlag(values['progress-interval'], '--progress-interval', { min: 1, max: 3600 }) ?? 5;
    const { client, origin } = connect(values, io.env);

    const handle = client.job(jobId);
    let job: Job;
    try {
      job = await handle.get();
    } catch (error) {
      io.stderr.write(`nexus: cannot read job ${jobId}: ${describeFailure(error, origin)}\n`);
      return ExitCode.Stopped;
    }
    const progress = startProgress({ label: jobId, total: job.progress.total, stream: io.stderr, intervalSeconds: interval });
    progress.update(job.progress.processed, job.progress.failed);
    const interrupt = onInterrupt();
    try {
      job = await handle.wait({
        timeoutMs: timeoutSeconds * 1000,
        signal: interrupt.signal,
        onProgress: (j) => progress.update(j.progress.processed, j.progress.failed),
      });
    } catch (error) {
      if (error instanceof JobFailedError) {
        job = error.job;
      } else {
        progress.stop();
        if (interrupt.exitCode !== undefined && error instanceof AbortError) return interrupt.exitCode;
        if (error instanceof TimeoutError && handle.last) {
          io.stderr.write(`nexus: job ${jobId} is still ${handle.last.status} after ${timeoutSeconds}s; run this again to keep waiting\n`);
          return ExitCode.TimedOut;
        }
        io.stderr.write(`nexus: stopped waiting for job ${jobId}: ${describeFailure(error, origin)}\n`);
        return ExitCode.Stopped;
      }
    } finally {
      interrupt.dispose();
    }
    progress.update(job.progress.processed, job.progress.failed);
    progress.stop();
    report(io, job, values.json ?? false);
    return job.status === 'succeeded' ? ExitCode.Ok : job.status === 'partially_failed' ? ExitCode.RecordsFailed : ExitCode.JobFailed;
  },
});

function report(io: Io, job: Job, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(job)}\n`);
    return;
  }
  const p = job.progress;
  io.stdout.write(`${job.id} (${job.type}): ${job.status}, ${p.processed}/${p.total} processed, ${p.succeeded} succeeded, ${p.failed} failed\n`);
  for (const e of job.errors.slice(0, SHOWN_ERRORS)) {
    io.stdout.write(`  record ${e.index}${e.field ? ` ${e.field}` : ''}: ${e.code} ${e.issue}\n`);
  }
  if (job.errors.length > SHOWN_ERRORS) io.stdout.write(`  … and ${job.errors.length - SHOWN_ERRORS} more (--json prints them all)\n`);
}
