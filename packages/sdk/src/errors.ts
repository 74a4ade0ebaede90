import type { ErrorCode, ErrorDetail, Job, JobRecordError } from './schema.js';

/** Correlation keys of the request that failed, so a support ticket can quote them. */
export interface RequestContext {
  requestId?: string | undefined;
  idempotencyKey?: string | undefined;
  cause?: unknown;
}

/**
 * Base of every error the SDK throws: `catch (e) { if (e instanceof NexusError) … }`.
 * @example
 * try { await nexus.products.get('SKU-1') } catch (e) { if (e instanceof NotFoundError) … }
 */
export class NexusError extends Error {
  override name = 'NexusError';
  /** The `X-Request-Id` the SDK sent (or the server assigned). */
  readonly requestId: string | undefined;
  /** The `Idempotency-Key` sent with a POST/PATCH; retry with it to stay exactly-once. */
  readonly idempotencyKey: string | undefined;

  constructor(message: string, context: RequestContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.requestId = context.requestId;
    this.idempotencyKey = context.idempotencyKey;
  }
}

export interface ApiErrorInit extends RequestContext {
  status: number;
  code?: ErrorCode | undefined;
  message: string;
  details?: ErrorDetail[];
  headers?: Headers;
  retryAfterMs?: number | undefined;
}

interface ErrorEnvelope {
  request_id?: string;
  error?: { code?: ErrorCode; message?: string; details?: ErrorDetail[] };
}

/** A non-2xx answer from the API, in the error envelope `{request_id, error: {code, message, details}}`. */
export class ApiError extends NexusError {
  override name = 'ApiError';
  readonly status: number;
  /** `undefined` only when the answer was not the API's envelope (e.g. a proxy's HTML 502). */
  readonly code: ErrorCode | undefined;
  readonly details: ErrorDetail[];
  readonly headers: Headers;
  /** From `Retry-After`, when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.headers = init.headers ?? new Headers();
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Builds the subclass that matches `status` from a parsed (or unparseable) error body. */
  static generate(
    status: number,
    body: unknown,
    headers: Headers = new Headers(),
    context: RequestContext & { retryAfterMs?: number | undefined } = {},
  ): ApiError {
    const envelope: ErrorEnvelope = body !== null && typeof body === 'object' ? body : {};
    const init: ApiErrorInit = {
      ...context,
      status,
      headers,
      code: envelope.error?.code,
      message: envelope.error?.message ?? `HTTP ${status}`,
      details: envelope.error?.details ?? [],
      requestId: envelope.request_id ?? headers.get('x-request-id') ?? context.requestId,
    };
    const Class =
      status === 400 || status === 422 ? ValidationError
      : status === 401 ? AuthenticationError
      : status === 403 ? PermissionError
      : status === 404 ? NotFoundError
      : status === 409 ? ConflictError
      : status === 429 ? RateLimitError
      : status >= 500 ? ServerError
      : ApiError;
    return new Class(init);
  }
}

/** 400 or 422: the request (or one of its fields, see `details`) is invalid. */
export class ValidationError extends ApiError {
  override name = 'ValidationError';
}
/** 401: missing, unknown or expired API key. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
/** 403: scope denied, IP not allowed or tenant mismatch. */
export class PermissionError extends ApiError {
  override name = 'PermissionError';
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
/** 409: a business conflict (duplicate sku, stock, funds, state) or an idempotency conflict. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 429, after the SDK's own retries, or when `Retry-After` is longer than `maxRetryAfterMs`. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
export class ServerError extends ApiError {
  override name = 'ServerError';
}

/** The network failed (DNS, refused, reset) on every attempt. */
export class ConnectionError extends NexusError {
  override name = 'ConnectionError';
}
/** A deadline passed: the request's `timeoutMs`, or `JobHandle.wait`'s `timeoutMs`. */
export class TimeoutError extends NexusError {
  override name = 'TimeoutError';
}
/** The caller's `AbortSignal` fired. Named like the DOM's so `e.name === 'AbortError'` checks work. */
export class AbortError extends NexusError {
  override name = 'AbortError';
}

/** A job ended `failed` or `cancelled` (or `partially_failed` with `throwOnRecordErrors`). */
export class JobFailedError extends NexusError {
  override name = 'JobFailedError';
  readonly job: Job;
  /** Per-record errors as the job reports them (the server keeps the first 1,000). */
  readonly errors: JobRecordError[];

  constructor(job: Job) {
    super(`Job ${job.id} ended ${job.status} (${job.progress.failed} of ${job.progress.total} records failed)`, {
      requestId: job.request_id,
    });
    this.job = job;
    this.errors = job.errors;
  }
}

export type WebhookVerificationReason =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature'
  | 'payload_not_raw'
  | 'invalid_payload';

/** A webhook did not pass verification; answer the sender with 400 and do not process it. */
export class WebhookVerificationError extends NexusError {
  override name = 'WebhookVerificationError';
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
