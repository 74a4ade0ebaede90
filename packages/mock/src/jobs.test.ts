import { systemClock, type Clock } from '@nexuscommerce/server';
import { createNexusClient } from '@nexuscommerce/sdk';
import { describe, expect, it } from 'vitest';
import { createMockApi, type MockApiOptions } from './create-mock-api.js';
import { jobFails, jobTakes } from './scenarios.js';

const product = (sku: string) => ({ sku, title: sku, price: '10.00', currency: 'INR' });
const items = (n: number) => Array.from({ length: n }, (_, i) => product(`P-${i}`));

/** A clock the test moves; it starts at the real time so that seeding works as usual. */
function testClock(): Clock & { advance(ms: number): void } {
  let now = systemClock.now().getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

async function sandbox(options: MockApiOptions = {}) {
  const mock = createMockApi({ seedSize: { products: 0, customers: 0, orders: 0 }, ...options });
  await mock.ready;
  const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl, fetch: (request) => mock.fetch(request) });
  return { mock, nexus };
}

describe('jobs in the mock, step by step (jobs: manual)', () => {
  it('applies exactly the records asked for, in job order, and reports how many', async () => {
    const { mock, nexus } = await sandbox({ jobs: 'manual' });
    const first = await nexus.products.batch({ items: items(3) } as never);
    const second = await nexus.categories.batch({ items: [{ category_code: 'a', name: 'A' }] } as never);
    expect((await nexus.jobs.get(first.id)).status).toBe('queued');

    expect(await mock.jobs.step()).toBe(1);
    expect(await nexus.jobs.get(first.id)).toMatchObject({ status: 'running', progress: { processed: 1 } });
    expect((await nexus.products.list()).data.map((p) => p.sku)).toEqual(['P-0']);

    // Two records finish the first job; the third goes to the second job.
    expect(await mock.jobs.step(3)).toBe(3);
    expect((await nexus.jobs.get(first.id)).status).toBe('succeeded');
    expect((await nexus.jobs.get(second.id)).status).toBe('succeeded');
    expect(await mock.jobs.step(5)).toBe(0);
    expect(mock.webhooks.list('job.completed')).toHaveLength(2);
  });

  it('steps one job by id, leaving older ones waiting, and tells an unknown id apart', async () => {
    const { mock, nexus } = await sandbox({ jobs: 'manual' });
    const older = await nexus.products.batch({ items: items(2) } as never);
    const newer = await nexus.categories.batch({ items: [{ category_code: 'a', name: 'A' }, { category_code: 'b', name: 'B' }] } as never);
    expect(await mock.jobs.stepJob(newer.id, 1)).toMatchObject({ applied: 1, job: { id: newer.id, status: 'running', processed: 1 } });
    expect((await nexus.jobs.get(older.id)).status).toBe('queued');
    expect(await mock.jobs.stepJob(newer.id, 10)).toMatchObject({ applied: 1, job: { status: 'succeeded', processed: 2 } });
    expect(await mock.jobs.stepJob(newer.id)).toMatchObject({ applied: 0, job: { status: 'succeeded' } });
    expect(await mock.jobs.stepJob('job_unknown')).toBeNull();
    expect(await mock.jobs.step(5)).toBe(2);
  });

  it('answers a long poll when runAll finishes the job', async () => {
    const { mock, nexus } = await sandbox({ jobs: 'manual' });
    const job = await nexus.products.batch({ items: items(2) } as never);
    const polled = mock.fetch(
      new Request(`${mock.baseUrl}/v1/jobs/${job.id}?wait=30`, { headers: { authorization: `Bearer ${mock.apiKey}` } }),
    );
    await new Promise((r) => setTimeout(r, 20));
    await mock.jobs.runAll();
    const answered = (await (await polled).json()) as { data: { status: string } };
    expect(answered.data.status).toBe('succeeded');
  });

  it('leaves a cancelled job alone, and switching to auto runs what waits', async () => {
    const { mock, nexus } = await sandbox({ jobs: 'manual' });
    const cancelled = await nexus.products.batch({ items: items(2) } as never);
    await nexus.jobs.cancel(cancelled.id);
    const waiting = await nexus.dealers.batch({ items: [{ code: 'DLR-1', name: 'D' }] } as never);
    mock.jobs.mode = 'auto';
    expect((await nexus.jobs.get(waiting.id)).status).toBe('succeeded');
    expect(await nexus.jobs.get(cancelled.id)).toMatchObject({ status: 'cancelled', progress: { processed: 0 } });
    expect((await nexus.products.list()).data).toEqual([]);
  });
});

describe('jobs in the mock on its clock', () => {
  it('jobTakes spreads the records over the time given, following the clock the test moves', async () => {
    const clock = testClock();
    const { mock, nexus } = await sandbox({ clock });
    mock.use(jobTakes(1000));
    const job = await nexus.products.batch({ items: items(4) } as never);
    expect(await nexus.jobs.get(job.id)).toMatchObject({ status: 'queued', progress: { processed: 0 } });
    clock.advance(500);
    expect(await nexus.jobs.get(job.id)).toMatchObject({ status: 'running', progress: { processed: 2 } });
    clock.advance(499);
    expect((await nexus.jobs.get(job.id)).progress.processed).toBe(3);
    clock.advance(1);
    expect(await nexus.jobs.get(job.id)).toMatchObject({ status: 'succeeded', progress: { processed: 4 } });
  });

  it('jobTakes and jobFails apply to jobs of matching operations only', async () => {
    const clock = testClock();
    const { mock, nexus } = await sandbox({ clock });
    mock.use(jobTakes(60_000, { match: 'batchUpsertCategories' }), jobFails({ match: 'batchUpsertDealers' }));
    const slow = await nexus.categories.batch({ items: [{ category_code: 'a', name: 'A' }] } as never);
    const failing = await nexus.dealers.batch({ items: [{ code: 'DLR-1', name: 'D' }] } as never);
    const normal = await nexus.products.batch({ items: items(1) } as never);
    expect((await nexus.jobs.get(slow.id)).status).toBe('queued');
    expect(await nexus.jobs.get(failing.id)).toMatchObject({ status: 'failed', errors: [{ index: 0, code: 'INTERNAL', field: 'record' }] });
    expect((await nexus.jobs.get(normal.id)).status).toBe('succeeded');
    clock.advance(60_000);
    expect((await nexus.jobs.get(slow.id)).status).toBe('succeeded');
  });

  it('reset() forgets the jobs of the old sandbox', async () => {
    const { mock, nexus } = await sandbox({ jobs: 'manual' });
    await nexus.products.batch({ items: items(2) } as never);
    await mock.reset();
    expect(await mock.jobs.step(10)).toBe(0);
    expect((await nexus.jobs.list()).data).toEqual([]);
  });

  it('refuses a negative duration', () => {
    expect(() => jobTakes(-1)).toThrow(RangeError);
  });
});
