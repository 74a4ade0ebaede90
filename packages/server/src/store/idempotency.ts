import type { Partition } from './partition.js';

/** Idempotency records: the claim of a key by a request, and the answer it stored. */

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'conflict' }
  | { outcome: 'in_progress' };

export interface IdempotencyClaimInput {
  key: string;
  fingerprint: string;
  now: string;
  /** When the record may be forgotten (24 h after the first request). */
  expiresAt: string;
  /** Until when an unfinished claim blocks others; after it, a crashed request can be retried. */
  lockedUntil: string;
}

export interface IdempotencyPort {
  /**
   * Atomically claims a key, or reports why it cannot be: another fingerprint holds it, its
   * answer is stored (replay), or its first request is still running. An expired record, or a
   * claim whose lock ran out without an answer (a crashed request), is taken over.
   */
  claim(p: Partition, input: IdempotencyClaimInput): Promise<IdempotencyClaim>;
  complete(p: Partition, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request failed with a 5xx, so the client can retry with the same key. */
  release(p: Partition, key: string): Promise<void>;
}
