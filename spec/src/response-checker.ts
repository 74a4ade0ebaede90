import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './document.js';
import { createHeaderChecker, headerValue, type HeadersLike } from './headers.js';
import { createOperationMatcher } from './matcher.js';
import { documentedResponse, jsonMedia } from './operations.js';
import { projectionProblems } from './projection.js';
import { createSchemaCompiler } from './schema-compiler.js';

/** One answer as a client saw it. */
export interface ObservedResponse {
  method: string;
  /** The request URL: absolute, or a path with its query (`/v1/products?fields=sku`). */
  url: string;
  status: number;
  /** Give them to have required headers and header values checked too. */
  headers?: HeadersLike;
  /** The parsed JSON body; `null` or `undefined` for none. */
  body: unknown;
}

export interface ResponseChecker {
  /**
   * What is wrong with one answer by the spec: a status the operation does not document, a body
   * that does not match that response's schema (or a body where it has none), a `fields=`
   * projection other than the one asked for, a missing required header. Empty when it conforms.
   * Answers to paths the spec lacks must be the error envelope.
   */
  response(observed: ObservedResponse): string[];
  /** What is wrong with one webhook payload (object or raw JSON) by the spec's `webhooks` entry for its `type`. */
  webhook(payload: unknown): string[];
}

/**
 * Checks answers and webhook payloads against the document, compiling each schema once.
 *
 * @example
 * const check = createResponseChecker(spec);
 * check.response({ method: 'GET', url: '/v1/products/X', status: 404, headers: res.headers, body }); // []
 */
export function createResponseChecker(doc: OpenApiDocument): ResponseChecker {
  const match = createOperationMatcher(doc);
  const compiler = createSchemaCompiler(doc);
  const checkHeaders = createHeaderChecker(doc, createSchemaCompiler(doc, { coerceTypes: true }));
  const validators = new Map<object, ValidateFunction>();
  const validate = (schema: object, value: unknown, what: string): string[] => {
    let fn = validators.get(schema);
    if (!fn) validators.set(schema, (fn = compiler.compile(schema)));
    return fn(value) ? [] : [`${what} does not match the spec: ${compiler.errorsText(fn.errors)}`];
  };
  const errorSchema = doc.components?.schemas?.Error as object | undefined;

  return {
    response({ method, url, status, headers, body }) {
      const { pathname, searchParams } = new URL(url, 'http://localhost');
      // HEAD is GET without the body: only the status and headers can be checked.
      const head = method.toUpperCase() === 'HEAD';
      const op = match(head ? 'GET' : method, pathname);
      if (!op) {
        if (status < 400 || !errorSchema) return [`${method} ${pathname} answered ${status}, but the spec has no such operation`];
        return head ? [] : validate(errorSchema, body, `${method} ${pathname} ${status} (no such operation)`);
      }
      const name = `${op.operationId} ${status}`;
      const documented = documentedResponse(doc, op, status);
      if (!documented) return [`${op.operationId} answered ${status}, which the spec does not document`];
      const problems = headers ? checkHeaders(documented, headers).map((p) => `${name}: ${p}`) : [];
      const media = jsonMedia(doc, documented);
      if (head) return problems;
      const hasBody = body !== null && body !== undefined && body !== '';
      if (!media?.schema) {
        if (hasBody) problems.push(`${name} has a body, which the spec does not describe`);
        return problems;
      }
      const type = headers && headerValue(headers, 'content-type');
      if (type !== undefined && !/^application\/json\b/i.test(type)) problems.push(`${name} is ${type}, not application/json`);
      problems.push(...validate(media.schema, body, `${name} body`));
      if (status < 300 && op.parameters.some((p) => p.in === 'query' && p.name === 'fields')) {
        problems.push(...projectionProblems(doc, media.schema, searchParams.get('fields'), body).map((p) => `${name} body ${p}`));
      }
      return problems;
    },

    webhook(payload) {
      let event = payload;
      if (typeof payload === 'string') {
        try {
          event = JSON.parse(payload);
        } catch {
          return ['webhook body is not JSON'];
        }
      }
      const type = (event as { type?: unknown } | null)?.type;
      const media = typeof type === 'string' ? jsonMedia(doc, doc.webhooks?.[type]?.post?.requestBody) : undefined;
      if (!media?.schema) return [`webhook type ${JSON.stringify(type)} is not in the spec's webhooks`];
      return validate(media.schema, event, `webhook ${type}`);
    },
  };
}
