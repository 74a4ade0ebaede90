import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { jobService, type ListJobsInput } from '../domain/jobs/service.js';
import { FINISHED_JOB_STATUSES } from '../store/jobs.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;
const jobId = (c: Context<AppEnv>) => c.get('params').path.job_id!;

/**
 * The Jobs tag: list, get (with the `wait` long poll) and cancel.
 *
 * @example
 * const routes = jobRoutes(deps); // { listJobs, getJob, cancelJob }
 */
export const jobRoutes: RouteFactory = (deps) => {
  const jobs = jobService(deps);
  return {
    listJobs: async (c) => c.json(await jobs.list(partition(c), c.get('params').query as unknown as ListJobsInput)),

    getJob: async (c) => {
      const wait = Number(c.get('params').query.wait ?? 0);
      const job = await jobs.get(partition(c), jobId(c), wait);
      // While the job runs, tell pollers when to come back.
      if (!FINISHED_JOB_STATUSES.includes(job.status)) c.header('Retry-After', job.status === 'queued' ? '2' : '1');
      return c.json({ data: job });
    },

    cancelJob: async (c) => c.json({ data: await jobs.cancel(partition(c), jobId(c), c.get('auth').key.scopes) }),
  };
};
