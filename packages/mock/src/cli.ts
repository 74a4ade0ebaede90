#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startPrism } from './prism.js';

const usage = `Usage: nexus-mock prism [--port 4010] [--host 127.0.0.1]

  prism   Serve the NexusCommerce spec's examples with Stoplight Prism.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});

if (values.help || positionals[0] !== 'prism') {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}

const prism = await startPrism({
  port: values.port ? Number(values.port) : 4010,
  host: values.host ?? '127.0.0.1',
});
console.log(`Prism is serving the NexusCommerce spec at ${prism.url}/v1`);
console.log(`Try: curl -H 'Authorization: Bearer nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab' ${prism.url}/v1/products`);
const stop = () => void prism.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
