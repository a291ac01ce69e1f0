import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collect, eventually, FAST_REALTIME, newEvent, signedUp, WebSocket } from './helpers.js';

const expense = (name) => ({ category: 'venue', name, amount: '10.00' });
const expenseNames = (frames) => frames.filter((f) => f.resource === 'expense').map((f) => f.new.name);

/** Every frame of the event after `cursor`, by polling, page after page. */
async function allFramesSince(client, id, cursor) {
  const frames = [];
  for (;;) {
    const page = await client.events.changes(id, { since: cursor, limit: 100 });
    assert.equal(page.resync_required, false);
    frames.push(...page.changes);
    cursor = page.cursor;
    if (page.changes.length < 100) return frames;
  }
}

test('a socket lost and reconnected resumes from its cursor: no frame lost, none twice', async () => {
  const client = await signedUp('Live Resume', { realtime: { ...FAST_REALTIME, reconnectDelayMs: 1500, jitter: 0 } });
  const id = await newEvent(client);
  const start = (await client.events.changes(id)).cursor;
  const frames = collect(client.realtime, 'change');
  const statuses = collect(client.realtime, 'status');
  await client.realtime.subscribe(id, { cursor: start });
  await eventually('online', () => client.realtime.status === 'online');
  for (const name of ['before 1', 'before 2']) await client.expenses.create(id, expense(name));
  await eventually('the first frames', () => expenseNames(frames).length === 2);

  client.realtime.dropConnection();
  assert.equal(client.realtime.status, 'reconnecting');
  for (const name of ['gap 1', 'gap 2', 'gap 3']) await client.expenses.create(id, expense(name));
  await eventually('back online', () => client.realtime.status === 'online');
  await client.expenses.create(id, expense('after'));
  await eventually('every expense frame', () => expenseNames(frames).length === 6);
  assert.deepEqual(expenseNames(frames), ['before 1', 'before 2', 'gap 1', 'gap 2', 'gap 3', 'after']);
  assert.deepEqual(statuses.slice(0, 3), ['reconnecting', 'online', 'reconnecting']);

  // the whole feed (plan generation included) is what polling from the same cursor answers
  await eventually('the socket matching the polled feed', async () => {
    const polled = (await allFramesSince(client, id, start)).map((f) => f.record_id);
    return JSON.stringify(polled) === JSON.stringify(frames.map((f) => f.record_id));
  });
  assert.equal(new Set(frames.map((f) => f.record_id)).size, frames.length);
  client.close();
});

test('falls back to polling when the socket cannot be had, and back to the socket when it returns', async () => {
  let networkDown = true;
  // an outage of the socket's path only: the upgrade cannot connect while it lasts
  class FlakySocket extends WebSocket {
    constructor(url) {
      super(networkDown ? 'ws://127.0.0.1:9/' : url);
    }
  }
  const client = await signedUp('Live Polling', { realtime: { ...FAST_REALTIME, WebSocket: FlakySocket } });
  const id = await newEvent(client);
  const frames = collect(client.realtime, 'change');
  const statuses = collect(client.realtime, 'status');
  await client.realtime.subscribe(id);
  await eventually('polling', () => client.realtime.polling);
  assert.equal(client.realtime.status, 'offline');
  assert.deepEqual(statuses, ['reconnecting', 'offline']);
  await eventually('a first cursor', () => client.realtime.cursorOf(id));
  await client.expenses.create(id, expense('polled'));
  await eventually('the polled frame', () => expenseNames(frames).includes('polled'));

  networkDown = false;
  await eventually('the socket back', () => client.realtime.status === 'online');
  assert.equal(client.realtime.polling, false);
  await client.expenses.create(id, expense('live'));
  await eventually('the live frame', () => expenseNames(frames).includes('live'));
  assert.deepEqual(expenseNames(frames), ['polled', 'live']);
  assert.equal(new Set(frames.map((f) => f.record_id)).size, frames.length);
  client.close();
});

test('a cursor the server cannot serve asks the app to refetch, then follows from now', async () => {
  const client = await signedUp('Live Resync');
  const id = await newEvent(client);
  const resyncs = collect(client.realtime, 'resync_required');
  const frames = collect(client.realtime, 'change');
  await client.realtime.subscribe(id, { cursor: 'not-a-cursor' });
  await eventually('resync_required', () => resyncs.length === 1);
  assert.deepEqual(resyncs[0], { event_id: id, reason: 'invalid_cursor' });
  await eventually('subscribed again', () => client.realtime.cursorOf(id));
  await client.expenses.create(id, expense('after the resync'));
  await eventually('the next frame', () => expenseNames(frames).includes('after the resync'));
  client.close();
});

test('presence and notifications arrive as events', async () => {
  const lead = await signedUp('Live Lead');
  const guest = await signedUp('Live Guest');
  const id = await newEvent(lead);
  const presence = collect(lead.realtime, 'presence');
  await lead.realtime.subscribe(id);
  await eventually('the lead alone', () => presence.some((p) => p.viewers.length === 1));

  const notifications = collect(guest.realtime, 'notification');
  guest.realtime.connect();
  await eventually('the guest online', () => guest.realtime.status === 'online');
  await guest.events.list(); // the guest has opened the app once: events-service knows them
  await lead.team.add(id, { user_id: guest.auth.user.id, role: 'marketing_lead', permissions: 'edit' });
  await eventually('added_to_event', () => notifications.find((n) => n.kind === 'added_to_event'));
  assert.equal(notifications[0].event_id, id);

  await guest.realtime.subscribe(id);
  await eventually('both viewing', () => presence.some((p) => p.viewers.length === 2));
  guest.close();
  await eventually('the guest gone', () => presence.at(-1).viewers.length === 1);
  lead.close();
});

test('a refreshed session is handed to the open socket, which stays online', async () => {
  // tokens live an hour: this margin refreshes every 1.5 s
  const sent = [];
  class RecordingSocket extends WebSocket {
    send(message) {
      sent.push(JSON.parse(message));
      super.send(message);
    }
  }
  const client = await signedUp('Live Refresh', { refreshMarginMs: 3600_000 - 1500, realtime: { ...FAST_REALTIME, WebSocket: RecordingSocket } });
  const id = await newEvent(client);
  const frames = collect(client.realtime, 'change');
  const statuses = collect(client.realtime, 'status');
  await client.realtime.subscribe(id);
  await eventually('online', () => client.realtime.status === 'online');
  const first = client.auth.session.access_token;
  const refreshed = await eventually('a refresh', () => client.auth.session.access_token !== first && client.auth.session.access_token);
  await eventually('the new token sent', () => sent.some((m) => m.type === 'auth' && m.access_token === refreshed));
  await client.expenses.create(id, expense('after the refresh'));
  await eventually('the frame', () => expenseNames(frames).includes('after the refresh'));
  assert.deepEqual(statuses, ['reconnecting', 'online']);
  client.close();
});

test('a socket that goes silent is dropped after deadAfterMs and the client resumes without a gap', async () => {
  let silent = false;
  // a half-open connection: nothing arrives any more, and nothing says so
  class SilentSocket extends WebSocket {
    set onmessage(listener) {
      super.onmessage = listener && ((message) => silent || listener(message));
    }

    get onmessage() {
      return super.onmessage;
    }
  }
  const client = await signedUp('Live Silent', { realtime: { ...FAST_REALTIME, WebSocket: SilentSocket, pingIntervalMs: 200, deadAfterMs: 1000, connectTimeoutMs: 1500, reconnectAttempts: 20 } });
  const id = await newEvent(client);
  const frames = collect(client.realtime, 'change');
  const statuses = collect(client.realtime, 'status');
  const subscribed = collect(client.realtime, 'subscribed');
  await client.realtime.subscribe(id);
  await eventually('subscribed', () => subscribed.length === 1);
  silent = true;
  await client.expenses.create(id, expense('unheard'));
  await eventually('the silence noticed', () => statuses.includes('reconnecting') && statuses.length > 2);
  // still silent: the attempts open sockets that never sign in, and each is given up after connectTimeoutMs
  const attempt = client.realtime.attempt;
  await eventually('another attempt', () => client.realtime.attempt > attempt);
  silent = false;
  await eventually('back online', () => client.realtime.status === 'online');
  await client.expenses.create(id, expense('heard'));
  await eventually('both frames', () => expenseNames(frames).length === 2);
  assert.deepEqual(expenseNames(frames), ['unheard', 'heard']);
  client.close();
});

test('without a WebSocket implementation (plain Node 20) it polls from the start', async () => {
  const client = await signedUp('Live No Socket', { realtime: { ...FAST_REALTIME, WebSocket: null } });
  const id = await newEvent(client);
  const frames = collect(client.realtime, 'change');
  await client.realtime.subscribe(id);
  assert.equal(client.realtime.status, 'offline');
  assert.equal(client.realtime.polling, true);
  await eventually('a first cursor', () => client.realtime.cursorOf(id));
  await client.expenses.create(id, expense('polled'));
  await eventually('the polled frame', () => expenseNames(frames).includes('polled'));
  client.close();
});
