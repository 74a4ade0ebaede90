/**
 * The one error type of the server. Everything that answers with a non-2xx status throws an
 * `ApiError`; `toErrorResponse` turns it into the single error envelope of the spec.
 */

/**
 * Machine-readable error codes, each with its fixed HTTP status (the spec's `ErrorCode`).
 *
 * @example
 * ERROR_STATUS.DUPLICATE_SKU; // 409
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHORIZED: 401,
  SCOPE_DENIED: 403,
  IP_NOT_ALLOWED: 403,
  TENANT_MISMATCH: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_SKU: 409,
  OPEN_ORDERS_EXIST: 409,
  INSUFFICIENT_STOCK: 409,
  INSUFFICIENT_FUNDS: 409,
  INVALID_STATE_TRANSITION: 409,
  IDEMPOTENCY_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  INVALID_GTIN: 422,
  INVALID_PHONE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * At most this many details go into one error body; `details_total` then says how many were
 * found. A 1 MB body can hold 100,000 mistakes, and nobody reads past the first hundred.
 */
export const MAX_DETAILS = 100;

/** One problem with a request; `field` is a dotted path such as `items.3.gtin`. */
export interface ErrorDetail {
  index?: number;
  field: string;
  issue: string;
}

/**
 * An error that becomes an HTTP answer. The status always follows from the code.
 *
 * @example
 * throw new ApiError('NOT_FOUND', 'No product with SKU X-1.');
 * throw ApiError.validation([{ field: 'items.3.gtin', issue: 'must be a string' }]);
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** How many problems were found when that is more than `details` holds. */
  readonly detailsTotal: number | undefined;
  /** Extra response headers, e.g. `Retry-After` or `Allow`. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details.length > MAX_DETAILS ? details.slice(0, MAX_DETAILS) : details;
    this.detailsTotal = details.length > MAX_DETAILS ? details.length : undefined;
    this.headers = headers;
  }

  /** `400 VALIDATION_FAILED` with the given details. */
  static validation(details: ErrorDetail[], message = 'The request is invalid.'): ApiError {
    return new ApiError('VALIDATION_FAILED', message, details);
  }

  /** `404 NOT_FOUND` for a missing resource. */
  static notFound(message = 'The resource does not exist.'): ApiError {
    return new ApiError('NOT_FOUND', message);
  }

  /**
   * `503 UNAVAILABLE` with `Retry-After`: a dependency such as the database cannot be reached
   * right now. Nothing of the request was kept, so the client retries it (same Idempotency-Key).
   */
  static unavailable(message = 'The service is temporarily unavailable.', retryAfterSeconds = 2): ApiError {
    return new ApiError('UNAVAILABLE', message, [], { 'Retry-After': String(retryAfterSeconds) });
  }
}

/**
 * True for the error the store throws when its database cannot be reached: work that meets it
 * stops and is tried again later, instead of being recorded as failed.
 *
 * @example
 * if (isUnavailable(error)) throw error; // not a per-record failure
 */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAVAILABLE';
}

/** The error envelope every non-2xx response carries. */
export interface ErrorBody {
  request_id: string;
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; details_total?: number };
}

/**
 * The error envelope of an `ApiError`, for runtimes that write a response themselves.
 *
 * @example
 * errorBody(new ApiError('NOT_FOUND', 'No such route.'), 'req_123').error.code; // 'NOT_FOUND'
 */
export function errorBody(error: ApiError, requestId: string): ErrorBody {
  const body: ErrorBody = {
    request_id: requestId,
    error: { code: error.code, message: error.message, details: error.details },
  };
  if (error.detailsTotal !== undefined) body.error.details_total = error.detailsTotal;
  return body;
}

/**
 * Builds the error envelope response for an `ApiError`.
 *
 * @example
 * const res = toErrorResponse(new ApiError('NOT_FOUND', 'No such route.'), 'req_123');
 * res.status; // 404
 */
export function toErrorResponse(error: ApiError, requestId: string): Response {
  return new Response(JSON.stringify(errorBody(error, requestId)), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...error.headers },
  });
}
