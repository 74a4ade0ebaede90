import fc from 'fast-check';
import { encodeSegment, hostileHeader, hostileRawBody, hostileString, hostileValue } from './arbitraries.js';
import { fillPath, type SpecRequest } from './spec-requests.js';

/** One generated request: a well-formed call of one operation with one thing made wrong. */
export interface FuzzCase {
  request: SpecRequest;
  /** What was made wrong, for the failure message. */
  defect: string;
  path: string;
  /** Header changes: a string sets, `null` removes. */
  headers: Record<string, string | null>;
  /** Raw body; `undefined` sends the operation's example body. */
  body?: string | Uint8Array<ArrayBuffer>;
  /** The defect can never be accepted: a 2xx answer is a failure too. */
  mustRefuse?: boolean;
}

/** Code points no stored string may hold (decision 040), to splice into otherwise valid text. */
const unstorable = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000', 'a\ud800b', '\udc00\ud800');

const HEADERS = ['authorization', 'x-api-key', 'idempotency-key', 'x-request-id', 'x-tenant-id', 'content-type'];

/** Query parameters nobody declared, as proxies and analytics add them. */
const noise = fc.option(fc.constantFrom('_=1700000000', 'utm_source=x&utm_source=y', 'callback=%00', `pad=${'p'.repeat(100)}`), { nil: undefined });

/** Every leaf and object of a JSON value, as key paths. */
function paths(value: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    out.push(at);
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  } else {
    out.push(at);
  }
  return out;
}

/** `body` with the value at `path` (or a new field under it) replaced. */
function replaced(body: unknown, path: string[], value: unknown, newKey?: string): unknown {
  if (path.length === 0 && newKey === undefined) return value;
  const copy = structuredClone(body) as Record<string, unknown>;
  const target = (newKey === undefined ? path.slice(0, -1) : path).reduce<any>((o, k) => o[k], copy);
  if (target && typeof target === 'object') target[newKey ?? path.at(-1)!] = value;
  return copy;
}

/** The ways one operation's request can be made wrong, each a fast-check arbitrary. */
function defects(request: SpecRequest): fc.Arbitrary<Omit<FuzzCase, 'request'>>[] {
  const base = { path: request.path, headers: {} };
  const out: fc.Arbitrary<Omit<FuzzCase, 'request'>>[] = [
    fc.tuple(fc.constantFrom(...HEADERS), fc.option(hostileHeader, { nil: null })).map(([name, value]) => ({
      ...base, defect: `header ${name} = ${JSON.stringify(value)?.slice(0, 80)}`, headers: { [name]: value },
    })),
  ];
  if (request.takesBody) {
    out.push(hostileValue.map((value) => ({ ...base, defect: 'body replaced', body: JSON.stringify(value) })));
    out.push(hostileRawBody.map((raw) => ({ ...base, defect: 'raw body', body: raw })));
    const fieldPaths = paths(request.body);
    const textPaths = fieldPaths.filter((path) => typeof path.reduce<any>((o, k) => o?.[k], request.body) === 'string');
    if (textPaths.length > 0) {
      out.push(
        fc.tuple(fc.constantFrom(...textPaths), unstorable, fc.boolean()).map(([path, bad, before]) => {
          const text = path.reduce<any>((o, k) => o[k], request.body) as string;
          return {
            ...base,
            defect: `body ${path.join('.')} = ${JSON.stringify(before ? bad + text : text + bad)}`,
            body: JSON.stringify(replaced(request.body, path, before ? bad + text : text + bad)),
            mustRefuse: true,
          };
        }),
      );
    }
    out.push(
      fc.tuple(fc.constantFrom(...fieldPaths), hostileValue, fc.option(hostileString, { nil: undefined })).map(([path, value, newKey]) => ({
        ...base,
        defect: `body ${[...path, ...(newKey === undefined ? [] : [newKey])].join('.') || '(root)'} = ${JSON.stringify(value)?.slice(0, 80)}`,
        body: JSON.stringify(replaced(request.body, path, value, newKey)),
      })),
    );
  }
  if (request.pathParams.length > 0) {
    out.push(
      fc.tuple(fc.constantFrom(...request.pathParams.map((p) => p.name)), hostileString).map(([name, value]) => {
        const values = Object.fromEntries(request.pathParams.map((p) => [p.name, p.example]));
        const path = fillPath(request.specPath, values).replace(encodeURIComponent(values[name]!), encodeSegment(value));
        return { ...base, path, defect: `path ${name} = ${JSON.stringify(value).slice(0, 80)}` };
      }),
    );
  }
  if (request.queryNames.length > 0) {
    out.push(
      fc.tuple(fc.constantFrom(...request.queryNames), hostileString, fc.boolean()).map(([name, value, twice]) => {
        const pair = `${name}=${encodeSegment(value)}`;
        return { ...base, path: `${request.path}?${twice ? `${pair}&${pair}` : pair}`, defect: `query ${name} = ${JSON.stringify(value).slice(0, 80)}${twice ? ' (twice)' : ''}` };
      }),
    );
  }
  return out;
}

/**
 * A request to any operation of the spec with one defect: a hostile header, body, field, path or
 * query parameter, plus now and then an undeclared query parameter that must change nothing.
 *
 * @example
 * fc.sample(fuzzCase(specRequests()), 1)[0].defect; // 'body items.0.title = "\ud800"'
 */
export function fuzzCase(requests: SpecRequest[]): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...requests).chain((request) =>
    fc.tuple(fc.oneof(...defects(request)), noise).map(([defect, extra]) => ({
      request,
      ...defect,
      path: extra ? `${defect.path}${defect.path.includes('?') ? '&' : '?'}${extra}` : defect.path,
    })),
  );
}
