import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError, LOCK_FILE, liveHolder, type LockHolder } from './data-dir-lock.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const holder = (command: string): LockHolder => ({ pid: process.pid, command, store: 'pglite', started_at: new Date().toISOString() });

it('holds the folder until released; a second taker is refused with the holder named', () => {
  dir = mkdtempSync(join(tmpdir(), 'nexus-lock-'));
  const lock = acquireDataDirLock(dir, holder('start'));
  expect(statSync(lock.path).mode & 0o777).toBe(0o600);
  let refusal: unknown;
  try {
    acquireDataDirLock(dir, holder('keys create'));
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(DataDirInUseError);
  expect((refusal as DataDirInUseError).holder.command).toBe('start');
  lock.update({ ...lock.holder, admin: { url: 'http://127.0.0.1:1', token: 't' } });
  expect(liveHolder(dir)?.admin?.url).toBe('http://127.0.0.1:1');
  lock.release();
  lock.release();
  expect(readdirSync(dir)).toEqual([]);
  acquireDataDirLock(dir, holder('migrate')).release();
});

it('never removes a lock that another process has taken since', () => {
  dir = mkdtempSync(join(tmpdir(), 'nexus-lock-'));
  const lock = acquireDataDirLock(dir, holder('start'));
  // Someone else's lock now (as after a takeover of ours): releasing ours must leave it.
  lock.update({ ...lock.holder, pid: 2 ** 22 + 5 });
  lock.release();
  expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  const next = acquireDataDirLock(dir, holder('start'));
  expect(next.tookOverFrom?.pid).toBe(2 ** 22 + 5);
  next.release();
});
