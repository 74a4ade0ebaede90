import { createRequire } from 'node:module';

// playwright-core is a devDependency of the SDK (its browser tests), not of this package: it is
// loaded from there, and typed here with only the calls the server's browser tests make.

export interface Route {
  request(): { url(): string };
  continue(): Promise<void>;
  abort(): Promise<void>;
}

export interface Page {
  goto(url: string): Promise<{ status(): number } | null>;
  route(pattern: string, handler: (route: Route) => unknown): Promise<void>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  $$eval<R>(selector: string, fn: (elements: Element[]) => R): Promise<R>;
  textContent(selector: string): Promise<string | null>;
  click(selector: string): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
}

export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

const fromSdk = createRequire(createRequire(import.meta.url).resolve('@nexuscommerce/sdk/package.json'));

/** Headless Chromium with the flags this project's browser tests use (no sandbox, no background traffic). */
export function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = fromSdk('playwright-core') as Playwright;
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
