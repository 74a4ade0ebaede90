import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The lock's file name inside the data folder. */
export const LOCK_FILE = 'nexus-server.lock';

/** What the lock file says about the process holding the folder. */
export interface LockHolder {
  pid: number;
  /** `start`, `worker`, `migrate`, `keys create`, … */
  command: string;
  /** `pglite` or `memory`. */
  store: string;
  started_at: string;
  /** Set by `start` once it listens: where key commands reach it, and the token they show. */
  admin?: { url: string; token: string };
}

/** The folder is held by a live process; nothing was opened. */
export class DataDirInUseError extends Error {
  readonly dir: string;
  readonly holder: LockHolder;
  constructor(dir: string, holder: LockHolder) {
    super(
      `The data folder ${dir} is in use by PID ${holder.pid} (nexus-server ${holder.command}, ${holder.store}, since ${holder.started_at}). ` +
        'One process at a time may open an embedded database: stop that process, or use another --data-dir.' +
        (holder.admin ? ' Key commands (nexus-server keys …) reach it while it runs.' : '') +
        ` (If PID ${holder.pid} is no nexus-server, delete ${join(dir, LOCK_FILE)}.)`,
    );
    this.dir = dir;
    this.holder = holder;
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  path: string;
  holder: LockHolder;
  /** A stale lock (its PID gone) that this one replaced. */
  tookOverFrom?: LockHolder;
  /** Rewrites the holder (e.g. with the admin address once listening). */
  update(holder: LockHolder): void;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** True while a process with that PID exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(text: string | null): LockHolder | null {
  try {
    const holder = JSON.parse(text ?? '') as LockHolder;
    return Number.isInteger(holder?.pid) ? holder : null;
  } catch {
    return null;
  }
}

/** The holder written in the folder's lock file, or null when there is none (or it is unreadable). */
export function readLock(dir: string): LockHolder | null {
  return parseHolder(readText(join(dir, LOCK_FILE)));
}

/** The live process holding the folder, or null when it is free (no lock, or a stale one). */
export function liveHolder(dir: string): LockHolder | null {
  const holder = readLock(dir);
  return holder && isAlive(holder.pid) ? holder : null;
}

/** A file of our own with the holder in it (0600: it may carry the admin token). */
function writeScratch(path: string, holder: LockHolder): string {
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  return scratch;
}

/**
 * Takes the data folder for this process before anything opens its database: the lock file is
 * created exclusively (mode 0600, it may hold the admin token), so of two processes starting at
 * once exactly one gets it. A lock whose PID is gone (a crash, `kill -9`) is taken over. Throws
 * `DataDirInUseError` while its holder lives.
 *
 * @example
 * const lock = acquireDataDirLock('.nexus-data', { pid: process.pid, command: 'start', store: 'pglite', started_at: new Date().toISOString() });
 * try { … } finally { lock.release(); }
 */
export function acquireDataDirLock(dir: string, holder: LockHolder): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  let tookOverFrom: LockHolder | undefined;
  const scratch = writeScratch(path, holder);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        // link(2) fails with EEXIST like O_EXCL, and the lock appears with its content: no
        // reader ever sees an empty lock it could mistake for a stale one.
        linkSync(scratch, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      const text = readText(path);
      const current = parseHolder(text);
      if (current && isAlive(current.pid)) throw new DataDirInUseError(resolve(dir), current);
      // Stale: remove it only while it is still the file just read, then race for the link again.
      if (text !== null && readText(path) === text) rmSync(path, { force: true });
      tookOverFrom = current ?? tookOverFrom;
    }
  } finally {
    rmSync(scratch, { force: true });
  }
  let released = false;
  return {
    path,
    holder,
    tookOverFrom,
    update(next) {
      // Renamed over the lock: readers see the old holder or the new one, never half a file.
      renameSync(writeScratch(path, next), path);
      this.holder = next;
    },
    release() {
      if (released) return;
      released = true;
      if (readLock(dir)?.pid === holder.pid) rmSync(path, { force: true });
    },
  };
}
