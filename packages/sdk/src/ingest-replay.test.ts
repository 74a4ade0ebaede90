import { describe, expect, it } from 'vitest';
import { ConnectionError } from './errors.js';
import { ingest } from './ingest.js';
import { FakeBatchServer, rows } from './testing/fake-batch-server.js';

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('re-running an ingest with the same runId', () => {
  it('sends only the first batch of a finished run and lists the jobs once', async () => {
    const server = new FakeBatchServer({ listable: true });
    const source = rows(95, [12, 80]);
    const first = await ingest(source, server.submit, { batchSize: 10, runId: 'nightly' });
    const sent = server.keys.length;
    const reads = { ...server.reads };

    const again = await ingest(source, server.submit, { batchSize: 10, runId: 'nightly' });
    expect(server.keys.slice(sent)).toEqual(['nightly:0']);
    expect(server.reads.list - reads.list).toBe(1);
    expect(server.reads.get - reads.get).toBe(0);
    expect(again).toEqual({ ...first, replayed: 10 });
    expect(again.errors.map((e) => e.index)).toEqual([12, 80]);
    expect(sorted(server.applied)).toEqual(source.filter((r) => !r.bad).map((r) => r.id));
  });

  it('after a crash, sends only the batches that never reached the server', async () => {
    const server = new FakeBatchServer({ listable: true });
    const source = rows(100);
    server.dropAnswerFor = 'crash:6';
    await expect(ingest(source, server.submit, { batchSize: 10, concurrency: 2, runId: 'crash' })).rejects.toBeInstanceOf(ConnectionError);
    const accepted = new Set(server.jobs.keys());
    expect(accepted.has('crash:6')).toBe(true); // accepted, though its answer was lost
    const sent = server.keys.length;

    server.dropAnswerFor = undefined;
    const result = await ingest(source, server.submit, { batchSize: 10, concurrency: 2, runId: 'crash' });
    const resent = server.keys.slice(sent);
    expect(resent[0]).toBe('crash:0');
    expect(resent.slice(1).sort()).toEqual(Array.from({ length: 10 }, (_, n) => `crash:${n}`).filter((k) => !accepted.has(k)).sort());
    expect(result).toMatchObject({ batches: 10, records: 100, succeeded: 100, replayed: accepted.size });
    expect(sorted(server.applied)).toEqual(source.map((r) => r.id)); // each record once
  });

  it('watches a job an earlier attempt left unfinished instead of sending its batch again', async () => {
    const server = new FakeBatchServer({ listable: true });
    const source = rows(40);
    await ingest(source, server.submit, { batchSize: 10, runId: 'half' });
    server.leaveRunning('half:3');
    const sent = server.keys.length;
    const result = await ingest(source, server.submit, { batchSize: 10, runId: 'half' });
    expect(server.keys.slice(sent)).toEqual(['half:0']);
    expect(result).toMatchObject({ batches: 4, records: 40, succeeded: 40, replayed: 4 });
  });

  it('sends a batch again when its records changed under the same runId', async () => {
    const server = new FakeBatchServer({ listable: true });
    await ingest(rows(30), server.submit, { batchSize: 10, runId: 'edited' });
    const sent = server.keys.length;
    // Batch 1 now holds other records (as many as before); batch 2 is five records short.
    const edited = rows(25).map((row) => (row.id === 14 ? { ...row, bad: true } : row));
    await ingest(edited, server.submit, { batchSize: 10, runId: 'edited' });
    expect(server.keys.slice(sent)).toEqual(['edited:0', 'edited:1', 'edited:2']);
  });

  it('falls back to sending every batch again when the jobs cannot be listed', async () => {
    const server = new FakeBatchServer();
    const source = rows(30);
    await ingest(source, server.submit, { batchSize: 10, runId: 'plain' });
    const result = await ingest(source, server.submit, { batchSize: 10, runId: 'plain' });
    expect(server.keys.filter((k) => k.startsWith('plain:'))).toHaveLength(6);
    expect(result).toMatchObject({ records: 30, succeeded: 30, replayed: 3 });
    expect(sorted(server.applied)).toEqual(source.map((r) => r.id));
  });
});
