#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { initServiceWorker } from './init.js';
import { startPrism } from './prism.js';
import { serveMockApi } from './serve.js';

const usage = `Usage: nexus-mock <command>

  serve [--port 4010] [--host 127.0.0.1]   Serve the sandbox over HTTP: the Partner API on the server's core with
        [--seed 1] [--jobs auto|manual]     seeded data (/v1), the control API (/__mock, see openapi/control.yaml)
        [--latency <ms>]                    and the API reference (/docs). --port 0 picks a free port. The first
        [--deliver-webhooks accept|network] line printed is NEXUS_BASE_URL=… NEXUS_API_KEY=… NEXUS_MOCK_CONTROL=….
  prism [--port 4010] [--host 127.0.0.1]   Serve the NexusCommerce spec's examples with Stoplight Prism.
        [--proxy <url>] [--errors]          Or check a running server: forward to <url> and flag answers that
                                            break the spec (sl-violations header; --errors: Prism's 500).
  init <publicDir>                          Copy MSW's mockServiceWorker.js into a web app's public folder
                                            (for setupMockWorker from @nexuscommerce/mock/browser).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    proxy: { type: 'string' },
    errors: { type: 'boolean' },
    seed: { type: 'string' },
    jobs: { type: 'string' },
    latency: { type: 'string' },
    'deliver-webhooks': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...args] = positionals;

if (values.help || !['prism', 'init', 'serve'].includes(command ?? '') || (command === 'init' && args.length !== 1)) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}

/** A whole number of at least 0 from a flag, or the usage and exit 1. */
function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (/^\d+$/.test(value)) return Number(value);
  console.error(`--${flag} takes a whole number, got ${JSON.stringify(value)}.\n\n${usage}`);
  process.exit(1);
}

/** One of `allowed` from a flag, or the usage and exit 1. */
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  console.error(`--${flag} takes ${allowed.join(' or ')}, got ${JSON.stringify(value)}.\n\n${usage}`);
  process.exit(1);
}

if (command === 'init') {
  const target = await initServiceWorker(args[0]!);
  console.log(`Wrote ${target}. Start the worker with setupMockWorker() from @nexuscommerce/mock/browser.`);
  process.exit(0);
}

const stopOnSignal = (close: () => Promise<void>) => {
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

if (command === 'serve') {
  const seed = count('seed', values.seed, 1);
  const served = await serveMockApi({
    port: count('port', values.port, 4010),
    host: values.host ?? '127.0.0.1',
    seed,
    jobs: oneOf('jobs', values.jobs, ['auto', 'manual'] as const),
    latencyMs: count('latency', values.latency, 0),
    deliverWebhooks: oneOf('deliver-webhooks', values['deliver-webhooks'], ['accept', 'network'] as const),
  }).catch((error: unknown) => {
    // A port in use or a host that cannot be bound: say so in one line, not a stack.
    console.error(`nexus-mock serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  // One machine-readable line first (a shell can `eval` it), then the same for people.
  console.log(`NEXUS_BASE_URL=${served.url} NEXUS_API_KEY=${served.apiKey} NEXUS_MOCK_CONTROL=${served.url}/__mock`);
  console.log(`The NexusCommerce sandbox (seed ${seed}) is at ${served.url}/v1, its control API at ${served.url}/__mock, the reference at ${served.url}/docs`);
  console.log(`Try: curl -H 'Authorization: Bearer ${served.apiKey}' ${served.url}/v1/products`);
  stopOnSignal(served.close);
} else {
  await prismCommand();
}

async function prismCommand() {
  const prism = await startPrism({
    port: count('port', values.port, 4010),
    host: values.host ?? '127.0.0.1',
    ...(values.proxy ? { upstream: values.proxy, errors: values.errors ?? false } : {}),
  });
  console.log(values.proxy
    ? `Prism is checking ${values.proxy} against the NexusCommerce spec at ${prism.url}/v1`
    : `Prism is serving the NexusCommerce spec at ${prism.url}/v1`);
  console.log(`Try: curl -H 'Authorization: Bearer nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab' ${prism.url}/v1/products`);
  stopOnSignal(prism.close);
}
