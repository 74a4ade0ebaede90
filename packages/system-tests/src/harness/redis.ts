import { freePort } from './ports.js';
import { start, until, type Started } from './processes.js';
import { createConnection } from 'node:net';

/** A private redis-server on a free loopback port, with no persistence: stop it and it is gone. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Starts it (again, on the same port). */
  up(): Promise<void>;
  /** SIGKILL: what a crash or a lost host looks like to its clients. */
  kill(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let process: Started | undefined;
  const redis: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async up() {
      process = start('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
      await until(`redis on ${port}`, () => ping(port).then((ok) => (ok ? true : undefined)), 20_000);
    },
    async kill() {
      await process?.stop('SIGKILL');
    },
  };
  await redis.up();
  return redis;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}
