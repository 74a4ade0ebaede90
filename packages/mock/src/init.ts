import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Copies MSW's `mockServiceWorker.js` (from the msw this package runs with, so the versions
 * match) into a web app's public folder, where `setupMockWorker` expects it.
 *
 * @example
 * await initServiceWorker('public'); // → public/mockServiceWorker.js
 */
export async function initServiceWorker(publicDir: string): Promise<string> {
  const source = require.resolve('msw/mockServiceWorker.js');
  const target = join(resolve(publicDir), 'mockServiceWorker.js');
  await mkdir(resolve(publicDir), { recursive: true });
  await copyFile(source, target);
  return target;
}
