'use strict';
// Organisations and plans: lists, details, and the JSON errors for unknown ids and methods.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

function assertJsonError(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}, body ${r.text}`);
  assert.match(r.headers.get('content-type') || '', /^application\/json/, `${what}: content type`);
  assert.ok(r.json && r.json.error, `${what}: {"error":...} expected, got ${r.text}`);
  assert.equal(typeof r.json.error.code, 'string', `${what}: error.code`);
  assert.ok(r.json.error.code.length > 0, `${what}: error.code is empty`);
  assert.equal(typeof r.json.error.message, 'string', `${what}: error.message`);
  assert.ok(r.json.error.message.length > 0, `${what}: error.message is empty`);
}

test('GET /api/v1/orgs lists both demo organisations as {items, total}', async () => {
  const r = await api(srv.url, '/api/v1/orgs');
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.json.items));
  assert.equal(r.json.total, 2);
  assert.equal(r.json.items.length, 2);
  const byCode = Object.fromEntries(r.json.items.map((o) => [o.code, o]));
  assert.equal(byCode['322075']?.name, '江津市');
  assert.equal(byCode['122319']?.name, '印西市');
  assert.equal(byCode['322075'].prefecture, '島根県');
  assert.equal(byCode['122319'].prefecture, '千葉県');
  for (const o of r.json.items) assert.equal(typeof o.code, 'string', 'codes are strings (leading zeros)');
});

test('GET /api/v1/orgs on a database without --demo is an empty list', async () => {
  const empty = await startServer({ demo: false });
  try {
    const r = await api(empty.url, '/api/v1/orgs');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { items: [], total: 0, limit: 100, offset: 0 });
  } finally {
    await empty.stop();
  }
});

test('GET /api/v1/orgs/322075 has departments and plans', async () => {
  const r = await api(srv.url, '/api/v1/orgs/322075');
  assert.equal(r.status, 200);
  assert.equal(r.json.code, '322075');
  assert.equal(r.json.name, '江津市');
  assert.ok(Array.isArray(r.json.departments) && r.json.departments.length >= 5, 'departments');
  const names = r.json.departments.map((d) => d.name);
  for (const n of ['窓口担当課', '政策企画課', '総務課']) assert.ok(names.includes(n), `department ${n} in ${names}`);
  for (const d of r.json.departments) {
    assert.ok(Number.isInteger(d.id), 'department id');
    assert.equal(typeof d.code, 'string');
  }
  assert.ok(Array.isArray(r.json.plans) && r.json.plans.length === 1, 'one plan');
  const p = r.json.plans[0];
  assert.ok(Number.isInteger(p.id));
  assert.equal(p.title, 'スマートシティ江津推進構想アクションプラン');
  assert.equal(p.measures, 30);
});

test('GET /api/v1/orgs/{code}/plans lists the plans of each organisation', async () => {
  const g = await api(srv.url, '/api/v1/orgs/322075/plans');
  assert.equal(g.status, 200);
  assert.equal(g.json.total, 1);
  assert.equal(g.json.items.length, 1);
  assert.equal(g.json.items[0].title, 'スマートシティ江津推進構想アクションプラン');
  assert.equal(g.json.items[0].id, ids.planId);
  assert.equal(g.json.items[0].kind, 'action_plan');
  assert.deepEqual(g.json.items[0].period, { from_fy: 2022, to_fy: 2026 });

  const i = await api(srv.url, '/api/v1/orgs/122319/plans');
  assert.equal(i.status, 200);
  assert.equal(i.json.total, i.json.items.length);
  assert.ok(i.json.items.some((p) => p.title.startsWith('印西市行政改革実行戦略')), JSON.stringify(i.json));
  assert.equal(i.json.items[0].kind, 'strategy');
  assert.notEqual(i.json.items[0].id, ids.planId);
});

test('unknown organisation, plan, measure and KPI are 404 JSON errors', async () => {
  for (const p of ['/api/v1/orgs/999999', '/api/v1/orgs/322076', '/api/v1/orgs/999999/plans',
    '/api/v1/orgs/999999/document', '/api/v1/plans/999999', '/api/v1/plans/999999/measures',
    '/api/v1/measures/999999', '/api/v1/kpis/999999']) {
    assertJsonError(await api(srv.url, p), 404, p);
  }
});

test('non-numeric and malformed ids are 404 JSON errors, not 400/500', async () => {
  for (const p of ['/api/v1/measures/abc', '/api/v1/plans/abc', '/api/v1/kpis/abc', '/api/v1/measures/-1',
    '/api/v1/measures/0', '/api/v1/measures/1.5', '/api/v1/measures/99999999999999999999999',
    '/api/v1/plans/0x10', '/api/v1/orgs/abc']) {
    assertJsonError(await api(srv.url, p), 404, p);
  }
});

test('an unknown path under /api/ is a 404 JSON error', async () => {
  assertJsonError(await api(srv.url, '/api/v1/nothing-here'), 404, '/api/v1/nothing-here');
  assertJsonError(await api(srv.url, '/api/v1/orgs/322075/nothing'), 404, '/api/v1/orgs/322075/nothing');
});

test('an unsupported method on a known path is 405 with a JSON error', async () => {
  const cases = [
    ['DELETE', '/api/v1/orgs'],
    ['POST', '/api/v1/orgs/322075'],
    ['PUT', `/api/v1/plans/${ids.planId}`],
    ['POST', `/api/v1/measures/${ids.measureId}`],
    ['PUT', `/api/v1/kpis/${ids.kpiId}`],
    ['GET', `/api/v1/kpis/${ids.kpiId}/measurements`],
  ];
  for (const [method, p] of cases) {
    const r = await api(srv.url, p, { method, body: method === 'GET' ? undefined : '{}' });
    assertJsonError(r, 405, `${method} ${p}`);
  }
  // ... and it changed nothing
  const m = await api(srv.url, `/api/v1/measures/${ids.measureId}`);
  assert.equal(m.json.title, '書かない窓口');
});

test('a 405 names the allowed methods in an Allow header (RFC 9110 §15.5.6)', async () => {
  const r = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PUT', body: '{}' });
  assert.equal(r.status, 405);
  const allow = r.headers.get('allow');
  assert.ok(allow, 'a 405 response must carry an Allow header');
  const methods = allow.split(',').map((s) => s.trim());
  assert.ok(methods.includes('GET') && methods.includes('PATCH') && methods.includes('DELETE'), `Allow: ${allow}`);
});
