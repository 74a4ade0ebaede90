import { createServer } from 'node:net';

// This package's range; other test suites of the repository use other ports.
const FIRST = 41000;
const LAST = 41999;
const taken = new Set<number>();

/** A loopback port in 41000–41999 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (taken.has(port)) continue;
    if (await canListen(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port in 41000–41999');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
