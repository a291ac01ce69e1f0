import { Emitter } from './emitter.js';
import { ApiError, NetworkError } from './errors.js';
import { answerOf } from './http.js';

/**
 * The session as /auth/v1 answers it (Supabase Auth's shape).
 * @typedef {object} Session
 * @property {string} access_token
 * @property {string} refresh_token
 * @property {number} expires_at seconds since the epoch
 * @property {number} expires_in
 * @property {{id: string, email: string, user_metadata?: any}} user
 */

const SESSION_KEY = 'session';

/**
 * Sign up, sign in, refresh before expiry, sign out; the session is kept in the storage adapter.
 * Events: `session` (the new session, or null), `signed_out` ({reason}).
 */
export class Auth extends Emitter {
  /**
   * @param {{baseUrl: string, fetch: typeof fetch, storage: import('./storage.js').StorageAdapter, refreshMarginMs?: number}} options
   *   refreshMarginMs: refresh this long before the access token expires (default 60 s)
   */
  constructor({ baseUrl, fetch, storage, refreshMarginMs = 60_000 }) {
    super();
    this.baseUrl = baseUrl;
    this.fetch = fetch;
    this.storage = storage;
    this.refreshMarginMs = refreshMarginMs;
    /** @type {Session|null} */
    this.session = null;
    /** @type {Promise<Session>|null} */
    this.refreshing = null;
    this.timer = null;
    this.closed = false;
  }

  /** Reads the kept session (a reload stays signed in). */
  async load() {
    this.adopt((await this.storage.get(SESSION_KEY)) || null, false);
  }

  /** @returns {Session['user']|null} */
  get user() {
    return this.session ? this.session.user : null;
  }

  /**
   * @param {{email: string, password: string, fullName?: string}} credentials
   * @returns {Promise<Session>}
   */
  async signUp({ email, password, fullName }) {
    const data = fullName === undefined ? undefined : { full_name: fullName };
    return this.keep(await this.post('/auth/v1/signup', { email, password, data }));
  }

  /** @param {{email: string, password: string}} credentials @returns {Promise<Session>} */
  async signIn({ email, password }) {
    return this.keep(await this.post('/auth/v1/token?grant_type=password', { email, password }));
  }

  /**
   * Trades the refresh token for a new session. Concurrent callers share one refresh (a spent
   * refresh token used twice ends the session on the server). A refresh the server refuses
   * signs out; a network failure keeps the session and throws.
   * @param {string} [staleToken] the access token a 401 came back for: if the session already moved on, no refresh is needed
   * @returns {Promise<Session>}
   */
  refresh(staleToken) {
    if (!this.refreshing) {
      this.refreshing = this.refreshOnce(staleToken).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  async refreshOnce(staleToken) {
    // another client on the same storage (a tab, a reloaded page) may have refreshed already
    const kept = await this.storage.get(SESSION_KEY);
    if (kept && this.session && kept.refresh_token !== this.session.refresh_token) {
      this.adopt(kept, false);
      if (!this.expiring(kept)) return kept;
    }
    if (!this.session) throw new ApiError(401, { code: 'unauthorized', message: 'Not signed in' });
    if (staleToken && staleToken !== this.session.access_token && !this.expiring(this.session)) return this.session;
    try {
      return await this.keep(await this.post('/auth/v1/token?grant_type=refresh_token', { refresh_token: this.session.refresh_token }));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500) throw e;
      await this.clear(e.code);
      // to every caller this is what a 401 means: sign in again
      throw new ApiError(401, { code: 'session_expired', message: `The session ended (${e.code}); sign in again` });
    }
  }

  /** @param {{scope?: 'global'|'local'|'others'}} [options] */
  async signOut({ scope = 'local' } = {}) {
    const session = this.session;
    if (session) {
      try {
        await answerOf(await this.fetch(new URL(`/auth/v1/logout?scope=${scope}`, this.baseUrl), {
          method: 'POST',
          headers: { Authorization: 'Bearer ' + session.access_token },
        }));
      } catch (e) {
        // signed out here whatever the server said: the tokens are forgotten below
        if (!(e instanceof ApiError)) console.warn('@fashionos/client: sign-out not confirmed by the server', e.message);
      }
    }
    await this.clear('signed_out');
  }

  /** The access token to send, refreshed first when it is about to expire; null when signed out. */
  async accessToken() {
    if (this.session && this.expiring(this.session)) {
      try {
        await this.refresh();
      } catch (e) {
        // offline: the old token may still pass; the caller's request decides
        if (!(e instanceof NetworkError)) throw e;
      }
    }
    return this.session ? this.session.access_token : null;
  }

  /** @param {Session} session */
  expiring(session) {
    return session.expires_at * 1000 - Date.now() <= this.refreshMarginMs;
  }

  async post(path, body) {
    let response;
    try {
      response = await this.fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new NetworkError(e);
    }
    return answerOf(response);
  }

  /** @param {Session} session */
  async keep(session) {
    await this.storage.set(SESSION_KEY, session);
    this.adopt(session, true);
    return session;
  }

  /** @param {Session|null} session @param {boolean} announce */
  adopt(session, announce) {
    this.session = session;
    this.schedule();
    if (announce) this.emit('session', session);
  }

  async clear(reason) {
    const had = this.session !== null;
    this.session = null;
    this.schedule();
    await this.storage.delete(SESSION_KEY);
    if (had) {
      this.emit('session', null);
      this.emit('signed_out', { reason });
    }
  }

  /** Refreshes ahead of expiry, so a long-open page keeps a valid token for its socket. */
  schedule() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.session || this.closed) return;
    const delay = Math.max(this.session.expires_at * 1000 - Date.now() - this.refreshMarginMs, 1000);
    this.timer = setTimeout(() => {
      this.refresh().catch(() => {
        // a network failure retries on the next request; a refusal already signed out
      });
    }, delay);
    this.timer.unref?.();
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
