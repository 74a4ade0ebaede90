import type { Clock } from './clock.js';
import type { RateLimiter } from './rate-limit/port.js';
import type { OpenApiDocument } from './spec/document.js';
import type { Plan, RateLimits } from './store/accounts.js';

/**
 * Rate limits of each plan (the contract's table); a key may override its own.
 *
 * @example
 * PLAN_LIMITS.growth.per_minute; // 300
 */
export const PLAN_LIMITS: Record<Plan, RateLimits> = {
  starter: { per_minute: 60, per_hour: 1_000 },
  growth: { per_minute: 300, per_hour: 10_000 },
  enterprise: { per_minute: 1_000, per_hour: 100_000 },
};

/** The subset of pino the core uses; any logger with these two methods fits. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ServerConfig {
  /** Reported by `GET /v1/health`. */
  version: string;
  /** Largest accepted request body; larger is `413 PAYLOAD_TOO_LARGE`. */
  bodyLimitBytes: number;
  /** Largest accepted URL plus headers; larger is `431 HEADERS_TOO_LARGE`. */
  headerLimitBytes: number;
  /**
   * How long an operation may take before it is answered `503 UNAVAILABLE` with `Retry-After`.
   * Longer than the longest job long poll (`wait` ≤ 30 s).
   */
  requestTimeoutMs: number;
  idempotencyTtlMs: number;
  /** How long a verified API key is trusted without a lookup; 0 checks the store every time. */
  keyCacheTtlMs: number;
  /** How long an unfinished idempotent request blocks retries before a crash is assumed. */
  idempotencyLockMs: number;
  planLimits: Record<Plan, RateLimits>;
  /** Per client IP, for operations without a key (health): high enough for any monitor. */
  unauthenticatedPerMinute: number;
  /** Health is `degraded` when a queued job or an undelivered event has waited longer than this. */
  healthLagMs: number;
  /** Health is `degraded` when the store takes longer than this to answer its probe. */
  healthSlowMs: number;
  /** Health is `503 UNAVAILABLE` when the store has not answered its probe after this long. */
  healthTimeoutMs: number;
  /** Defaults to one in-memory limiter per app. */
  rateLimiter?: RateLimiter;
  /**
   * The caller's IP for allow-lists. Runtimes know it, the Web `Request` does not: the Node
   * adapter reads the socket from `env` (Hono's bindings).
   */
  clientIp: (request: Request, env: unknown) => string | undefined;
  /**
   * Whether webhook URLs may point at loopback or private addresses. Off by default (a partner
   * must not make the server call into its own network); `nexus-server start` turns it on outside
   * production, for local development.
   */
  allowPrivateWebhookTargets: boolean;
  /**
   * The secret list cursors are signed with (HMAC-SHA256), at least 32 characters; every process
   * serving the same data must share it. Default: the store's own, generated on first use (kept in
   * the database by the SQL store, so cursors survive restarts; per store in memory).
   */
  cursorSecret?: string;
  /** The spec to serve; defaults to the bundled `@nexuscommerce/spec`. */
  spec?: OpenApiDocument;
  logger?: Logger;
}

/**
 * The configuration `createApp` starts from; pass only what differs.
 *
 * @example
 * createApp({ store, config: { bodyLimitBytes: 256 * 1024 } });
 */
export const DEFAULT_CONFIG: ServerConfig = {
  version: '0.1.0',
  bodyLimitBytes: 1024 * 1024,
  headerLimitBytes: 16 * 1024,
  requestTimeoutMs: 40_000,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  keyCacheTtlMs: 30_000,
  idempotencyLockMs: 60 * 1000,
  planLimits: PLAN_LIMITS,
  unauthenticatedPerMinute: 600,
  healthLagMs: 5 * 60 * 1000,
  healthSlowMs: 1000,
  healthTimeoutMs: 5000,
  clientIp: () => undefined,
  allowPrivateWebhookTargets: false,
};

export type { Clock };

/**
 * How the background side (job workers, webhook dispatcher) paces itself. Every field has a
 * production default; the system tests shorten them to see a whole retry schedule in seconds.
 */
export interface BackgroundTiming {
  /** Job lease: a worker that dies is replaced this long after its last progress (default 30 s). */
  leaseMs?: number;
  /** Delay before each webhook attempt, the first included; its length is the number of attempts. */
  retryDelaysMs?: number[];
  /** One webhook attempt's timeout (default 15 s, the spec's). */
  webhookTimeoutMs?: number;
  /** How long a claimed delivery stays with its dispatcher (default the timeout plus a minute). */
  webhookLockMs?: number;
}

const TIMING_ENV = {
  leaseMs: 'NEXUS_JOB_LEASE_MS',
  webhookTimeoutMs: 'NEXUS_WEBHOOK_TIMEOUT_MS',
  webhookLockMs: 'NEXUS_WEBHOOK_LOCK_MS',
} as const;

/**
 * Reads `BackgroundTiming` from environment variables (milliseconds): `NEXUS_JOB_LEASE_MS`,
 * `NEXUS_WEBHOOK_TIMEOUT_MS`, `NEXUS_WEBHOOK_LOCK_MS` and `NEXUS_WEBHOOK_RETRY_DELAYS_MS`
 * (a comma list, e.g. `0,5000,300000`). Unset means the default; a bad value throws.
 *
 * @example
 * backgroundTimingFromEnv({ NEXUS_WEBHOOK_RETRY_DELAYS_MS: '0,500,1000' }); // { retryDelaysMs: [0, 500, 1000] }
 */
export function backgroundTimingFromEnv(env: Record<string, string | undefined>): BackgroundTiming {
  const timing: BackgroundTiming = {};
  for (const [field, name] of Object.entries(TIMING_ENV) as [keyof typeof TIMING_ENV, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') timing[field] = milliseconds(name, value, 1);
  }
  const delays = env.NEXUS_WEBHOOK_RETRY_DELAYS_MS;
  if (delays !== undefined && delays !== '') {
    timing.retryDelaysMs = delays.split(',').map((part) => milliseconds('NEXUS_WEBHOOK_RETRY_DELAYS_MS', part.trim(), 0));
  }
  return timing;
}

function milliseconds(name: string, value: string, min: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} takes whole milliseconds (at least ${min}); got ${JSON.stringify(value)}.`);
  return n;
}
