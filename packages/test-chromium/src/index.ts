import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export type { Browser, BrowserContext, Page, Route } from 'playwright-core';

/** Where Debian puts its Chromium; Playwright cannot download its own browsers here. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The Chromium to drive, or why there is none (tests skip, saying that reason).
 *
 * @example
 * const found = findChromium();
 * if (!found.path) console.log(`skipped: ${found.reason}`);
 */
export function findChromium(): { path: string; reason?: undefined } | { path?: undefined; reason: string } {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : { reason: `CHROMIUM_PATH=${fromEnv} does not exist` };
  const path = CANDIDATES.find((candidate) => existsSync(candidate));
  return path ? { path } : { reason: `CHROMIUM_PATH is unset and none of ${CANDIDATES.join(', ')} exists` };
}

/**
 * Headless Chromium as every browser test here runs it: no sandbox (tests run as root in CI), no
 * GPU, and none of Chromium's own background traffic, which this machine's closed network refuses.
 *
 * @example
 * const browser = await launchChromium(findChromium().path!);
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
