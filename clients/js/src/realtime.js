import { Emitter } from './emitter.js';
import { ApiError } from './errors.js';

const CURSORS_KEY = 'cursors';
/** How many record ids per event are remembered to drop a frame seen twice (socket and poll overlap). */
const REMEMBERED_RECORDS = 2000;

/**
 * @typedef {'online'|'reconnecting'|'offline'} ConnectionStatus
 *
 * @typedef {object} RealtimeOptions
 * @property {typeof WebSocket} [WebSocket] the implementation (browsers: the global one; Node 20: pass `ws`'s); none: polling only
 * @property {string} [url] the socket's address; default the base URL's /realtime/v1 (ws: or wss:)
 * @property {number} [reconnectDelayMs] 5000: the wait before each reconnect attempt (the spec's 5 s)
 * @property {number} [reconnectBackoff] 1: each attempt's wait is the previous one's times this (capped by reconnectMaxDelayMs)
 * @property {number} [reconnectMaxDelayMs] 30000
 * @property {number} [reconnectAttempts] 10: then the socket is given up for polling
 * @property {number} [jitter] 0.2: each wait is spread by ±this share, so clients of a restarted gateway do not come back at once
 * @property {number} [pollIntervalMs] 30000: polling GET /api/v1/events/{id}/changes, and trying the socket again, this often
 * @property {number} [pingIntervalMs] 25000: a ping this often (the server pings every 20 s)
 * @property {number} [deadAfterMs] 60000: a socket silent this long is dropped and reconnected
 * @property {number} [connectTimeoutMs] 10000: a socket not signed in this long after it was opened counts as a failed attempt
 */

/**
 * Every change of the events subscribed to, over the WebSocket with reconnect and resume
 * cursors, falling back to polling while the socket cannot be had.
 *
 * Events: `status` (ConnectionStatus), `change` (a change frame, each delivered once, in order),
 * `subscribed` {event_id, cursor}, `resync_required` {event_id, reason} (refetch the event over
 * HTTP: the client has already subscribed again from now), `presence` {event_id, viewers},
 * `notification`, `notification_read`, `access_revoked` {event_id}, `error` {event_id?, code}.
 */
export class Realtime extends Emitter {
  /**
   * @param {RealtimeOptions & {baseUrl: string, auth: import('./auth.js').Auth,
   *   api: ReturnType<typeof import('./api.js').defineApi>, storage: import('./storage.js').StorageAdapter}} options
   */
  constructor(options) {
    super();
    this.auth = options.auth;
    this.api = options.api;
    this.storage = options.storage;
    this.WebSocket = options.WebSocket === undefined ? globalThis.WebSocket : options.WebSocket;
    this.url = options.url || new URL('/realtime/v1', options.baseUrl).toString().replace(/^http/, 'ws');
    this.reconnectDelayMs = options.reconnectDelayMs ?? 5000;
    this.reconnectBackoff = options.reconnectBackoff ?? 1;
    this.reconnectMaxDelayMs = options.reconnectMaxDelayMs ?? 30_000;
    this.reconnectAttempts = options.reconnectAttempts ?? 10;
    this.jitter = options.jitter ?? 0.2;
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.pingIntervalMs = options.pingIntervalMs ?? 25_000;
    this.deadAfterMs = options.deadAfterMs ?? 60_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.connectTimer = null;

    /** @type {ConnectionStatus} */
    this.status = 'offline';
    /** Whether frames come by polling now (the socket was given up). */
    this.polling = false;
    this.started = false;
    /** @type {Map<string, {cursor: string|null, seen: Set<string>}>} */
    this.subscriptions = new Map();
    this.socket = null;
    this.authenticated = false;
    this.attempt = 0;
    this.timers = new Set();
    this.pollTimer = null;
    this.heartbeat = null;
    this.lastHeard = 0;
    this.cursorsLoaded = null;

    this.auth.on('session', (session) => {
      // the socket's session lasts as long as its token: hand it the fresh one
      if (session && this.authenticated) this.send({ type: 'auth', access_token: session.access_token });
    });
    if (typeof globalThis.addEventListener === 'function' && globalThis.window) {
      globalThis.addEventListener('online', () => this.retryNow());
      globalThis.addEventListener('offline', () => this.dropConnection());
    }
  }

  /** The kept cursors (so a reloaded page resumes where it was). */
  async cursors() {
    if (!this.cursorsLoaded) this.cursorsLoaded = this.storage.get(CURSORS_KEY).then((c) => c || {});
    return this.cursorsLoaded;
  }

  /**
   * Follows an event: live frames from the kept cursor on (or `cursor`), so nothing is missed.
   * @param {string} eventId
   * @param {{cursor?: string|null}} [options] cursor null: from now on
   */
  async subscribe(eventId, options = {}) {
    const kept = (await this.cursors())[eventId] || null;
    let cursor = options.cursor !== undefined ? options.cursor : kept;
    if (!cursor) {
      // "from now" as a cursor: a socket lost before its `subscribed` then resumes from here, not from later
      try {
        cursor = (await this.api.events.changes(eventId)).cursor;
      } catch {
        // offline or not allowed: the socket's `subscribed` (or its error) tells
      }
    }
    this.subscriptions.set(eventId, { cursor, seen: new Set() });
    if (this.authenticated) this.send({ type: 'subscribe', event_id: eventId, ...(cursor ? { cursor } : {}) });
    else if (this.polling) this.pollSoon();
    this.connect();
  }

  /** @param {string} eventId */
  unsubscribe(eventId) {
    this.subscriptions.delete(eventId);
    if (this.authenticated) this.send({ type: 'unsubscribe', event_id: eventId });
  }

  /** @param {string} eventId the last cursor received for the event, or null */
  cursorOf(eventId) {
    return this.subscriptions.get(eventId)?.cursor ?? null;
  }

  /** Starts connecting (subscribe does it too). */
  connect() {
    if (this.started) return;
    this.started = true;
    this.attempt = 0;
    if (!this.WebSocket) this.startPolling();
    else this.open(false);
  }

  /** Stops the socket and polling; subscriptions and cursors are kept for the next connect(). */
  disconnect() {
    this.started = false;
    this.stopPolling();
    this.detach();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.setStatus('offline');
  }

  close() {
    this.disconnect();
  }

  /** Closes the socket as a lost network would; the client reconnects and resumes (the browser's offline event, tests). */
  dropConnection() {
    if (this.socket) this.lost(this.socket);
  }

  /** Tries the socket at once (the browser is back online). */
  retryNow() {
    if (!this.started || this.authenticated) return;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.socket) return;
    this.open(this.polling);
  }

  /** @param {boolean} probe a try while polling: a failure just keeps polling */
  open(probe) {
    if (!probe) this.setStatus('reconnecting');
    let ws;
    try {
      ws = new this.WebSocket(this.url);
    } catch (e) {
      this.socketFailed(probe);
      return;
    }
    this.socket = ws;
    this.authenticated = false;
    this.lastHeard = Date.now();
    // a connection that opens but never answers (a captive portal, a half-open proxy) must not hang the retries
    this.connectTimer = setTimeout(() => this.socket === ws && !this.authenticated && this.lost(ws), this.connectTimeoutMs);
    ws.onopen = () => {
      this.lastHeard = Date.now();
      // the first message (browsers cannot send Authorization on an upgrade)
      this.send({ type: 'auth', access_token: this.auth.session ? this.auth.session.access_token : '' });
    };
    ws.onmessage = (message) => {
      if (this.socket !== ws) return;
      this.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(typeof message.data === 'string' ? message.data : String(message.data));
      } catch {
        return;
      }
      this.receive(frame);
    };
    ws.onerror = () => {};
    ws.onclose = (event) => {
      if (this.socket !== ws) return;
      this.lost(ws, event && event.code);
    };
  }

  /** The socket is gone (closed, failed, silent too long): reconnect, or fall back to polling. */
  lost(ws, code) {
    const wasAuthenticated = this.authenticated;
    this.detach();
    if (!this.started) return;
    if (code === 4401 && this.auth.session) {
      // the token ran out under the socket: refresh, then straight back
      this.auth.refresh().then(() => this.started && !this.socket && this.open(this.polling), () => this.socketFailed(this.polling));
      return;
    }
    if (wasAuthenticated) this.attempt = 0;
    this.socketFailed(this.polling);
  }

  socketFailed(probe) {
    this.socket = null;
    if (probe || !this.started) return; // polling goes on; its next tick tries again
    this.attempt++;
    if (this.attempt > this.reconnectAttempts) {
      this.startPolling();
      return;
    }
    this.setStatus('reconnecting');
    const base = Math.min(this.reconnectMaxDelayMs, this.reconnectDelayMs * this.reconnectBackoff ** (this.attempt - 1));
    this.later(() => this.open(false), base * (1 - this.jitter + Math.random() * 2 * this.jitter));
  }

  detach() {
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeat);
    this.heartbeat = null;
    const ws = this.socket;
    this.socket = null;
    this.authenticated = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.onerror = () => {};
      try {
        ws.close();
      } catch {
        // already closed
      }
    }
  }

  /** @param {any} frame */
  receive(frame) {
    switch (frame.type) {
      case 'authenticated':
        if (this.authenticated) return; // a refreshed token's answer
        this.authenticated = true;
        clearTimeout(this.connectTimer);
        this.attempt = 0;
        this.stopPolling();
        this.setStatus('online');
        this.startHeartbeat();
        for (const [eventId, subscription] of this.subscriptions) {
          this.send({ type: 'subscribe', event_id: eventId, ...(subscription.cursor ? { cursor: subscription.cursor } : {}) });
        }
        return;
      case 'change':
        this.deliver(frame);
        return;
      case 'subscribed':
        this.advance(frame.event_id, frame.cursor);
        this.emit('subscribed', { event_id: frame.event_id, cursor: frame.cursor });
        return;
      case 'resync_required':
        this.resync(frame.event_id, frame.reason);
        return;
      case 'presence':
      case 'notification':
      case 'notification_read':
        this.emit(frame.type, frame);
        return;
      case 'error':
        if (frame.event_id && ['access_revoked', 'not_found'].includes(frame.code)) this.subscriptions.delete(frame.event_id);
        if (frame.code === 'access_revoked') this.emit('access_revoked', { event_id: frame.event_id });
        this.emit('error', frame);
        return;
      default:
    }
  }

  /** A change frame, from the socket or a poll: once each, cursor kept. */
  deliver(frame) {
    const subscription = this.subscriptions.get(frame.event_id);
    if (!subscription) return;
    if (frame.record_id) {
      if (subscription.seen.has(frame.record_id)) return;
      subscription.seen.add(frame.record_id);
      if (subscription.seen.size > REMEMBERED_RECORDS) subscription.seen.delete(subscription.seen.values().next().value);
    }
    this.advance(frame.event_id, frame.cursor);
    this.emit('change', frame);
  }

  advance(eventId, cursor) {
    const subscription = this.subscriptions.get(eventId);
    if (!subscription || !cursor) return;
    subscription.cursor = cursor;
    this.keepCursor(eventId, cursor);
  }

  async keepCursor(eventId, cursor) {
    const cursors = await this.cursors();
    cursors[eventId] = cursor;
    await this.storage.set(CURSORS_KEY, cursors);
  }

  /** The server cannot give every missed frame: tell the app to refetch, follow from now on. */
  resync(eventId, reason) {
    const subscription = this.subscriptions.get(eventId);
    if (!subscription) return;
    subscription.cursor = null;
    this.emit('resync_required', { event_id: eventId, reason });
    if (this.authenticated) this.send({ type: 'subscribe', event_id: eventId });
  }

  startHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > this.deadAfterMs) this.lost(this.socket);
      else this.send({ type: 'ping' });
    }, this.pingIntervalMs);
    this.heartbeat.unref?.();
  }

  startPolling() {
    this.polling = true;
    this.setStatus('offline');
    this.pollSoon();
  }

  stopPolling() {
    this.polling = false;
    clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  pollSoon() {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => this.pollTick(), 0);
  }

  async pollTick() {
    this.pollTimer = null;
    if (!this.polling || !this.started) return;
    for (const eventId of [...this.subscriptions.keys()]) {
      try {
        await this.poll(eventId);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          this.subscriptions.delete(eventId);
          this.emit('error', { type: 'error', event_id: eventId, code: 'not_found' });
        }
        // a network failure: the next tick tries again
      }
      if (!this.polling) return; // the socket came back meanwhile
    }
    if (!this.polling || !this.started) return;
    this.pollTimer = setTimeout(() => this.pollTick(), this.pollIntervalMs);
    // the socket may be back: one try per tick, frames keep coming by polling until it is
    if (this.WebSocket && !this.socket) this.open(true);
  }

  /** Every frame after the event's cursor, page after page. */
  async poll(eventId) {
    for (;;) {
      const subscription = this.subscriptions.get(eventId);
      if (!subscription || !this.polling) return;
      const limit = 100;
      const page = await this.api.events.changes(eventId, { since: subscription.cursor || undefined, limit });
      if (this.subscriptions.get(eventId) !== subscription || !this.polling) return;
      if (page.resync_required) {
        subscription.cursor = page.cursor;
        this.keepCursor(eventId, page.cursor);
        this.emit('resync_required', { event_id: eventId, reason: page.reason });
        return;
      }
      for (const frame of page.changes) this.deliver(frame);
      this.advance(eventId, page.cursor);
      if (page.changes.length < limit) return;
    }
  }

  send(message) {
    if (this.socket && this.socket.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  later(action, ms) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  /** @param {ConnectionStatus} status */
  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }
}
