/**
 * What `nexus` exits with. Scripts can tell "all went in" from "some records failed" from
 * "the run stopped before the end" without reading the output.
 * @example
 * if (code === ExitCode.RecordsFailed) console.error('see the errors file');
 */
export const ExitCode = {
  /** Everything went in; the job succeeded; `listen` stopped and removed its endpoint. */
  Ok: 0,
  /** The run finished but some records were rejected (listed in the errors file); the job ended `partially_failed`. */
  RecordsFailed: 1,
  /** Bad command line: unknown flag, missing argument, unreadable file, no API key. Nothing was sent. */
  Usage: 2,
  /** The run stopped before the end: the API refused a request, could not be reached, or the file broke mid-way. Safe to re-run with the same `--run-id`. */
  Stopped: 3,
  /** `jobs wait`: the job ended `failed` or `cancelled`. */
  JobFailed: 4,
  /** `jobs wait`: the job was still running when `--timeout` passed. */
  TimedOut: 5,
  /** Stopped by Ctrl-C (SIGINT); 143 for SIGTERM. Safe to re-run with the same `--run-id`. */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The table printed by `nexus --help` and the README. */
export const EXIT_CODES_HELP = `Exit codes:
  0    everything went in (ingest), the job succeeded (jobs wait), listen stopped cleanly
  1    finished, but some records failed: see the errors file (ingest), or the job partially failed
  2    bad command line (unknown flag, missing argument, unreadable file, no API key); nothing was sent
  3    stopped before the end: the API refused a request or could not be reached; re-run with the same --run-id
  4    the job failed or was cancelled (jobs wait)
  5    still running when --timeout passed (jobs wait)
  130  interrupted by Ctrl-C (143: SIGTERM); re-run with the same --run-id to resume`;

/** 128 + the signal's number, as shells report a process ended by a signal. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : ExitCode.Interrupted;
}
