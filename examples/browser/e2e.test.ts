import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, findChromium, launchChromium } from '@nexuscommerce/test-chromium';
import { expect, it } from 'vitest';

// The example as a user gets it: `nexus-mock init public` + `vite build`, dist/ served over HTTP,
// opened in headless Chromium. The page runs the mock (MSW worker + the server core in the tab) and
// the SDK; everything below is asserted on the DOM the page renders.

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const found = findChromium();
if (!found.path) console.log(`e2e.test.ts: skipped: no Chromium (${found.reason})`);

/** A package's bin script, run with this Node (no shell, no PATH lookup). */
function bin(pkg: string, name: string): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name]!;
  return join(dirname(manifestPath), relative);
}

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** dist/ over HTTP on 127.0.0.1 (a secure context, so the service worker may register). */
async function serve(dir: string): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(dir, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(dir + sep)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const attr = (page: Page, selector: string, name: string) => page.getAttribute(selector, name);

it.skipIf(!found.path)('the catalog page runs on the SDK and the mock in Chromium', { timeout: 90_000 }, async () => {
  const t0 = Date.now();
  const lap = (step: string) => console.log(`e2e: ${step} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  run(bin('@nexuscommerce/mock', 'nexus-mock'), ['init', 'public']);
  run(bin('vite', 'vite'), ['build', '--logLevel', 'warn']);
  expect(existsSync(join(root, 'dist', 'mockServiceWorker.js'))).toBe(true);
  lap('built');

  const { origin, server } = await serve(join(root, 'dist'));
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  try {
    browser = await launchChromium(found.path!);
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    page.setDefaultTimeout(15_000);

    await page.goto(`${origin}/`);
    await page.waitForSelector('body:not([data-state="starting"])', { timeout: 30_000 });
    expect(await attr(page, 'body', 'data-state'), `${await page.textContent('#status')} ${pageErrors.join('; ')}`).toBe('ready');
    expect(await page.textContent('#status')).toContain('https://sandbox.nexuscommerce.example');
    lap('page ready');

    // (1) The first cursor page, then "Load more" appends the next one.
    const skus = () => page!.$$eval('#products tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.sku ?? ''));
    const first = await skus();
    expect(first).toHaveLength(10);
    expect(new Set(first).size).toBe(10);
    expect(await page.isVisible('#load-more')).toBe(true);
    await page.click('#load-more');
    await page.waitForFunction(() => document.querySelectorAll('#products tbody tr').length === 20);
    const both = await skus();
    expect(both.slice(0, 10)).toEqual(first);
    expect(new Set(both).size).toBe(20); // the second page is new rows, not the first one again
    expect(await page.textContent('#count')).toBe('Showing 20 products');
    lap('list and load more');

    // (2) A valid product is created and shown.
    await page.fill('input[name="sku"]', 'E2E-CHAI-250');
    await page.fill('input[name="title"]', 'Masala chai, 250 g');
    await page.fill('input[name="price"]', '349.00');
    await page.click('#create-form button[type="submit"]');
    await page.waitForSelector('#created[data-sku="E2E-CHAI-250"]:not([hidden])');
    expect(await page.textContent('#created')).toBe('Created E2E-CHAI-250: “Masala chai, 250 g”, 349.00 INR, draft');

    // An invalid price: the API's ValidationError detail lands next to the price field.
    await page.fill('input[name="sku"]', 'E2E-CHAI-500');
    await page.fill('input[name="title"]', 'Masala chai, 500 g');
    await page.fill('input[name="price"]', 'abc');
    await page.click('#create-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('[data-error-for="price"]')?.textContent !== '');
    expect(await page.textContent('[data-error-for="price"]')).toMatch(/^must match pattern/);
    expect(await attr(page, 'input[name="price"]', 'aria-invalid')).toBe('true');
    const nextToPrice = await page.$eval('input[name="price"]', (input) => {
      const span = input.closest('label')?.nextElementSibling as HTMLElement | null;
      return span?.dataset.errorFor;
    });
    expect(nextToPrice).toBe('price');
    expect(await page.textContent('[data-error-for="sku"]')).toBe('');
    expect(await page.textContent('[data-error-for="title"]')).toBe('');
    expect(await page.isHidden('#created')).toBe(true);
    lap('create and validation');

    // (3) The import: a 20-record products.batch job, shown as the API reports it. The page makes the
    // mock spread it over 2 s (scenarios.jobTakes), run by the server's job worker in the tab.
    await page.click('#import');
    await page.waitForSelector('#import-panel[data-job-id][data-status]');
    expect(await attr(page, '#import-panel', 'data-job-id')).toMatch(/^job_/);
    expect(await attr(page, '#import-panel', 'data-total')).toBe('20');

    await page.waitForSelector('#import-panel[data-outcome]', { timeout: 30_000 });
    expect(await attr(page, '#import-panel', 'data-outcome'), (await page.textContent('#import-note')) ?? '').toBe('finished');
    expect(await attr(page, '#import-panel', 'data-status')).toBe('succeeded');
    expect(await attr(page, '#import-panel', 'data-processed')).toBe('20');
    expect(await page.$eval('#import-progress', (p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max])).toEqual([20, 20]);
    expect(await page.textContent('#import-status')).toMatch(/^Job job_\w+: succeeded, 20\/20 processed \(20 succeeded, 0 failed\)$/);
    expect(await page.textContent('#import-note')).toBe('Every record was imported.');
    // Every state the bar showed, in order: it never goes back, and ends at 20/20.
    const seen = (await attr(page, '#import-panel', 'data-seen'))!.split(' ').map((s) => s.split(':') as [string, string]);
    console.log(`e2e: the import bar showed ${seen.map((s) => s.join(' ')).join(', ')}`);
    expect(seen.every(([status]) => ['queued', 'running', 'succeeded'].includes(status))).toBe(true);
    expect(seen.at(-1)).toEqual(['succeeded', '20']);
    const counts = seen.map(([, n]) => Number(n));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    lap('import');

    expect(pageErrors).toEqual([]);
  } catch (error) {
    if (consoleErrors.length) console.log(`e2e: console errors:\n  ${consoleErrors.join('\n  ')}`);
    throw error;
  } finally {
    if (page) {
      mkdirSync(join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-results', 'catalog.png'), fullPage: true }).catch(() => {});
    }
    await browser?.close();
    await new Promise((done) => server.close(done));
  }
});
