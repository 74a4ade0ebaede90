import { Readable } from 'node:stream';
import type { Io } from '../commands/command.js';

// Test-only: streams that keep what a command writes, for running `main` in the test process.

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(env: Record<string, string> = {}): CapturedIo {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) => ({ write: (chunk: string | Uint8Array) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  return {
    env,
    stdin: Readable.from([]),
    stdout: sink((t) => (out += t)),
    stderr: sink((t) => (err += t)),
    out: () => out,
    err: () => err,
  };
}
