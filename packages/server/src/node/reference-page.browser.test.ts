import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spec } from '@nexuscommerce/spec';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../node.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { skipBecause } from '../test/skip.js';
import { findChromium, launchChromium, type Page } from '@nexuscommerce/test-chromium';

// The reference page as a reader gets it: served by the reference server at /docs, opened in
// Debian's Chromium with every request to anything but loopback refused and recorded.

const chromium = findChromium();
const chromiumPath = chromium.path;
const outputDir = fileURLToPath(new URL('../test-results', import.meta.url));
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const operationIds = Object.values(spec.paths).flatMap((item) =>
  Object.values(item).flatMap((op) => (op && typeof op === 'object' && 'operationId' in op ? [String(op.operationId)] : [])),
);
const events = Object.keys(spec.webhooks);

/** Scrolls to the end (the renderer draws sections as they come into view); returns what never showed. */
async function unseen(page: Page, wanted: string[]): Promise<string[]> {
  return page.evaluate(async (names) => {
    const left = new Set(names);
    const root = document.getElementById('reference')!;
    const painted = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const look = () => {
      const text = root.textContent ?? '';
      for (const name of left) if (text.includes(name)) left.delete(name);
    };
    for (let step = 0; step < 500 && left.size > 0; step++) {
      look();
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1) break;
      window.scrollBy(0, window.innerHeight);
      await painted();
    }
    await new Promise((done) => setTimeout(done, 500));
    look();
    return [...left];
  }, wanted);
}

if (!chromiumPath) {
  skipBecause('reference page in Chromium', `install Debian's chromium or set CHROMIUM_PATH (${chromium.reason})`);
} else {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ store: createMemoryStore(), port: 0, background: false });
  });
  afterAll(() => server?.close());

  it('shows every operationId and every webhook event, with nothing fetched from outside', { timeout: 180_000 }, async () => {
    const browser = await launchChromium(chromiumPath);
    try {
      // A tall window: the renderer draws what is in view, so fewer, larger steps draw the page.
      const page = await browser.newPage({ viewport: { width: 1280, height: 12_000 } });
      const outside: string[] = [];
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (LOOPBACK.has(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
        outside.push(url.href);
        return route.abort();
      });
      const res = await page.goto(`${server.url}/docs`);
      expect(res?.status()).toBe(200);
      await page.waitForSelector('#reference a[href="#tag/products/GET/v1/products"]', { timeout: 60_000 });

      const missing = await unseen(page, [...operationIds, ...events]);
      expect(missing, 'named in the spec but never shown on the page').toEqual([]);
      expect(operationIds.length).toBeGreaterThanOrEqual(54);
      expect(events).toContain('product.created');

      // Every schema has its entry, and the auth picker offers both ways to send the key.
      const anchors = await page.$$eval('#reference a[href^="#models/"]', (links) => links.map((a) => a.getAttribute('href')));
      expect(new Set(anchors)).toEqual(new Set(Object.keys(spec.components.schemas ?? {}).map((name) => `#models/${name}`)));
      await page.click('text=Selected Auth Type');
      const text = (await page.textContent('body')) ?? '';
      for (const scheme of Object.keys(spec.components.securitySchemes ?? {})) expect(text).toContain(scheme);

      expect(outside, 'requests the page tried to send off this machine').toEqual([]);
      expect(pageErrors).toEqual([]);

      mkdirSync(outputDir, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(outputDir, 'reference-page.png') });
    } finally {
      await browser.close();
    }
  });
}
