import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { freePort } from './ports.js';

/** One request a receiver got. */
export interface Received {
  id: string;
  at: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * A webhook receiver on loopback. `answer` is what it replies (200 by default); `close()` makes
 * it really down (connections refused) until `open()`.
 */
export interface Receiver {
  url: string;
  received: Received[];
  answer: number;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Every request verified with the `standardwebhooks` package; throws on a bad signature. */
  verifyAll(secret: string): Array<{ id: string; type: string; data: unknown }>;
  /** The distinct `webhook-id`s received with a 2xx answer. */
  deliveredIds(): Set<string>;
}

export async function receiver(options: { listening?: boolean } = {}): Promise<Receiver> {
  const port = await freePort();
  let server: Server | undefined;
  const acknowledged = new Set<string>();
  const r: Receiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    received: [],
    answer: 200,
    async open() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
          const status = r.answer;
          r.received.push({ id: headers['webhook-id'] ?? '', at: Date.now(), body: Buffer.concat(chunks).toString(), headers });
          if (status >= 200 && status < 300) acknowledged.add(headers['webhook-id'] ?? '');
          res.writeHead(status).end();
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      if (!server) return;
      const s = server;
      server = undefined;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    verifyAll(secret) {
      const wh = new Webhook(secret);
      return r.received.map((req) => wh.verify(req.body, req.headers) as { id: string; type: string; data: unknown });
    },
    deliveredIds: () => new Set(acknowledged),
  };
  if (options.listening !== false) await r.open();
  return r;
}
