import { createNexusClient, type NexusClient } from '@nexuscommerce/sdk';
import { afterEach } from 'vitest';
import { checker } from './spec.js';

/** One HTTP exchange as the SDK saw it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** The headers compared between targets (every header is checked against the spec). */
  headers: Record<string, string>;
  body: unknown;
}

const COMPARED_HEADERS = ['content-type', 'idempotent-replayed', 'location', 'allow', 'retry-after', 'x-request-id', 'x-ratelimit-limit'];

// Every answer and every webhook the suite sees is checked as it arrives; what is wrong is kept
// here until the test ends, and the test fails with it. Nothing a test does can skip this.
const violations: string[] = [];

/** Records what is wrong with something the suite received; the running test fails with it. */
export function reportViolations(where: string, problems: string[]): void {
  for (const problem of problems) violations.push(`${where}: ${problem}`);
}

/** Hands over (and forgets) the violations seen so far, for a step to fail at once. */
export function takeViolations(): string[] {
  return violations.splice(0);
}

afterEach(() => {
  const left = takeViolations();
  if (left.length) throw new Error(`answers or webhooks not as the spec says:\n${left.join('\n')}`);
});

/**
 * A fetch that checks every answer against the spec (status, body, required headers, `fields=`
 * projection) and records it. The target's label goes into each violation.
 */
export function checkedFetch(label: string, record?: (exchange: Exchange) => void) {
  return async (request: Request): Promise<Response> => {
    // Resolved per call: MSW patches globalThis.fetch when its server listens.
    const response = await globalThis.fetch(request);
    const text = await response.clone().text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    reportViolations(`${label} ${request.method} ${new URL(request.url).pathname}`, checker.response({ method: request.method, url: request.url, status: response.status, headers: response.headers, body }));
    const headers: Record<string, string> = {};
    for (const name of COMPARED_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    record?.({ method: request.method, url: request.url, status: response.status, headers, body });
    return response;
  };
}

/**
 * The SDK as partners use it, through `checkedFetch`. No retries: every answer the server gives
 * is part of the contract, none is hidden.
 */
export function checkedClient(target: { name: string; baseUrl: string }, apiKey: string, record?: (exchange: Exchange) => void): NexusClient {
  return createNexusClient({ apiKey, baseUrl: target.baseUrl, maxRetries: 0, fetch: checkedFetch(target.name, record) });
}
