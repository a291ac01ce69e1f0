import { Emitter } from './emitter.js';
import { ApiError, NetworkError } from './errors.js';
import { blobOf, bytesToBase64 } from './http.js';

const QUEUE_KEY = 'queue';

/**
 * A mutation kept until the server has answered it.
 * @typedef {object} QueuedMutation
 * @property {number} seq the order it was queued in
 * @property {string} idempotency_key sent as Idempotency-Key: a replay of an applied mutation answers its first answer
 * @property {string} client_timestamp when the user acted, sent as X-Client-Timestamp
 * @property {import('./http.js').Request} request
 */

/**
 * The offline mutation queue. Every mutation gets its idempotency key, the time the user acted
 * and a sequence number when queued, and is persisted before `enqueue` resolves. Replay is in
 * order, one at a time; an entry leaves the storage only once the server's answer is handled,
 * so a reload mid-replay sends the head again with the same key (harmless).
 *
 * Events: `queued` {entry}, `applied` {entry, result, superseded_fields}, `superseded`
 * {entry, fields, result}, `refused` {entry, error} (a 4xx: dropped, not retried), `retrying`
 * {entry, error, attempt, delayMs} (5xx, network, 409 request_in_progress, 429), `auth_required`
 * {entry, error} (the session could not be refreshed: the queue waits for a sign-in), `saved`
 * (the queue is empty after a replay: all saved).
 */
export class MutationQueue extends Emitter {
  /**
   * @param {{storage: import('./storage.js').StorageAdapter, transport: import('./http.js').Transport,
   *   auth: import('./auth.js').Auth, retryBaseMs?: number, retryMaxMs?: number}} options
   *   retries wait retryBaseMs doubling up to retryMaxMs, with jitter (defaults 1 s, 30 s)
   */
  constructor({ storage, transport, auth, retryBaseMs = 1000, retryMaxMs = 30_000 }) {
    super();
    this.storage = storage;
    this.transport = transport;
    this.auth = auth;
    this.retryBaseMs = retryBaseMs;
    this.retryMaxMs = retryMaxMs;
    this.paused = false;
    this.closed = false;
    this.draining = false;
    /** @type {Promise<any>} serialises this instance's read-modify-writes */
    this.writes = Promise.resolve();
    this.wakeUp = () => {};
    this.attempts = 0;
    auth.on('session', (session) => {
      if (session) this.drain();
    });
  }

  /** @returns {Promise<{next_seq: number, entries: QueuedMutation[]}>} */
  async state() {
    return (await this.storage.get(QUEUE_KEY)) || { next_seq: 1, entries: [] };
  }

  /** @returns {Promise<QueuedMutation[]>} what is still to be sent, in order */
  async pending() {
    return (await this.state()).entries;
  }

  /** @param {(state: {next_seq: number, entries: QueuedMutation[]}) => any} change */
  change(change) {
    const next = this.writes.then(async () => {
      const state = await this.state();
      const result = change(state);
      await this.storage.set(QUEUE_KEY, state);
      return result;
    });
    this.writes = next.catch(() => {});
    return next;
  }

  /**
   * Queues a mutation and starts replaying unless paused.
   * @param {import('./http.js').Request} request
   * @param {import('./http.js').SendOptions} [options] a given idempotencyKey or clientTimestamp is kept
   * @returns {Promise<QueuedMutation>}
   */
  async enqueue(request, options = {}) {
    if (request.method === 'GET') throw new TypeError('reads are not queued: call them on the client');
    const kept = { ...request };
    if (request.upload) {
      const blob = blobOf(request.upload);
      // base64 so the upload survives a JSON storage (the file adapter, localStorage)
      kept.upload = {
        fileName: request.upload.fileName,
        contentType: request.upload.contentType || blob.type || undefined,
        base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())),
      };
    }
    const entry = await this.change((state) => {
      const queued = {
        seq: state.next_seq++,
        idempotency_key: options.idempotencyKey || crypto.randomUUID(),
        client_timestamp: options.clientTimestamp || new Date().toISOString(),
        request: kept,
      };
      state.entries.push(queued);
      return queued;
    });
    this.emit('queued', { entry });
    this.drain();
    return entry;
  }

  /** Stops replaying after the mutation in flight (offline). Queuing goes on. */
  pause() {
    this.paused = true;
  }

  /** Replays what is queued (back online); a retry waiting for its delay goes at once. */
  resume() {
    this.paused = false;
    this.wakeUp();
    this.drain();
  }

  /** The network is back: a retry waiting for its delay goes now (an app's pause stays). */
  wake() {
    this.wakeUp();
    this.drain();
  }

  /** Resolves when nothing is queued any more. */
  async whenSaved() {
    let off;
    const saved = new Promise((resolve) => {
      off = this.on('saved', resolve);
    });
    try {
      if ((await this.pending()).length > 0) await saved;
    } finally {
      off();
    }
  }

  /** Replays the queue, head first, until it is empty, paused or closed. */
  async drain() {
    if (this.draining || this.paused || this.closed) return;
    this.draining = true;
    let replayed = 0;
    try {
      while (!this.paused && !this.closed) {
        const entry = (await this.state()).entries[0];
        if (!entry) break;
        const outcome = await this.replay(entry);
        if (this.closed) return; // the page went away: the head stays for the next client
        if (outcome === 'wait') break;
        if (outcome === 'retry') continue;
        replayed++;
      }
    } finally {
      this.draining = false;
    }
    if (replayed > 0 && !this.closed && (await this.pending()).length === 0) this.emit('saved', {});
  }

  /** @param {QueuedMutation} entry @returns {Promise<'done'|'retry'|'wait'>} */
  async replay(entry) {
    let result;
    try {
      result = await this.transport.send(entry.request, {
        idempotencyKey: entry.idempotency_key,
        clientTimestamp: entry.client_timestamp,
      });
    } catch (error) {
      if (this.closed) return 'done';
      if (error instanceof ApiError && error.status === 401) {
        // the refresh failed too (or nobody is signed in): keep everything for the next sign-in
        this.emit('auth_required', { entry, error });
        return 'wait';
      }
      if (retriable(error)) {
        this.attempts++;
        const delayMs = error.retryAfter ? error.retryAfter * 1000 : this.backoff(this.attempts);
        this.emit('retrying', { entry, error, attempt: this.attempts, delayMs });
        await this.sleep(delayMs);
        return 'retry';
      }
      // a 4xx (or a request that cannot be built at all) would fail the same way again
      await this.remove(entry);
      this.attempts = 0;
      this.emit('refused', { entry, error });
      return 'done';
    }
    if (this.closed) return 'done';
    await this.remove(entry);
    this.attempts = 0;
    const superseded = (result && Array.isArray(result.superseded_fields) && result.superseded_fields) || [];
    this.emit('applied', { entry, result, superseded_fields: superseded });
    if (superseded.length > 0) this.emit('superseded', { entry, fields: superseded, result });
    return 'done';
  }

  /** @param {QueuedMutation} entry */
  remove(entry) {
    return this.change((state) => {
      state.entries = state.entries.filter((e) => e.idempotency_key !== entry.idempotency_key || e.seq !== entry.seq);
    });
  }

  backoff(attempt) {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Stops replaying (the client is closing); what is queued stays in the storage. */
  close() {
    this.closed = true;
    this.wakeUp();
  }
}

/** 5xx, no answer, a request still running under this key, a write conflict, over the rate limit, a timed-out upload. */
function retriable(error) {
  if (error instanceof NetworkError) return true;
  if (!(error instanceof ApiError)) return false;
  return error.status >= 500 || error.status === 429 || error.status === 408
    || (error.status === 409 && (error.code === 'request_in_progress' || error.code === 'write_conflict'));
}
