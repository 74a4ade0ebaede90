import { isCidr } from '../auth/cidr.js';
import type { Plan, RateLimits } from '../store/accounts.js';
import type { Mode } from '../store/partition.js';

/** The plans of the contract's rate-limit table; a key on any other plan could not be served. */
export const PLANS: readonly Plan[] = ['starter', 'growth', 'enterprise'];
export const MODES: readonly Mode[] = ['test', 'live'];
/** The largest batch a key may be allowed: every batch body's `maxItems` in the spec. */
export const MAX_BATCH_LIMIT = 1000;
const MAX_NAME_LENGTH = 200;

/**
 * Every scope of the contract; new keys get all of them unless told otherwise.
 *
 * @example
 * await issueApiKey(store, clock, { accountId, mode: 'test', scopes: ALL_SCOPES.filter((s) => s.endsWith(':read')) });
 */
export const ALL_SCOPES = [
  'products:read', 'products:write', 'categories:read', 'categories:write', 'dealers:read',
  'dealers:write', 'customers:read', 'customers:write', 'orders:read', 'orders:write',
  'inventory:read', 'inventory:write', 'wallet:read', 'wallet:write', 'jobs:read', 'webhooks:manage',
];

/** What a new key may be given; everything but the account has a default. */
export interface KeySettings {
  mode: Mode;
  name?: string;
  scopes?: string[];
  plan?: Plan;
  rateLimits?: RateLimits | null;
  batchLimit?: number;
  expiresAt?: string | null;
  ipAllowlist?: string[];
}

/** One setting that cannot be stored, named by its option (`plan`, `expiresAt`, …). */
export interface KeySettingProblem {
  setting: keyof KeySettings;
  message: string;
}

/**
 * Thrown by `issueApiKey` for settings with which the key could not work (an unknown plan would
 * make every request with it fail): nothing is stored.
 */
export class InvalidKeySettingsError extends Error {
  readonly problems: KeySettingProblem[];
  constructor(problems: KeySettingProblem[]) {
    super(`Invalid API key settings: ${problems.map((p) => `${p.setting} ${p.message}`).join('; ')}.`);
    this.problems = problems;
    this.name = 'InvalidKeySettingsError';
  }
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The instant an ISO 8601 date (`2027-01-31`, midnight UTC) or date-time with a zone
 * (`2027-01-31T18:00:00Z`, `…+05:30`) names, or null. Calendar dates that do not exist
 * (`2027-02-30`) are null too, where `Date.parse` would roll them over.
 */
export function parseIsoInstant(text: string): Date | null {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const oneOf = (allowed: readonly string[], got: unknown) => `must be one of ${allowed.join(', ')}; got ${JSON.stringify(got)}`;
const isPositiveInteger = (n: unknown, max = Number.MAX_SAFE_INTEGER) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;

/**
 * Every reason these settings cannot make a working key, checked against `now` (an expiry in the
 * past would issue a key that is dead on arrival). Empty when they can.
 *
 * @example
 * keySettingProblems({ mode: 'test', plan: 'platinum' as Plan }, new Date());
 * // [{ setting: 'plan', message: 'must be one of starter, growth, enterprise; got "platinum"' }]
 */
export function keySettingProblems(settings: KeySettings, now: Date): KeySettingProblem[] {
  const problems: KeySettingProblem[] = [];
  const add = (setting: keyof KeySettings, message: string) => problems.push({ setting, message });
  if (!MODES.includes(settings.mode)) add('mode', oneOf(MODES, settings.mode));
  if (settings.plan !== undefined && !PLANS.includes(settings.plan)) add('plan', oneOf(PLANS, settings.plan));
  if (settings.name !== undefined && (typeof settings.name !== 'string' || settings.name.trim() === '' || settings.name.length > MAX_NAME_LENGTH)) {
    add('name', `must be a non-empty text of at most ${MAX_NAME_LENGTH} characters`);
  }
  if (settings.scopes !== undefined) {
    const unknown = settings.scopes.filter((scope) => !ALL_SCOPES.includes(scope));
    if (settings.scopes.length === 0) add('scopes', 'must name at least one scope');
    else if (unknown.length > 0) add('scopes', `has unknown scopes ${unknown.join(', ')}; known: ${ALL_SCOPES.join(', ')}`);
  }
  if (settings.batchLimit !== undefined && !isPositiveInteger(settings.batchLimit, MAX_BATCH_LIMIT)) {
    add('batchLimit', `must be a whole number from 1 to ${MAX_BATCH_LIMIT}; got ${JSON.stringify(settings.batchLimit)}`);
  }
  if (settings.rateLimits && !(isPositiveInteger(settings.rateLimits.per_minute) && isPositiveInteger(settings.rateLimits.per_hour))) {
    add('rateLimits', 'must give per_minute and per_hour as whole numbers of at least 1');
  }
  if (settings.expiresAt !== undefined && settings.expiresAt !== null) {
    const at = parseIsoInstant(settings.expiresAt);
    if (!at) add('expiresAt', `must be an ISO 8601 date or date-time with a zone, such as 2027-01-31 or 2027-01-31T18:00:00Z; got ${JSON.stringify(settings.expiresAt)}`);
    else if (at.getTime() <= now.getTime()) add('expiresAt', `must be in the future; ${settings.expiresAt} has passed`);
  }
  const badCidrs = (settings.ipAllowlist ?? []).filter((cidr) => !isCidr(cidr));
  if (badCidrs.length > 0) add('ipAllowlist', `takes IPv4 or IPv6 CIDR blocks such as 203.0.113.0/24; got ${badCidrs.join(', ')}`);
  return problems;
}
