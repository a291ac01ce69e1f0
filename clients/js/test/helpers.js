// The stack under test: JsClientTest (standalone module) starts it and passes its address.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { after } from 'node:test';
import { ApiError, createClient as create, FileStorage, MemoryStorage } from '../src/node.js';

export const BASE_URL = process.env.FASHIONOS_BASE_URL;
if (!BASE_URL) throw new Error('FASHIONOS_BASE_URL is not set: run these tests through JsClientTest, or point it at a running standalone stack');

export { ApiError, FileStorage, MemoryStorage, WebSocket };

const clients = new Set();
// a failed test never reaches its close(): its sockets and timers would keep the file's process alive
after(() => clients.forEach((client) => client.close()));

/** createClient, closed after the file's tests at the latest. */
export async function createClient(options) {
  const client = await create(options);
  clients.add(client);
  return client;
}

/** Short timings, so reconnects and polling take milliseconds, not minutes. */
export const FAST_REALTIME = {
  WebSocket,
  reconnectDelayMs: 100,
  reconnectAttempts: 3,
  pollIntervalMs: 300,
  pingIntervalMs: 1000,
  deadAfterMs: 5000,
  connectTimeoutMs: 5000,
};

/** A file storage in a fresh directory (what a reload would find again). */
export function fileStorage() {
  return new FileStorage(join(mkdtempSync(join(tmpdir(), 'fashionos-client-')), 'state.json'));
}

/**
 * A new person with a client signed in.
 * @param {string} name
 * @param {Partial<import('../src/index.js').ClientOptions>} [options]
 */
export async function signedUp(name, options = {}) {
  const client = await createClient({ baseUrl: BASE_URL, storage: new MemoryStorage(), realtime: FAST_REALTIME, ...options });
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  await client.auth.signUp({ email, password: 'runway-2027', fullName: name });
  return Object.assign(client, { email });
}

/** An event of the signed-in person, without waiting for its plan. */
export async function newEvent(client, name = 'Lisbon Resort Preview') {
  const created = await client.events.create({
    name,
    type: 'trunk_show',
    start_date: '2027-05-20T18:00:00Z',
    budget_categories: [{ category: 'venue', budgeted_amount: 12000 }],
  });
  // budget-service learns of the event from its change record: expenses are accepted from then on
  await eventually('the event in budget-service', async () => (await client.budget.get(created.event_id)).categories.length > 0);
  return created.event_id;
}

/** Waits until `check` answers something truthy (polling every 50 ms), else fails after `ms`. */
export async function eventually(what, check, ms = 30_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ': ' + last.message : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Collects what an emitter emits under `name`. */
export function collect(emitter, name) {
  const seen = [];
  emitter.on(name, (payload) => seen.push(payload));
  return seen;
}
