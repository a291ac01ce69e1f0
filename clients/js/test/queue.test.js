import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, BASE_URL, collect, createClient, fileStorage, newEvent, signedUp } from './helpers.js';

const expense = (name) => ({ category: 'venue', name, amount: '10.00' });
const namesOf = async (client, id) => (await client.expenses.list(id)).expenses.map((e) => e.name).sort();

test('replays in the order queued, one at a time, then says all saved', async () => {
  const client = await signedUp('Queue Order', { queue: { autoStart: false } });
  const id = await newEvent(client);
  const names = ['first', 'second', 'third', 'fourth', 'fifth'];
  for (const name of names) await client.queued.expenses.create(id, expense(name));
  const entries = await client.queue.pending();
  assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4, 5]);
  assert.equal(new Set(entries.map((e) => e.idempotency_key)).size, 5);
  assert.ok(entries.every((e) => !Number.isNaN(Date.parse(e.client_timestamp))));
  const applied = collect(client.queue, 'applied');
  const saved = collect(client.queue, 'saved');
  client.queue.resume();
  await client.queue.whenSaved();
  assert.deepEqual(applied.map((a) => a.entry.request.body.name), names);
  assert.equal(saved.length, 1);
  // newest first on the server: the reverse of the order queued
  assert.deepEqual((await client.expenses.list(id)).expenses.map((e) => e.name), [...names].reverse());
  client.close();
});

test('a network failure is retried with backoff, order kept', async () => {
  let failures = 0;
  const flaky = (url, init) => (init?.method === 'POST' && failures-- > 0 ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init));
  const client = await signedUp('Queue Flaky', { fetch: flaky, queue: { autoStart: false, retryBaseMs: 50 } });
  const id = await newEvent(client);
  await client.queued.expenses.create(id, expense('one'));
  await client.queued.expenses.create(id, expense('two'));
  const retrying = collect(client.queue, 'retrying');
  const applied = collect(client.queue, 'applied');
  failures = 2;
  client.queue.resume();
  await client.queue.whenSaved();
  assert.equal(retrying.length, 2);
  assert.ok(retrying.every((r) => r.entry.seq === 1 && r.error.name === 'NetworkError'));
  assert.deepEqual(applied.map((a) => a.entry.request.body.name), ['one', 'two']);
  assert.deepEqual(await namesOf(client, id), ['one', 'two']);
  client.close();
});

test('a reload mid-replay resumes the queue without applying a mutation twice', async () => {
  const storage = fileStorage();
  let sent = 0;
  let first;
  // the page goes away just after the server applied the third mutation, before its answer is read
  const closingTab = async (url, init) => {
    const answer = await fetch(url, init);
    if (init?.method === 'POST' && String(url).includes('/expenses') && ++sent === 3) {
      first.close();
      throw new TypeError('the page was closed');
    }
    return answer;
  };
  first = await createClient({ baseUrl: BASE_URL, storage, fetch: closingTab, queue: { autoStart: false } });
  await first.auth.signUp({ email: `reload.${crypto.randomUUID().slice(0, 8)}@example.com`, password: 'runway-2027' });
  const id = await newEvent(first);
  const names = ['a', 'b', 'c', 'd', 'e'];
  for (const name of names) await first.queued.expenses.create(id, expense(name));
  const appliedBefore = collect(first.queue, 'applied');
  first.queue.resume();
  await new Promise((resolve) => {
    const wait = setInterval(() => first.queue.closed && !first.queue.draining && (clearInterval(wait), resolve()), 20);
  });
  assert.deepEqual(appliedBefore.map((a) => a.entry.seq), [1, 2]);
  assert.deepEqual((await storage.get('queue')).entries.map((e) => e.seq), [3, 4, 5]);

  const reloaded = await createClient({ baseUrl: BASE_URL, storage });
  const applied = collect(reloaded.queue, 'applied');
  await reloaded.queue.whenSaved();
  assert.deepEqual(applied.map((a) => a.entry.seq), [3, 4, 5]);
  assert.deepEqual(await namesOf(reloaded, id), names);
  reloaded.close();
});

test('the same mutation replayed twice (same idempotency key) is applied once', async () => {
  const client = await signedUp('Queue Duplicate', { queue: { autoStart: false } });
  const id = await newEvent(client);
  const key = crypto.randomUUID();
  const at = new Date().toISOString();
  await client.queued.expenses.create(id, expense('only once'), { idempotencyKey: key, clientTimestamp: at });
  await client.queued.expenses.create(id, expense('only once'), { idempotencyKey: key, clientTimestamp: at });
  const applied = collect(client.queue, 'applied');
  client.queue.resume();
  await client.queue.whenSaved();
  assert.equal(applied.length, 2);
  assert.equal(applied[0].result.expense_id, applied[1].result.expense_id);
  assert.deepEqual(await namesOf(client, id), ['only once']);
  client.close();
});

test('a 4xx is refused with the server error and dropped; the rest goes on', async () => {
  const client = await signedUp('Queue Refused', { queue: { autoStart: false } });
  const id = await newEvent(client);
  await client.queued.expenses.create(id, expense('before'));
  await client.queued.expenses.create(id, { category: 'venue', name: 'negative', amount: '-5' });
  await client.queued.expenses.create(id, expense('after'));
  const refused = collect(client.queue, 'refused');
  client.queue.resume();
  await client.queue.whenSaved();
  assert.equal(refused.length, 1);
  assert.equal(refused[0].entry.seq, 2);
  assert.ok(refused[0].error instanceof ApiError);
  assert.equal(refused[0].error.status, 422); // budget-service answers its validation with 422
  assert.equal(refused[0].error.code, 'validation_failed');
  assert.equal(refused[0].error.details[0].field, 'amount');
  assert.deepEqual(await client.queue.pending(), []);
  assert.deepEqual(await namesOf(client, id), ['after', 'before']);
  client.close();
});

test('a change made offline that someone overwrote later is reported as superseded', async () => {
  const client = await signedUp('Queue Superseded', { queue: { autoStart: false } });
  const id = await newEvent(client);
  await client.queued.events.update(id, { name: 'Renamed offline', target_attendees: 150 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await client.events.update(id, { name: 'Renamed online later' });
  const superseded = collect(client.queue, 'superseded');
  const applied = collect(client.queue, 'applied');
  client.queue.resume();
  await client.queue.whenSaved();
  assert.deepEqual(applied[0].superseded_fields, ['name']);
  assert.deepEqual(superseded.map((s) => s.fields), [['name']]);
  const event = (await client.events.get(id)).event;
  assert.equal(event.name, 'Renamed online later');
  assert.equal(event.target_attendees, 150);
  client.close();
});

test('a token that expired while offline is refreshed, then the queue replays', async () => {
  const storage = fileStorage();
  const client = await signedUp('Queue Expired', { storage, queue: { autoStart: false } });
  const id = await newEvent(client);
  await client.queued.expenses.create(id, expense('after the flight'));
  const spent = client.auth.session;
  client.close();
  // back online hours later: the kept access token is refused by the server
  await storage.set('session', { ...spent, access_token: spent.access_token.slice(0, -4) + 'AAAA' });
  const reloaded = await createClient({ baseUrl: BASE_URL, storage });
  await reloaded.queue.whenSaved();
  assert.notEqual(reloaded.auth.session.refresh_token, spent.refresh_token);
  assert.deepEqual(await namesOf(reloaded, id), ['after the flight']);
  reloaded.close();
});

test('a refresh the server refuses keeps the queue for the next sign-in', async () => {
  const client = await signedUp('Queue Signed Out', { queue: { autoStart: false } });
  const id = await newEvent(client);
  const { email } = client;
  await client.queued.expenses.create(id, expense('kept'));
  // the refresh token spent elsewhere: the session is over
  const session = client.auth.session;
  await fetch(`${BASE_URL}/auth/v1/token?grant_type=refresh_token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: session.refresh_token }),
  });
  client.auth.session = { ...session, access_token: session.access_token.slice(0, -4) + 'AAAA' };
  const waiting = new Promise((resolve) => client.queue.on('auth_required', resolve));
  client.queue.resume();
  assert.equal((await waiting).error.status, 401);
  assert.equal((await client.queue.pending()).length, 1);
  await client.auth.signIn({ email, password: 'runway-2027' });
  await client.queue.whenSaved();
  assert.deepEqual(await namesOf(client, id), ['kept']);
  client.close();
});

test('an upload can be queued (a Buffer), replays as multipart, and twice under one key is one file', async () => {
  const client = await signedUp('Queue Upload', { queue: { autoStart: false } });
  const id = await newEvent(client);
  const file = { data: Buffer.from('Run of show, draft 3\n'), fileName: 'run-of-show.txt' };
  const key = crypto.randomUUID();
  await client.queued.files.upload(id, file, { bucket: 'event-documents', idempotencyKey: key });
  await client.queued.files.upload(id, file, { bucket: 'event-documents', idempotencyKey: key });
  const applied = collect(client.queue, 'applied');
  client.queue.resume();
  await client.queue.whenSaved();
  assert.equal(applied[0].result.file.file_name, 'run-of-show.txt');
  assert.equal(applied[1].result.file.id, applied[0].result.file.id);
  assert.equal((await client.files.list(id)).total, 1);
  client.close();
});
