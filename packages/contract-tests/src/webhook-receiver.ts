import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookEvent } from '@nexuscommerce/sdk/webhooks';
import { afterAll } from 'vitest';
import { reportViolations } from './http.js';
import { checker } from './spec.js';

/** One delivery as the partner's endpoint got it, checked on arrival. */
export interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The verified event; null when the signature did not verify (a violation was reported). */
  event: WebhookEvent | null;
}

const deliveries: Delivery[] = [];
const secrets = new Map<string, string[]>();
let server: Server | undefined;
let endpoints = 0;

async function check(path: string, headers: IncomingHttpHeaders, body: string): Promise<Delivery> {
  const where = `webhook to ${path}`;
  const known = secrets.get(path);
  if (!known) {
    reportViolations(where, ['a delivery to an endpoint this suite did not create']);
    return { path, headers, body, event: null };
  }
  reportViolations(where, checker.webhook(body));
  try {
    const event = await verifyWebhook({ payload: body, headers: headers as Record<string, string>, secrets: known });
    if (headers['webhook-id'] !== event.id) reportViolations(where, [`webhook-id ${headers['webhook-id']} is not the event's id ${event.id}`]);
    return { path, headers, body, event };
  } catch (error) {
    reportViolations(where, [`signature does not verify: ${(error as Error).message}`]);
    return { path, headers, body, event: null };
  }
}

let started: Promise<Server> | undefined;
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** The one receiver of this test file, started on first use (every target's run asks at once). */
function listening(): Promise<Server> {
  started ??= new Promise<Server>((resolve) => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        void check(req.url ?? '', req.headers, body).then((delivery) => {
          deliveries.push(delivery);
          res.writeHead(204).end();
        });
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server!));
  });
  return started;
}

/**
 * The partner's side of webhooks for the suite: a loopback receiver that verifies every delivery
 * with the SDK's verifier, with the secret of the endpoint it was sent to, and validates its body
 * against the spec's `webhooks` entry for its type. What is wrong fails the running test.
 *
 * @example
 * const url = await receiver.newEndpointUrl('msw');
 * const w = await client.webhooks.create({ url, events: ['product.created'] });
 * receiver.trust(url, w.secret);
 */
export const receiver = {
  /** A URL no other endpoint of the suite uses, for one endpoint of one target. */
  async newEndpointUrl(label: string): Promise<string> {
    const { port } = (await listening()).address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks/${label}/${++endpoints}`;
  },
  /** The secrets deliveries to `url` may be signed with (the newest last, after a rotation). */
  trust(url: string, secret: string): void {
    const path = new URL(url).pathname;
    secrets.set(path, [...(secrets.get(path) ?? []), secret]);
  },
  /** Deliveries that reached `url`, oldest first. */
  at(url: string): Delivery[] {
    const path = new URL(url).pathname;
    return deliveries.filter((d) => d.path === path);
  },
};

/** Waits for `fn` to return something; no timing is asserted, the wait only bounds a hang. */
export async function until<T>(fn: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
