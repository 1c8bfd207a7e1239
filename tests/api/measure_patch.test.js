'use strict';
// PATCH /api/v1/measures/{id}: partial update, validated whole; nothing changes on error.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, withQuery, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const patch = (body, id = ids.measureId) => api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body });
const get = async (id = ids.measureId) => {
  const r = await api(srv.url, `/api/v1/measures/${id}`);
  assert.equal(r.status, 200);
  return r.json;
};
const search = async (q) => {
  const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.planId}/measures`, { q }));
  assert.equal(r.status, 200, r.text);
  return r.json.items;
};

test('a title change is visible in GET and found by searching the new title', async () => {
  const id = ids.plan.pillars[1].themes[0].measures[0].id;   // 2-1-1 BPRの推進
  const r = await patch({ title: 'ペーパーレス申請の徹底ふわふわ' }, id);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, 'ペーパーレス申請の徹底ふわふわ');
  assert.equal((await get(id)).title, 'ペーパーレス申請の徹底ふわふわ');
  // long word (trigram path) and short words (1–2 characters) of the new title
  for (const q of ['ペーパーレス申請の徹底ふわふわ', 'ふわふわ', 'ふわ', '徹底']) {
    const items = await search(q);
    assert.ok(items.some((m) => m.id === id), `q=${q} finds the renamed measure: ${items.map((m) => m.title)}`);
  }
  // the old title no longer matches this measure through its title
  const old = await search('BPRの推進');
  assert.ok(!old.some((m) => m.id === id && m.title === 'BPRの推進'), 'the old title is gone from the index');
  // and the plan shows the new title too
  const plan = await api(srv.url, `/api/v1/plans/${ids.planId}`);
  assert.equal(plan.json.pillars[1].themes[0].measures[0].title, 'ペーパーレス申請の徹底ふわふわ');
});

test('current, ideal, status and new_since_fy can be patched; other fields stay', async () => {
  const id = ids.plan.pillars[2].themes[0].measures[0].id;   // 3-1-1
  const before = await get(id);
  const r = await patch({ current: '現状の新しい文\n二行目', ideal: '理想の新しい文', status: 'done', new_since_fy: 2025 }, id);
  assert.equal(r.status, 200, r.text);
  const after = await get(id);
  assert.equal(after.current, '現状の新しい文\n二行目');
  assert.equal(after.ideal, '理想の新しい文');
  assert.equal(after.status, 'done');
  assert.equal(after.new_since_fy, 2025);
  assert.equal(after.title, before.title);
  assert.deepEqual(after.departments, before.departments);
  assert.deepEqual(after.kpis.map((k) => k.id), before.kpis.map((k) => k.id));
  assert.deepEqual(after.schedule, before.schedule);
});

test('an empty title → 422 field "title", and nothing changes', async () => {
  const before = await get();
  const r = await patch({ title: '', current: 'この変更は保存されない' });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'title');
  assert.deepEqual(await get(), before);
});

test('a title that is not a string → 422 field "title"', async () => {
  const before = await get();
  for (const title of [42, ['a'], { a: 1 }, true]) {
    const r = await patch({ title });
    assert.equal(r.status, 422, `${JSON.stringify(title)}: ${r.text}`);
    assert.equal(r.json.error.field, 'title');
  }
  assert.deepEqual(await get(), before);
});

test('a bad status → 422 field "status", and nothing changes (not even the valid fields sent with it)', async () => {
  const before = await get();
  const r = await patch({ title: '変わってはいけない題名', status: 'finished' });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'status');
  assert.deepEqual(await get(), before);
  const items = await search('変わってはいけない題名');
  assert.equal(items.length, 0, 'the rejected title is not in the search index');
});

test('a bad new_since_fy → 422, nothing changes', async () => {
  const before = await get();
  for (const v of ['来年度', 'R100', 1800, 2024.5]) {
    const r = await patch({ new_since_fy: v, current: '保存されない' });
    assert.equal(r.status, 422, `${JSON.stringify(v)}: ${r.text}`);
    assert.equal(r.json.error.field, 'new_since_fy');
  }
  assert.deepEqual(await get(), before);
});

test('malformed JSON → 400, a non-object body → 422, unknown measure → 404', async () => {
  const before = await get();
  let r = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body: '{"title":', headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400, r.text);
  assert.ok(r.json.error);
  r = await patch([1, 2]);
  assert.equal(r.status, 422, r.text);
  r = await patch({ title: '無い施策' }, 999999);
  assert.equal(r.status, 404, r.text);
  r = await patch({ title: '無い施策' }, 'abc');
  assert.equal(r.status, 404, r.text);
  assert.deepEqual(await get(), before);
});
