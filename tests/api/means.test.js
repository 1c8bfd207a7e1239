'use strict';
// The catalogue of means (手段, issue 14 point 2): each demo organisation starts from the standard
// catalogue (SPEC §2: オンライン申請, 書かない窓口, 電子決裁 … with the channels and step flags each
// fits and a default expected reduction); the office adds, changes, reorders and deletes means
// through the API, each write audited; names are unique in an organisation, reductions are
// percentages, channels and flags are the names kawaru knows; a means applied to a step cannot be
// deleted; a reporter may read the catalogue and not change it, the public may not read it.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api } = require('../lib/server');

let srv;
before(async () => { srv = await startServer(); });
after(() => srv && srv.stop());

const sql = (q) => srv.sql(q);
const list = async (code = '322075') => (await api(srv.url, `/api/v1/orgs/${code}/means`)).json;

test('each demo organisation starts from the standard catalogue', async () => {
  for (const code of ['322075', '122319']) {
    const l = await list(code);
    assert.equal(l.total, 14, code);
    const online = l.items.find((m) => m.name === 'オンライン申請');
    assert.deepEqual([online.reduction, online.channels, online.flags], [50, ['counter', 'mail'], ['paper', 'in_person']]);
    const approval = l.items.find((m) => m.name === '電子決裁');
    assert.deepEqual([approval.channels, approval.flags], [[], ['seal', 'approval']]);
  }
  assert.equal(sql("SELECT count(*) FROM audit WHERE entity = 'means' AND action = 'create'"), '28', 'each seeded means is audited');
});

test('add, change, reorder and delete a means; each write audited', async () => {
  let r = await api(srv.url, '/api/v1/orgs/322075/means', { method: 'POST',
    body: { name: 'AIチャットボット', reduction: 25, channels: ['phone'], note: '問い合わせ対応', position: 0 } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual(r.json, { id, name: 'AIチャットボット', note: '問い合わせ対応', reduction: 25, channels: ['phone'], flags: [] });
  assert.equal((await list()).items[0].id, id, 'placed first');
  r = await api(srv.url, `/api/v1/means/${id}`, { method: 'PATCH', body: { reduction: 35, flags: ['transcription'], note: null, position: 3 } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.reduction, r.json.flags, r.json.note, r.json.channels], [35, ['transcription'], undefined, ['phone']]);
  assert.equal((await list()).items[3].id, id, 'moved to the fourth place');
  // the snapshots as stored: one form whichever engine wrote them (25, never 25.0 or "reduction" : 25)
  const audit = srv.sqlRows(`SELECT action, before_json, after_json FROM audit WHERE entity = 'means' AND entity_id = ${id} ORDER BY id`)
    .map((e) => `${e.action}:${e.before_json ? /"reduction":(\d+)[,}]/.exec(e.before_json)[1] : ''}→${/"reduction":(\d+)[,}]/.exec(e.after_json)[1]}`);
  assert.deepEqual(audit, ['create:→25', 'update:25→35']);
  r = await api(srv.url, `/api/v1/means/${id}`, { method: 'DELETE' });
  assert.equal(r.status, 204, r.text);
  assert.equal((await list()).total, 14);
  assert.equal(sql(`SELECT count(*) FROM audit WHERE entity = 'means' AND entity_id = ${id} AND action = 'delete'`), '1');
});

test('bad input is refused naming the field, and changes nothing', async () => {
  const before = JSON.stringify(await list());
  const id = (await list()).items[0].id;
  const cases = [
    ['POST', '/api/v1/orgs/322075/means', { name: 'オンライン申請', reduction: 10 }, 409, 'name'],
    ['POST', '/api/v1/orgs/322075/means', { name: '新しい手段' }, 422, 'reduction'],
    ['POST', '/api/v1/orgs/322075/means', { name: '新しい手段', reduction: 101 }, 422, 'reduction'],
    ['POST', '/api/v1/orgs/322075/means', { name: '新しい手段', reduction: -1 }, 422, 'reduction'],
    ['POST', '/api/v1/orgs/322075/means', { name: '新しい手段', reduction: 5, channels: ['fax'] }, 422, 'channels[0]'],
    ['POST', '/api/v1/orgs/322075/means', { name: '新しい手段', reduction: 5, flags: ['stamp'] }, 422, 'flags[0]'],
    ['POST', '/api/v1/orgs/322075/means', { name: 'a\nb', reduction: 5 }, 422, 'name'],
    ['POST', '/api/v1/orgs/322075/means', { name: '新しい手段', reduction: 5, color: 'red' }, 400, 'color'],
    ['PATCH', `/api/v1/means/${id}`, { name: '書かない窓口' }, 409, 'name'],
    ['PATCH', `/api/v1/means/${id}`, { reduction: 'half' }, 422, 'reduction'],
  ];
  for (const [method, path, body, status, field] of cases) {
    const r = await api(srv.url, path, { method, body });
    assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
  }
  assert.equal(JSON.stringify(await list()), before);
});

test('a means applied to a step cannot be deleted', async () => {
  const means = (await list()).items.find((m) => m.name === 'RPA');
  const dept = sql("SELECT d.id FROM department d JOIN org o ON o.id = d.org_id WHERE o.code = '322075' LIMIT 1");
  sql(`INSERT INTO business (department_id, survey_fy, position, code, name, volume) VALUES (${dept}, 2024, 0, 'T1', '試験業務', 100);
       INSERT INTO business_step (business_id, number, name, minutes, staff, channel, transcription)
         VALUES ((SELECT max(id) FROM business), 1, '入力', 6, 'regular', 'internal', 1);
       INSERT INTO means_application (step_id, means_id, reduction) VALUES ((SELECT max(id) FROM business_step), ${means.id}, 60);`);
  const r = await api(srv.url, `/api/v1/means/${means.id}`, { method: 'DELETE' });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /applied to 1 step/);
  assert.ok((await list()).items.some((m) => m.id === means.id));
});

test('members read the catalogue, the office changes it, the public does not see it', async () => {
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/means', { as: null })).status, 401);
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/means', { as: 'reporter' })).status, 200);
  const id = (await list()).items[0].id;
  assert.equal((await api(srv.url, `/api/v1/means/${id}`, { method: 'PATCH', body: { reduction: 1 }, as: 'reporter' })).status, 403);
  assert.equal((await api(srv.url, '/api/v1/orgs/122319/means', { method: 'POST', body: { name: 'x', reduction: 1 }, as: 'viewer' })).status, 403);
});
