'use strict';
// The audit log, readable: GET /api/v1/audit (filters, paging, before/after as JSON, 400s) and
// GET /api/v1/measures/{id}/history (the measure, its KPIs, their measurements; 404s), read
// back after writes made through the API; and nothing in the log can be changed through kawaru.
// Since issue 4 the actor is the signed-in user's login (demo-admin here), not "api", and the
// log is for admins only (anonymous → 401, other roles → 403).
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

const audit = async (params) => {
  const r = await api(srv.url, withQuery('/api/v1/audit', params || {}));
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.items), r.text);
  assert.ok(Number.isInteger(r.json.total), r.text);
  return r.json;
};
const history = async (id, params) => {
  const r = await api(srv.url, withQuery(`/api/v1/measures/${id}/history`, params || {}));
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const patchMeasure = async (id, body) => {
  const r = await api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body });
  assert.equal(r.status, 200, r.text);
};
const postMeasurement = async (kpiId, body) => {
  const r = await api(srv.url, `/api/v1/kpis/${kpiId}/measurements`, { method: 'POST', body });
  assert.equal(r.status, 201, r.text);
  return r.json.items[0].id;
};
const dayOf = (at) => at.slice(0, 10);
const shiftDay = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

function assertError(r, field) {
  assert.equal(r.status, 400, `status ${r.status}: ${r.text}`);
  assert.equal(typeof r.json?.error?.code, 'string', r.text);
  assert.equal(typeof r.json.error.message, 'string', r.text);
  assert.equal(r.json.error.field, field, r.text);
}

function assertEntryShape(e) {
  for (const k of ['id', 'at', 'actor', 'via', 'entity', 'entity_id', 'action', 'before', 'after'])
    assert.ok(k in e, `${k} in ${JSON.stringify(e)}`);
  assert.ok(Number.isInteger(e.id));
  assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  for (const k of ['before', 'after'])
    assert.ok(e[k] === null || (typeof e[k] === 'object' && !Array.isArray(e[k])), `${k} is an object or null`);
}

test('a PATCH through the API is in the log with who, what, before and after', async () => {
  const id = ids.plan.pillars[0].themes[0].measures[0].id;          // 1-1-1
  const old = (await api(srv.url, `/api/v1/measures/${id}`)).json;
  await patchMeasure(id, { title: '監査ログの試験', status: 'done' });
  const log = await audit({ entity: 'measure', id });
  assert.equal(log.total, 1);
  const e = log.items[0];
  assertEntryShape(e);
  assert.equal(e.entity, 'measure');
  assert.equal(e.entity_id, id);
  assert.equal(e.action, 'update');
  assert.equal(e.actor, srv.users.admin.login);                       // the signed-in user
  assert.equal(e.via, 'api');
  assert.equal(e.before.title, old.title);
  assert.equal(e.before.status, old.status);
  assert.equal(e.after.title, '監査ログの試験');
  assert.equal(e.after.status, 'done');
  assert.deepEqual(e.after.departments, old.departments);             // lists are JSON arrays, not text
  // the newest entry of the whole log is this one
  const all = await audit();
  assert.equal(all.items[0].id, e.id);
  assert.ok(all.total >= 3, `total ${all.total}`);                     // two demo imports and this
  for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1].id > all.items[i].id, 'newest first');
});

test('filter by entity, by user and by date', async () => {
  const mid = await postMeasurement(ids.kpiId, { period: '2025-03-31', value: 42.5, note: '監査' });
  const measurements = await audit({ entity: 'kpi_measurement' });
  assert.ok(measurements.total >= 1);
  assert.equal(measurements.items.length, measurements.total);
  for (const e of measurements.items) assert.equal(e.entity, 'kpi_measurement');
  const e = measurements.items.find((x) => x.entity_id === mid);
  assert.ok(e, `measurement ${mid} in ${JSON.stringify(measurements.items)}`);
  assert.equal(e.action, 'create');
  assert.equal(e.before, null);
  assert.equal(e.after.value, 42.5);
  assert.equal(e.after.kpi_id, ids.kpiId);
  assert.equal(e.after.note, '監査');
  // other entities' filters leave it out
  assert.ok(!(await audit({ entity: 'measure' })).items.some((x) => x.entity === 'kpi_measurement'));
  assert.equal((await audit({ entity: 'kpi_measurement', id: mid })).total, 1);
  // user
  assert.equal(e.actor, srv.users.admin.login);
  assert.ok((await audit({ user: srv.users.admin.login })).items.some((x) => x.id === e.id));
  assert.ok(!(await audit({ user: srv.users.office.login })).items.some((x) => x.id === e.id));
  const nobody = await audit({ user: 'nobody-at-all' });
  assert.equal(nobody.total, 0);
  assert.deepEqual(nobody.items, []);
  // dates (UTC dates of "at"), both ends included
  const day = dayOf(e.at);
  const has = async (params) => (await audit({ entity: 'kpi_measurement', ...params })).items.some((x) => x.id === e.id);
  assert.ok(await has({ from: day, to: day }));
  assert.ok(await has({ from: shiftDay(day, -1) }));
  assert.ok(await has({ to: day }));
  assert.ok(!(await has({ from: shiftDay(day, 1) })));
  assert.ok(!(await has({ to: shiftDay(day, -1) })));
  assert.ok(!(await has({ from: '2000-01-01', to: '2000-12-31' })));
});

test('paging: limit and offset, with the total of all matches', async () => {
  for (const v of [1, 2, 3]) await postMeasurement(ids.kpiId, { period: '2025-06-30', value: v });
  const all = await audit({ entity: 'kpi_measurement' });
  assert.ok(all.total >= 3);
  const first = await audit({ entity: 'kpi_measurement', limit: 2 });
  assert.equal(first.items.length, 2);
  assert.equal(first.total, all.total);
  const second = await audit({ entity: 'kpi_measurement', limit: 2, offset: 2 });
  assert.equal(second.total, all.total);
  assert.deepEqual([...first.items, ...second.items].map((x) => x.id), all.items.slice(0, 4).map((x) => x.id));
  const beyond = await audit({ entity: 'kpi_measurement', offset: 100000 });
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, all.total);
  assert.equal((await audit({ limit: 200 })).items.length <= 200, true);
});

test('bad parameters → 400 naming the parameter', async () => {
  const bad = [
    [{ from: '2025-13-01' }, 'from'], [{ from: 'yesterday' }, 'from'], [{ to: '2025-02-30' }, 'to'],
    [{ to: '20250401' }, 'to'], [{ limit: '0' }, 'limit'], [{ limit: 'ten' }, 'limit'], [{ limit: '201' }, 'limit'],
    [{ limit: '-1' }, 'limit'], [{ offset: '-1' }, 'offset'], [{ offset: '1.5' }, 'offset'], [{ id: 'abc' }, 'id'],
    [{ id: '0' }, 'id'], [{ entity: 'Measure!' }, 'entity'], [{ entity: 'measure; DROP TABLE audit' }, 'entity'],
    [{ user: 'x'.repeat(201) }, 'user'],
  ];
  for (const [params, field] of bad)
    assertError(await api(srv.url, withQuery('/api/v1/audit', params)), field);
  // the log is still there and whole
  assert.ok((await audit()).total >= 3);
});

test("a measure's history holds its PATCH and its KPI's new measurement, and nobody else's", async () => {
  const id = ids.measureId;                                            // 書かない窓口
  const other = ids.plan.pillars[0].themes[0].measures[1].id;          // 1-1-2
  const before = await history(id);
  await patchMeasure(id, { ideal: '履歴の試験の理想' });
  const mid = await postMeasurement(ids.kpiId, { period: '2025-09-30', value: 7 });
  await patchMeasure(other, { ideal: '別の施策の変更' });
  const h = await history(id);
  assert.ok(h.total >= before.total + 2, `${before.total} -> ${h.total}`);
  h.items.forEach(assertEntryShape);
  const [newest, previous] = h.items;
  assert.equal(newest.entity, 'kpi_measurement');
  assert.equal(newest.entity_id, mid);
  assert.equal(newest.after.value, 7);
  assert.equal(previous.entity, 'measure');
  assert.equal(previous.entity_id, id);
  assert.equal(previous.after.ideal, '履歴の試験の理想');
  assert.notEqual(previous.before.ideal, '履歴の試験の理想');
  for (const e of h.items) {
    assert.ok(['measure', 'kpi', 'kpi_measurement', 'measure_review'].includes(e.entity), e.entity);
    if (e.entity === 'measure') assert.equal(e.entity_id, id);
  }
  assert.ok(!h.items.some((e) => e.after?.ideal === '別の施策の変更'));
  // the other measure's history has its change and not ours
  const o = await history(other);
  assert.ok(o.items.some((e) => e.after?.ideal === '別の施策の変更'));
  assert.ok(!o.items.some((e) => e.entity_id === mid && e.entity === 'kpi_measurement'));
  // paging
  const one = await history(id, { limit: 1, offset: 1 });
  assert.equal(one.items.length, 1);
  assert.equal(one.items[0].id, previous.id);
  assert.equal(one.total, h.total);
});

test('history of a KPI created, measured and deleted stays with its measure', async () => {
  const id = ids.measureId;
  const k = await api(srv.url, `/api/v1/measures/${id}/kpis`, { method: 'POST', body: {
    name: '監査用KPI', unit: '件', direction: 'increase', target: { state: 'undecided' } } });
  assert.equal(k.status, 201, k.text);
  const x = await postMeasurement(k.json.id, { period: '2025-03-31', value: 3 });
  // a KPI with measurements is not deleted: that would lose them (409); its measurement goes first
  const refused = await api(srv.url, `/api/v1/kpis/${k.json.id}`, { method: 'DELETE' });
  assert.equal(refused.status, 409, refused.text);
  assert.match(refused.json.error.message, /1 measurement/);
  assert.equal((await api(srv.url, `/api/v1/measurements/${x}`, { method: 'DELETE' })).status, 204);
  const del = await api(srv.url, `/api/v1/kpis/${k.json.id}`, { method: 'DELETE' });
  assert.equal(del.status, 204, del.text);
  const h = await history(id, { limit: 4 });
  assert.deepEqual(h.items.map((e) => `${e.entity}:${e.action}`),
    ['kpi:delete', 'kpi_measurement:delete', 'kpi_measurement:create', 'kpi:create']);
  assert.equal(h.items[0].before.name, '監査用KPI');
  assert.equal(h.items[0].after, null);
});

test('history: 404 for an unknown measure, 400 for a bad limit', async () => {
  for (const p of ['/api/v1/measures/999999/history', '/api/v1/measures/abc/history', '/api/v1/measures/0/history']) {
    const r = await api(srv.url, p);
    assert.equal(r.status, 404, `${p}: ${r.text}`);
    assert.equal(r.json?.error?.code, 'not_found', r.text);
  }
  assertError(await api(srv.url, `/api/v1/measures/${ids.measureId}/history?limit=abc`), 'limit');
});

test('nobody can change or delete the log through kawaru', async () => {
  const before = await audit();
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    const r = await api(srv.url, '/api/v1/audit', { method, body: {} });
    assert.equal(r.status, 405, `${method}: ${r.status} ${r.text}`);
    const h = await api(srv.url, `/api/v1/measures/${ids.measureId}/history`, { method, body: {} });
    assert.equal(h.status, 405, `${method} history: ${h.status}`);
  }
  const after = await audit();
  assert.equal(after.total, before.total);
  assert.equal(after.items[0].id, before.items[0].id);
});

test('the log is for admins: anonymous → 401, office and viewer → 403; a history needs a member', async () => {
  const anon = await api(srv.url, '/api/v1/audit', { as: null });
  assert.equal(anon.status, 401, anon.text);
  assert.equal(anon.json?.error?.code, 'unauthorized', anon.text);
  for (const role of ['office', 'viewer', 'reporter']) {
    const r = await api(srv.url, '/api/v1/audit', { as: role });
    assert.equal(r.status, 403, `${role}: ${r.text}`);
    assert.equal(r.json?.error?.code, 'forbidden', r.text);
    const page = await api(srv.url, '/audit', { as: role });
    assert.equal(page.status, 403, `${role} /audit: ${page.status}`);
  }
  const page = await api(srv.url, '/audit', { as: null });
  assert.equal(page.status, 401, `anonymous /audit: ${page.status}`);
  assert.equal((await api(srv.url, '/audit')).status, 200);
  // a measure's history: any member of its organisation, nobody anonymous
  const h = await api(srv.url, `/api/v1/measures/${ids.measureId}/history`, { as: null });
  assert.equal(h.status, 401, h.text);
  assert.equal((await api(srv.url, `/api/v1/measures/${ids.measureId}/history`, { as: 'viewer' })).status, 200);
});
