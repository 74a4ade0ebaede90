import { createResponseChecker } from '@nexuscommerce/spec/check';
import { bundledSpec } from '../spec/document.js';

const checker = createResponseChecker(bundledSpec);

/**
 * Checks a response against the spec with the one checker the contract suite uses: a documented
 * status, a body matching its schema (`fields=` projections included), the required headers.
 * Every route test calls it through the harness, so each test is also a contract test.
 */
export function assertMatchesSpec(method: string, path: string, status: number, body: unknown, headers: Headers): void {
  const problems = checker.response({ method, url: path, status, headers, body });
  if (problems.length) throw new Error(`${method} ${path} does not answer as the spec says:\n${problems.join('\n')}\n${JSON.stringify(body)}`);
}
