import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, newEvent, signedUp } from './helpers.js';

test('events: create, get, list, update, archive, restore; errors carry code, details and status', async () => {
  const client = await signedUp('Rest Events');
  const id = await newEvent(client, 'Rest Events Show');
  assert.equal((await client.events.get(id)).event.name, 'Rest Events Show');
  assert.deepEqual((await client.events.list({ q: 'Rest Events' })).events.map((e) => e.id), [id]);
  const updated = await client.events.update(id, { name: 'Rest Events Show 2027' });
  assert.deepEqual(updated.updated_fields, ['name']);
  assert.equal((await client.events.archive(id)).status, 'archived');
  await assert.rejects(client.events.update(id, { name: 'x' }), (e) => e instanceof ApiError && e.status === 409 && e.code === 'event_archived');
  assert.equal((await client.events.restore(id)).status, 'draft');
  await assert.rejects(client.events.create({ name: 'No date', type: 'panel' }), (e) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'validation_failed');
    assert.ok(e.details.some((d) => d.field === 'start_date'), JSON.stringify(e.details));
    return true;
  });
  client.close();
});

test('team, sponsors, designers, tasks, budget, expenses, activity, notifications', async () => {
  const client = await signedUp('Rest Journey');
  const id = await newEvent(client, 'Rest Journey Show');
  assert.equal((await client.team.list(id)).team[0].user_id, client.auth.user.id);

  const sponsor = (await client.directory.sponsors.create({ company_name: `Maison ${crypto.randomUUID()}` })).sponsor;
  await client.sponsors.add(id, { sponsor_id: sponsor.id, amount: '5000.00' });
  assert.equal((await client.sponsors.list(id)).sponsors[0].amount, '5000.00');
  const designer = (await client.directory.designers.create({ name: 'Ines Moda' })).designer;
  await client.designers.add(id, { designer_id: designer.id });
  assert.equal((await client.designers.update(id, designer.id, { invitation_status: 'accepted' })).designer.invitation_status, 'accepted');

  const created = await client.tasks.create(id, { name: 'Book the venue', phase: 'pre_production', deadline: '2027-04-01T12:00:00Z', assignee_id: client.auth.user.id });
  assert.equal((await client.tasks.get(id, created.task_id)).task.name, 'Book the venue');
  assert.equal((await client.tasks.update(id, created.task_id, { status: 'done' })).task.status, 'done');
  assert.ok((await client.tasks.list(id, { status: 'done' })).tasks.some((t) => t.id === created.task_id));
  assert.equal(typeof (await client.tasks.progress(id)).progress.progress, 'number');
  assert.ok((await client.tasks.mine()).tasks.some((t) => t.id === created.task_id));
  assert.equal((await client.tasks.delete(id, created.task_id)).task.status, 'cancelled');

  await client.budget.setCategory(id, 'catering', '3000');
  const expense = await client.expenses.create(id, { category: 'venue', name: 'Deposit', amount: '1000.00' });
  assert.equal((await client.expenses.get(id, expense.expense_id)).expense.amount, '1000.00');
  await client.expenses.update(id, expense.expense_id, { paid_status: 'paid' });
  assert.equal((await client.expenses.list(id)).total, 1);
  await client.budget.reallocate(id, { from: 'catering', to: 'venue', amount: '500' });
  assert.equal((await client.budget.reallocations(id)).total, 1);
  assert.equal((await client.budget.get(id)).total_actual, '1000.00');
  await client.expenses.delete(id, expense.expense_id);

  assert.ok(Array.isArray((await client.activity.list(id, { limit: 5 })).activity));
  assert.equal(typeof (await client.notifications.list({ unread: true })).unread_count, 'number');
  assert.equal(typeof (await client.notifications.markAllRead()).marked, 'number');
  client.close();
});

test('files: upload with progress 0 and 100 %, list, get, contract, delete', async () => {
  const client = await signedUp('Rest Files');
  const id = await newEvent(client, 'Rest Files Show');
  const progress = [];
  const uploaded = await client.files.upload(id, { data: Buffer.from('Sponsor agreement between Maison Or and FashionOS.\n'), fileName: 'agreement.txt' },
    { bucket: 'event-documents', onProgress: (p) => progress.push(p.percent) });
  assert.deepEqual(progress, [0, 100]);
  assert.equal(uploaded.file.content_type.split(';')[0], 'text/plain');
  assert.deepEqual((await client.files.list(id)).files.map((f) => f.id), [uploaded.file.id]);
  assert.ok((await client.files.get(id, uploaded.file.id, { expires_in: 60 })).file.download_url);
  const contract = await client.contracts.create(id, { contract_type: 'sponsor', party_name: 'Maison Or', file_id: uploaded.file.id });
  assert.equal((await client.contracts.get(id, contract.contract_id)).contract.party_name, 'Maison Or');
  assert.equal((await client.contracts.list(id)).total, 1);
  await client.contracts.delete(id, contract.contract_id);
  await client.files.delete(id, uploaded.file.id);
  assert.equal((await client.files.list(id)).total, 0);
  client.close();
});
