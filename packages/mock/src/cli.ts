#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { initServiceWorker } from './init.js';
import { startPrism } from './prism.js';

const usage = `Usage: nexus-mock <command>

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
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...args] = positionals;

if (values.help || (command !== 'prism' && command !== 'init') || (command === 'init' && args.length !== 1)) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}

if (command === 'init') {
  const target = await initServiceWorker(args[0]!);
  console.log(`Wrote ${target}. Start the worker with setupMockWorker() from @nexuscommerce/mock/browser.`);
  process.exit(0);
}

const prism = await startPrism({
  port: values.port ? Number(values.port) : 4010,
  host: values.host ?? '127.0.0.1',
  ...(values.proxy ? { upstream: values.proxy, errors: values.errors ?? false } : {}),
});
console.log(values.proxy
  ? `Prism is checking ${values.proxy} against the NexusCommerce spec at ${prism.url}/v1`
  : `Prism is serving the NexusCommerce spec at ${prism.url}/v1`);
console.log(`Try: curl -H 'Authorization: Bearer nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab' ${prism.url}/v1/products`);
const stop = () => void prism.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
