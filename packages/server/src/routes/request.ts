import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { JobAccepted } from '../domain/jobs/submit.js';

/**
 * What handlers read from a validated request and how they answer, the same way in every tag.
 *
 * @example
 * getCategory: async (c) => c.json({ data: await categories.get(partition(c), path(c).category_code!) }),
 */

type C = Context<AppEnv>;

/** The data partition the calling key opens (with the request's id). */
export const partition = (c: C) => c.get('auth').partition;

/** Path parameters, checked against the spec. */
export const path = (c: C) => c.get('params').path;

/** The query, coerced and defaulted by the spec's schemas. */
export const query = <T>(c: C) => c.get('params').query as unknown as T;

/** The body, validated against the operation's schema. */
export const body = <T>(c: C) => c.get('body') as T;

/** A batch body's records (a single record arrives wrapped) and the key's batch limit. */
export const batch = (c: C) => ({ items: body<{ items: unknown[] }>(c).items, limit: c.get('auth').key.batch_limit });

/** 201 with the new resource's URL. */
export function created(c: C, location: string, data: unknown) {
  c.header('Location', location);
  return c.json({ data }, 201);
}

/** 202 with the job's URL: every `…/batch` and `…/sync` answers so. */
export function accepted(c: C, job: JobAccepted) {
  c.header('Location', `/v1/jobs/${job.job_id}`);
  return c.json({ data: job }, 202);
}
