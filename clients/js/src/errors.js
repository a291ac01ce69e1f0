/**
 * An answer of the API that was not 2xx, carrying the server's `{error:{code,message,details}}`.
 */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {{code?: string, message?: string, details?: Array<{field?: string, issue?: string}>}} error the server's `error` object
   * @param {Headers} [headers]
   */
  constructor(status, error, headers) {
    super(error.message || `HTTP ${status}`);
    this.name = 'ApiError';
    /** @type {number} */
    this.status = status;
    /** @type {string} */
    this.code = error.code || 'http_' + status;
    /** @type {Array<{field?: string, issue?: string}>} */
    this.details = error.details || [];
    /** Seconds the server asked us to wait (429, 503), or null. @type {number|null} */
    const retryAfter = headers && headers.get('retry-after');
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }
}

/** The request never got an answer (no network, connection reset, DNS). */
export class NetworkError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super('network error: ' + (cause instanceof Error ? cause.message : String(cause)));
    this.name = 'NetworkError';
    this.cause = cause;
  }
}
