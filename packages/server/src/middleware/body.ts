import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { ApiError } from '../errors.js';
import type { CompiledOperation } from '../validation/compile.js';

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads a JSON body: at most `bodyLimitBytes` (413, checked while streaming, not only from
 * Content-Length), `application/json` in UTF-8 only (415), valid UTF-8 and JSON (400).
 * Operations without a request body ignore whatever was sent.
 */
export function jsonBody(op: CompiledOperation, deps: Pick<Deps, 'config'>): MiddlewareHandler<AppEnv> {
  const limit = deps.config.bodyLimitBytes;
  return async (c, next) => {
    if (!op.bodySchema) return next();
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > limit) throw tooLarge(limit);
    const bytes = await readLimited(c.req.raw, limit);
    if (bytes.length === 0) {
      if (op.bodyRequired) throw ApiError.validation([{ field: 'body', issue: 'is required' }], 'A JSON request body is required.');
      c.set('body', undefined);
      return next();
    }
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type.trim())) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json (UTF-8).', [
        { field: 'Content-Type', issue: type ? `${type} is not supported` : 'is required' },
      ]);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw ApiError.validation([{ field: 'body', issue: 'is not valid UTF-8' }], 'The body is not valid UTF-8.');
    }
    try {
      c.set('body', JSON.parse(text));
    } catch (error) {
      throw ApiError.validation([{ field: 'body', issue: `is not valid JSON: ${(error as Error).message}` }], 'The body is not valid JSON.');
    }
    return next();
  };
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading: the rest of an oversized body is not worth receiving.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(limit: number): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`, [
    { field: 'body', issue: `must be at most ${limit} bytes` },
  ]);
}
