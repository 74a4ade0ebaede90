import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryHarness, onPostgres, pgliteHarness, type StoreHarness } from '../store/testing/harness.js';
import { fuzzApp, fuzzSettings, type FuzzReport } from './run.js';
import { specRequests } from './spec-requests.js';

const documented = new Map(specRequests().map((r) => [r.operationId, r.statuses]));

function fuzzSuite(label: string, open: () => Promise<StoreHarness>, shortRuns: number) {
  describe(`hostile requests on the ${label} store`, () => {
    const settings = fuzzSettings(process.env, shortRuns);
    let harness: StoreHarness;
    let report: FuzzReport | undefined;
    beforeAll(async () => {
      harness = await open();
    });
    afterAll(() => harness?.close());

    it(`${settings.runs} runs (seed ${settings.seed}): no 5xx, no hang, the documented envelope, nothing written`, async () => {
      report = await fuzzApp(harness.store(), settings);
      const byStatus = new Map<number, number>();
      for (const statuses of report.observed.values()) for (const s of statuses) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
      console.log(`fuzz ${label}: seed ${settings.seed}, ${settings.runs} runs, ${report.accepted} accepted, statuses (operations seeing each): ${[...byStatus].sort().map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }, 600_000);

    it('saw only statuses each operation documents, and reached every operation', () => {
      expect(report, 'the fuzz run above failed').toBeDefined();
      for (const [id, statuses] of report!.observed) {
        expect([...statuses].filter((s) => !documented.get(id)!.has(s)), id).toEqual([]);
      }
      if (settings.runs >= 400) expect([...report!.observed.keys()].sort()).toEqual([...documented.keys()].sort());
    });
  });
}

fuzzSuite('memory', memoryHarness, 400);
fuzzSuite('PGlite', pgliteHarness, 200);
onPostgres('hostile requests on the PostgreSQL store', (open) => fuzzSuite('PostgreSQL', open, 200));
