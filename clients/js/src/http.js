import { ApiError, NetworkError } from './errors.js';

/**
 * What one API call is: built by the REST namespaces, then sent at once (Transport) or queued
 * (MutationQueue). Plain data, so a queued one can be persisted.
 * @typedef {object} Request
 * @property {'GET'|'POST'|'PUT'|'DELETE'} method
 * @property {string} path from the origin, e.g. /api/v1/events
 * @property {Record<string, string|number|boolean|undefined|null>} [query]
 * @property {any} [body] sent as JSON
 * @property {Upload} [upload] sent as multipart/form-data, the file in field `file`
 *
 * @typedef {object} Upload
 * @property {Blob|Uint8Array|ArrayBuffer|string} [data] the file's bytes (a Node Buffer is a Uint8Array)
 * @property {string} [base64] the bytes as kept in a queue
 * @property {string} fileName
 * @property {string} [contentType]
 *
 * @typedef {object} SendOptions
 * @property {string} [idempotencyKey] defaults to a new one for every mutation
 * @property {string} [clientTimestamp] when the user acted (RFC 3339); defaults to now
 * @property {(progress: {loaded: number, total: number, percent: number}) => void} [onProgress] uploads only
 * @property {AbortSignal} [signal]
 */

/** How often a request answered 409 write_conflict is sent in all. */
const CONFLICT_ATTEMPTS = 4;

/** @param {Request} request */
export function urlOf(baseUrl, request) {
  const url = new URL(request.path, baseUrl);
  for (const [name, value] of Object.entries(request.query || {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** @param {Upload} upload @returns {Blob} */
export function blobOf(upload) {
  const type = upload.contentType || 'application/octet-stream';
  if (upload.base64 !== undefined) return new Blob([base64ToBytes(upload.base64)], { type });
  if (upload.data instanceof Blob) return upload.data;
  return new Blob([upload.data], { type });
}

/** @param {Uint8Array} bytes */
export function bytesToBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** @param {string} base64 */
function base64ToBytes(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Turns an answer into its JSON, or throws the server's error. */
export async function answerOf(response) {
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (response.ok) return json;
  const error = json && typeof json.error === 'object' && json.error
    ? json.error
    : { code: json?.error_code || json?.error || 'http_' + response.status, message: json?.msg || text || response.statusText };
  throw new ApiError(response.status, error, response.headers);
}

/** Sends requests with the session's token; a 401 refreshes the session once and sends again. */
export class Transport {
  /**
   * @param {{baseUrl: string, fetch: typeof fetch, auth: import('./auth.js').Auth, xhrUploads: boolean}} options
   *   xhrUploads: send uploads with XMLHttpRequest (where it exists), whose upload progress fetch lacks
   */
  constructor({ baseUrl, fetch, auth, xhrUploads }) {
    this.baseUrl = baseUrl;
    this.fetch = fetch;
    this.auth = auth;
    this.xhrUploads = xhrUploads && typeof XMLHttpRequest === 'function';
  }

  /**
   * @param {Request} request
   * @param {SendOptions} [options]
   * @returns {Promise<any>} the answer's JSON (null for 204)
   */
  async send(request, options = {}) {
    const mutation = request.method !== 'GET';
    const headers = { Accept: 'application/json' };
    if (mutation) {
      headers['Idempotency-Key'] = options.idempotencyKey || crypto.randomUUID();
      headers['X-Client-Timestamp'] = options.clientTimestamp || new Date().toISOString();
    }
    const token = await this.auth.accessToken();
    try {
      return await this.retryingConflicts(() => this.once(request, headers, token, options));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401 || !this.auth.session) throw e;
      // expired or revoked early: one refresh, then the same request (same key) again
      await this.auth.refresh(token);
      return this.once(request, headers, await this.auth.accessToken(), options);
    }
  }

  /**
   * A write that met a concurrent one in PostgreSQL (serialization failure or deadlock) answers
   * 409 write_conflict, "retry the request": sent again a few times, same key, after a short
   * random pause, before the caller sees it.
   */
  async retryingConflicts(send) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'write_conflict' || attempt >= CONFLICT_ATTEMPTS) throw e;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100 * attempt));
      }
    }
  }

  async once(request, headers, token, options) {
    const all = { ...headers };
    if (token) all.Authorization = 'Bearer ' + token;
    const url = urlOf(this.baseUrl, request);
    if (request.upload) return this.upload(url, request.upload, all, options);
    let body;
    if (request.body !== undefined) {
      all['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    let response;
    try {
      response = await this.fetch(url, { method: request.method, headers: all, body, signal: options.signal });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      throw new NetworkError(e);
    }
    return answerOf(response);
  }

  /** Multipart upload: XHR where it exists (browsers), for upload progress; fetch otherwise (Node: 0 and 100 %). */
  async upload(url, upload, headers, options) {
    const form = new FormData();
    const blob = blobOf(upload);
    form.append('file', blob, upload.fileName);
    const progress = (loaded, total) => options.onProgress?.({ loaded, total, percent: total ? Math.round((loaded * 100) / total) : 100 });
    if (this.xhrUploads) return xhrUpload(url, form, headers, progress);
    progress(0, blob.size);
    let response;
    try {
      response = await this.fetch(url, { method: 'POST', headers, body: form, signal: options.signal });
    } catch (e) {
      throw new NetworkError(e);
    }
    const answer = await answerOf(response);
    progress(blob.size, blob.size);
    return answer;
  }
}

function xhrUpload(url, form, headers, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : e.loaded);
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') || 'application/json', 'Retry-After': xhr.getResponseHeader('Retry-After') || '' },
      });
      answerOf(response).then((answer) => {
        progress(1, 1);
        resolve(answer);
      }, reject);
    };
    xhr.send(form);
  });
}
