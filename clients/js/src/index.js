import { defineApi } from './api.js';
import { Auth } from './auth.js';
import { Transport } from './http.js';
import { MutationQueue } from './queue.js';
import { Realtime } from './realtime.js';
import { defaultStorage } from './storage.js';

export { ApiError, NetworkError } from './errors.js';
export { MemoryStorage, LocalStorageAdapter, IndexedDbStorage } from './storage.js';
export { Auth } from './auth.js';
export { MutationQueue } from './queue.js';
export { Realtime } from './realtime.js';

/**
 * @typedef {object} ClientOptions
 * @property {string} baseUrl the gateway's origin, e.g. http://localhost:8080
 * @property {import('./storage.js').StorageAdapter} [storage] where the session, queue and cursors live (default: IndexedDB, else localStorage, else memory; Node: FileStorage from '@fashionos/client/node')
 * @property {typeof fetch} [fetch] default the global fetch
 * @property {number} [refreshMarginMs] refresh the session this long before it expires (60 s)
 * @property {{retryBaseMs?: number, retryMaxMs?: number, autoStart?: boolean}} [queue] autoStart false: replay only on queue.resume()
 * @property {import('./realtime.js').RealtimeOptions} [realtime]
 */

/**
 * The client: `auth`, the REST namespaces (`events`, `team`, `sponsors`, `designers`,
 * `directory`, `tasks`, `budget`, `expenses`, `files`, `contracts`, `activity`,
 * `notifications`) sent at once, the same mutations under `queued` (kept in the offline queue),
 * `queue` and `realtime`.
 * @param {ClientOptions} options
 */
export async function createClient(options) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const storage = options.storage || defaultStorage();
  const fetchImpl = options.fetch || globalThis.fetch.bind(globalThis);
  const auth = new Auth({ baseUrl, fetch: fetchImpl, storage, refreshMarginMs: options.refreshMarginMs });
  await auth.load();
  // an injected fetch (tests, a proxy) sees uploads too; the platform's own uses XHR for progress
  const transport = new Transport({ baseUrl, fetch: fetchImpl, auth, xhrUploads: !options.fetch });
  const api = defineApi((request, sendOptions) => transport.send(request, sendOptions));
  const queue = new MutationQueue({ storage, transport, auth, ...options.queue });
  const realtime = new Realtime({ ...options.realtime, baseUrl, auth, api, storage });
  // the socket coming back means the network did: replay what waited
  realtime.on('status', (status) => {
    if (status === 'online') queue.wake();
  });
  if (options.queue?.autoStart === false) queue.pause();
  else queue.drain();
  return {
    ...api,
    auth,
    /** The same mutations, kept in the offline queue: each resolves to its queued entry once persisted. */
    queued: defineApi((request, sendOptions) => queue.enqueue(request, sendOptions)),
    queue,
    realtime,
    /** Stops timers, the socket and the replay; everything persisted stays for the next client. */
    close() {
      queue.close();
      realtime.close();
      auth.close();
    },
  };
}
