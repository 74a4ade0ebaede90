import { jobService, type ListJobsInput } from '../domain/jobs/service.js';
import { FINISHED_JOB_STATUSES } from '../store/jobs.js';
import { partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

/**
 * The Jobs tag: list, get (with the `wait` long poll) and cancel.
 *
 * @example
 * const routes = jobRoutes(deps); // { listJobs, getJob, cancelJob }
 */
export const jobRoutes: RouteFactory = (deps) => {
  const jobs = jobService(deps);
  const jobId = (c: Parameters<typeof path>[0]) => path(c).job_id!;
  return {
    listJobs: async (c) => c.json(await jobs.list(partition(c), query<ListJobsInput>(c))),

    getJob: async (c) => {
      const wait = Number(query<{ wait?: number }>(c).wait ?? 0);
      const job = await jobs.get(partition(c), jobId(c), wait);
      // While the job runs, tell pollers when to come back.
      if (!FINISHED_JOB_STATUSES.includes(job.status)) c.header('Retry-After', job.status === 'queued' ? '2' : '1');
      return c.json({ data: job });
    },

    cancelJob: async (c) => c.json({ data: await jobs.cancel(partition(c), jobId(c), c.get('auth').key.scopes) }),
  };
};
