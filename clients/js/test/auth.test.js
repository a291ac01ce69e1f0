import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, BASE_URL, createClient, eventually, fileStorage, MemoryStorage, signedUp } from './helpers.js';

test('signs up, signs in, and a new client on the same storage is still signed in', async () => {
  const storage = fileStorage();
  const first = await createClient({ baseUrl: BASE_URL, storage });
  const email = `ana.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const signedUpSession = await first.auth.signUp({ email, password: 'runway-2027', fullName: 'Ana Costa' });
  assert.equal(signedUpSession.user.email, email);
  const session = await first.auth.signIn({ email, password: 'runway-2027' });
  first.close();

  const reloaded = await createClient({ baseUrl: BASE_URL, storage });
  assert.equal(reloaded.auth.session.access_token, session.access_token);
  assert.equal(reloaded.auth.user.email, email);
  assert.deepEqual((await reloaded.events.list()).events, []);
  reloaded.close();
});

test('a wrong password is an ApiError with the server code and status', async () => {
  const client = await createClient({ baseUrl: BASE_URL, storage: new MemoryStorage() });
  await assert.rejects(client.auth.signIn({ email: 'nobody@example.com', password: 'wrong-password' }), (e) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'invalid_credentials');
    return true;
  });
  client.close();
});

test('refreshes the session before it expires, on its own', async () => {
  // the identity's tokens live an hour: a margin of an hour less 1.5 s refreshes 1.5 s after sign-in
  const client = await signedUp('Refresh Ahead', { refreshMarginMs: 3600_000 - 1500 });
  const first = client.auth.session;
  const refreshed = await eventually('a refresh', () => client.auth.session.refresh_token !== first.refresh_token && client.auth.session, 10_000);
  assert.notEqual(refreshed.access_token, first.access_token);
  assert.ok((await client.events.list()).events);
  client.close();
});

test('a 401 on an expired or revoked token refreshes once and sends the request again', async () => {
  const storage = new MemoryStorage();
  const client = await signedUp('Token Expired', { storage });
  const session = client.auth.session;
  // what an access token that ran out while the laptop slept looks like to the server: refused
  client.auth.session = { ...session, access_token: session.access_token.slice(0, -4) + 'AAAA' };
  assert.ok((await client.events.list()).events);
  assert.notEqual(client.auth.session.refresh_token, session.refresh_token);
  assert.deepEqual((await storage.get('session')).access_token, client.auth.session.access_token);
  client.close();
});

test('signs out: the session is forgotten and its refresh token no longer works', async () => {
  const storage = new MemoryStorage();
  const client = await signedUp('Signing Out', { storage });
  const refreshToken = client.auth.session.refresh_token;
  const signals = [];
  client.auth.on('signed_out', (e) => signals.push(e.reason));
  await client.auth.signOut();
  assert.equal(client.auth.session, null);
  assert.equal(await storage.get('session'), undefined);
  assert.deepEqual(signals, ['signed_out']);
  await assert.rejects(client.events.list(), (e) => e instanceof ApiError && e.status === 401);
  const answer = await fetch(`${BASE_URL}/auth/v1/token?grant_type=refresh_token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }),
  });
  assert.equal(answer.status, 400);
  client.close();
});
