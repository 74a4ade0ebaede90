import { ApiError, type NexusClient } from '@nexuscommerce/sdk';
import { afterAll, beforeAll, expect } from 'vitest';
import { checkedClient, takeViolations, type Exchange } from './http.js';
import { operationIds } from './spec.js';
import { statefulTargets, type Target } from './targets.js';

export type { Exchange };

/** One target inside one test: a fresh account, its client, and what it exchanged. */
export interface Run {
  target: Target;
  accountId: string;
  apiKey: string;
  client: NexusClient;
  /** Per-target values a test keeps between steps (ids differ between targets). */
  vars: Record<string, any>;
  /** A client of another key of this run's account, recording into the same run. */
  clientWithKey(apiKey: string): NexusClient;
  exchanges: Exchange[];
  /** Original id → placeholder, numbered in order of first appearance, per run. */
  ids: Map<string, string>;
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface StepOptions {
  /**
   * What must agree between targets. 'exchanges' (default): every HTTP exchange of the step,
   * normalised. 'outcome': only the result, for steps whose number of requests depends on timing
   * (polling a job until it ends).
   */
  compare?: 'exchanges' | 'outcome';
}

// ——— registry of covered operations (read statically by coverage.test.ts) ———

/** Declares the operations a test file covers; unknown operationIds fail at import. */
export function covers(...ids: string[]): void {
  const unknown = ids.filter((id) => !operationIds.includes(id));
  if (unknown.length) throw new Error(`covers(): not operations of the spec: ${unknown.join(', ')}`);
}

// ——— normalisation ———

const ID = /\b(acct|cus|ord|job|whk|evt|dlv|wtx|key|req)_[A-Za-z0-9]{6,}\b/g;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const SECRET = /whsec_[A-Za-z0-9+/=]+/g;
const API_KEY = /\bnxc_(test|live)_[A-Za-z0-9]+/g;
const VOLATILE_KEYS: Record<string, string> = {
  request_id: '<request_id>',
  next_cursor: '<cursor>',
  cursor: '<cursor>',
  duration_ms: '<ms>',
  secret: '<whsec>',
};

function normaliseString(s: string, ids: Map<string, string>): string {
  return s
    .replace(ID, (id, prefix: string) => {
      if (prefix === 'req') return '<req>';
      let placeholder = ids.get(id);
      if (!placeholder) {
        const n = [...ids.values()].filter((v) => v.startsWith(`<${prefix}_`)).length + 1;
        placeholder = `<${prefix}_${n}>`;
        ids.set(id, placeholder);
      }
      return placeholder;
    })
    .replace(TIMESTAMP, '<ts>')
    // The wait left in a 429's message depends on when in the window each target was asked.
    .replace(/retry in \d+ s/g, 'retry in <n> s')
    .replace(SECRET, '<whsec>')
    .replace(API_KEY, 'nxc_$1_<key>');
}

export function normalise(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return normaliseString(value, ids);
  if (Array.isArray(value)) return value.map((v) => normalise(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && VOLATILE_KEYS[k] ? VOLATILE_KEYS[k] : normalise(v, ids)]),
    );
  }
  return value;
}

function normaliseExchange(e: Exchange, ids: Map<string, string>) {
  const url = new URL(e.url);
  if (url.searchParams.has('cursor')) url.searchParams.set('cursor', 'CURSOR');
  const headers: Record<string, string> = { ...e.headers };
  // Present or absent is the contract for these; their values are volatile.
  for (const name of ['x-request-id', 'retry-after']) if (name in headers) headers[name] = '<present>';
  if (headers['location']) headers['location'] = normaliseString(new URL(headers['location'], url).pathname, ids);
  if (headers['content-type']) headers['content-type'] = headers['content-type'].split(';')[0]!.trim();
  return {
    request: `${e.method} ${normaliseString(decodeURIComponent(url.pathname + url.search), ids)}`,
    status: e.status,
    headers,
    body: normalise(e.body, ids),
  };
}

function describeOutcome(outcome: Outcome<unknown>, ids: Map<string, string>) {
  if (outcome.ok) return { resolved: normalise(toPlain(outcome.value), ids) };
  const e = outcome.error;
  if (e instanceof ApiError) return { threw: e.name, status: e.status, code: e.code, details: normalise(e.details, ids) };
  return { threw: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

/** JobHandle, Page and friends carry functions and clients; keep their data only. */
function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? undefined : v)) ?? 'null');
  } catch {
    return String(value);
  }
}

// ——— suites, trials, steps ———

export interface Suite {
  targets(): Target[];
  /** A fresh account on every stateful target (or those `only` keeps), for one test. */
  trial(only?: (target: Target) => boolean): Promise<Trial>;
}

/** Starts every stateful target once for the file (beforeAll) and closes them after. */
export function contractSuite(): Suite {
  let targets: Target[] = [];
  beforeAll(async () => {
    targets = await statefulTargets();
  });
  afterAll(async () => {
    await Promise.all(targets.map((t) => t.close()));
  });
  return {
    targets: () => targets,
    trial: async (only) => new Trial(await Promise.all(targets.filter(only ?? (() => true)).map((t) => openRun(t)))),
  };
}

async function openRun(target: Target): Promise<Run> {
  const { accountId, apiKey } = await target.newAccount!();
  const run: Run = {
    target,
    accountId,
    apiKey,
    vars: {},
    exchanges: [],
    ids: new Map(),
    client: undefined as unknown as NexusClient,
    clientWithKey: (key) => checkedClient(target, key, (e) => run.exchanges.push(e)),
  };
  run.client = run.clientWithKey(apiKey);
  return run;
}

export class Trial {
  constructor(readonly runs: Run[]) {}

  /**
   * Runs the same SDK call on every target, checks every response against the spec, and fails
   * with a diff if two targets answered differently. Resolves with the first target's result;
   * throws if any target threw.
   */
  async step<R>(name: string, fn: (client: NexusClient, run: Run) => PromiseLike<R>, options: StepOptions = {}): Promise<R> {
    const outcomes = await this.run(name, fn, options);
    outcomes.forEach((o, i) => {
      if (!o.ok) {
        const e = o.error as Error & { code?: string; details?: unknown };
        throw new Error(`step "${name}" threw on ${this.runs[i]!.target.name}: ${e?.name} ${e?.code ?? ''} ${e?.message} ${JSON.stringify(e?.details ?? '')}`);
      }
    });
    return (outcomes[0] as { value: R }).value;
  }

  /** Like `step`, for a call that must fail on every target; resolves with the first target's ApiError. */
  async stepError(name: string, fn: (client: NexusClient, run: Run) => PromiseLike<unknown>, options: StepOptions = {}): Promise<ApiError> {
    const outcomes = await this.run(name, fn, options);
    outcomes.forEach((o, i) => {
      if (o.ok) throw new Error(`step "${name}" was expected to fail, but resolved on ${this.runs[i]!.target.name}`);
      if (!(o.error instanceof ApiError)) throw new Error(`step "${name}" failed without an API answer on ${this.runs[i]!.target.name}: ${String(o.error)}`);
    });
    return (outcomes[0] as { error: ApiError }).error;
  }

  /** Setup or per-target checks with no comparison (e.g. what only one kind of target can do). */
  async each<R>(fn: (run: Run) => Promise<R>): Promise<R[]> {
    return Promise.all(this.runs.map(fn));
  }

  private async run<R>(name: string, fn: (client: NexusClient, run: Run) => PromiseLike<R>, options: StepOptions): Promise<Outcome<R>[]> {
    const starts = this.runs.map((r) => r.exchanges.length);
    const outcomes = await Promise.all(
      this.runs.map(async (run): Promise<Outcome<R>> => {
        try {
          return { ok: true, value: await fn(run.client, run) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    // Every answer was checked against the spec as it arrived; fail here, naming the step.
    const problems = takeViolations();
    if (problems.length) throw new Error(`step "${name}": answers not as the spec says:\n${problems.join('\n')}`);
    const seen = this.runs.map((run, i) => {
      const exchanges = run.exchanges.slice(starts[i]);
      const compared =
        options.compare === 'outcome'
          ? { outcome: describeOutcome(outcomes[i]!, run.ids) }
          : { exchanges: exchanges.map((e) => normaliseExchange(e, run.ids)), outcome: describeOutcome(outcomes[i]!, run.ids) };
      return compared;
    });
    const [reference, ...others] = seen;
    others.forEach((other, i) => {
      expect(other, `step "${name}": ${this.runs[i + 1]!.target.name} (received) differs from ${this.runs[0]!.target.name} (expected)`).toEqual(reference);
    });
    return outcomes;
  }
}
