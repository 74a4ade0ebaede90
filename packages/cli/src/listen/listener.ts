import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebhookEvent, WebhookVerificationError, verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import { forward, type Forwarded } from './forward.js';

const MAX_BODY = 1024 * 1024;

/** A delivery that passed verification, and what the partner's handler made of it. */
export interface Delivery {
  event: WebhookEvent;
  webhookId: string;
  forwarded: Forwarded;
}

export interface ListenerOptions {
  port: number;
  forwardTo: string;
  onDelivery(delivery: Delivery): void;
  onRejected(reason: string): void;
}

export interface Listener {
  /** Where the API should deliver, e.g. http://127.0.0.1:43121/webhooks. */
  url: string;
  /** Set once the endpoint exists; until then every delivery is refused. */
  setSecret(secret: string): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that takes deliveries, checks each signature with the SDK, and passes
 * verified ones on to the partner's handler with their headers. The API gets the handler's
 * answer back, so its retries behave as they would against the handler; a delivery that fails
 * verification is answered 400 and never forwarded.
 * @example
 * const listener = await startListener({ port: 0, forwardTo: 'http://localhost:3000/hooks', onDelivery, onRejected });
 */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  let secret: string | undefined;
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const answer = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    if (req.method !== 'POST') return answer(405, 'deliveries are POSTed\n');
    const raw = await readBody(req);
    if (raw === undefined) return answer(413, 'body over 1 MiB\n');
    if (!secret) return answer(503, 'not ready\n');
    let event: WebhookEvent;
    try {
      event = await verifyWebhook({ payload: raw, headers: req.headers, secret });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      options.onRejected(`${error.reason}: ${error.message}`);
      return answer(400, `${error.reason}\n`);
    }
    const forwarded = await forward(options.forwardTo, req.headers, raw);
    options.onDelivery({ event, webhookId: String(req.headers['webhook-id']), forwarded });
    res.writeHead(forwarded.status, { 'content-type': forwarded.contentType ?? 'text/plain; charset=utf-8' }).end(forwarded.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    setSecret: (value) => void (secret = value),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
