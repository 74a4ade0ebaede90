import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { spec } from '@nexuscommerce/spec';
import { expect, it } from 'vitest';
import { createOperationMatcher } from './operation-matcher.js';
import { gtin13 } from './seed-catalog.js';
import { createRandom } from './prng.js';
import { seedSandbox } from './seed.js';
import { deref } from './spec-operations.js';
import { isValidGtin } from '@nexuscommerce/server';

const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule;

it('every seed step sends bodies the spec accepts, including steps the server cannot run yet', async () => {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  const match = createOperationMatcher(spec);
  const invalid: string[] = [];
  const calls = new Map<string, number>();
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  // A stand-in server that implements every operation: it checks each body against the spec.
  const fetch = async (request: Request) => {
    const op = match(request.method, new URL(request.url).pathname)!;
    const body = await request.json();
    if (!validators.has(op.operationId)) {
      const schema = deref(spec, deref(spec, op.operation.requestBody).content['application/json'].schema);
      validators.set(op.operationId, ajv.compile({ ...schema, components: spec.components }));
    }
    const validate = validators.get(op.operationId)!;
    if (!validate(body)) invalid.push(`${op.operationId}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`);
    calls.set(op.operationId, (calls.get(op.operationId) ?? 0) + 1);
    const data = { ...body, id: `cus_${String(calls.get(op.operationId)).padStart(16, '0')}`, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
    return new Response(JSON.stringify({ data }), { status: 201 });
  };

  const report = await seedSandbox({ fetch, baseUrl: 'https://sandbox.test', apiKey: 'nxc_test_x', seed: 9, size: { products: 120 } });
  expect(invalid).toEqual([]);
  expect(report.skipped).toEqual([]);
  expect(report.webhookSecret).toMatch(/^whsec_/);
  expect(Object.fromEntries(calls)).toMatchObject({ createCategory: 12, createProduct: 120, createCustomer: 40, createWebhook: 1 });
  expect(calls.get('createOrder')).toBeGreaterThan(0);
  // Orders are moved along so that every status is seeded: 3 of every 4 take at least one step.
  expect(calls.get('updateOrder')).toBeGreaterThanOrEqual(calls.get('createOrder')! * 0.75 - 1);
  expect(calls.get('adjustInventory')).toBeGreaterThan(0);
});

it('makes GTIN-13s with correct check digits', () => {
  const random = createRandom(1);
  for (let i = 0; i < 500; i++) expect(isValidGtin(gtin13(random))).toBe(true);
});
