'use strict';
// A field a call does not take is refused with 400 unknown_field naming it, and nothing changes:
// no write answers 200 for something it ignored (SPEC's "nothing is lost").
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

const send = (method, path, body) => api(srv.url, path, { method, body });

test('an unknown top-level field on PATCH measure → 400 naming it; the valid fields sent with it are not saved', async () => {
  const path = `/api/v1/measures/${ids.measureId}`;
  const before = (await api(srv.url, path)).json;
  const r = await send('PATCH', path, { current: '保存されない現状', nonsense: 1 });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'unknown_field');
  assert.equal(r.json.error.field, 'nonsense');
  assert.match(r.json.error.message, /nonsense/);
  assert.deepEqual((await api(srv.url, path)).json, before);
});

test('an unknown field inside a nested object is named with its path', async () => {
  const path = `/api/v1/measures/${ids.measureId}/kpis`;
  const r = await send('POST', path, { name: '新しい指標', unit: '件', target: { value: 10, fy: 2027, colour: 'red' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'unknown_field');
  assert.equal(r.json.error.field, 'target.colour');
  const m = (await api(srv.url, `/api/v1/measures/${ids.measureId}`)).json;
  assert.ok(!m.kpis.some((k) => k.name === '新しい指標'), 'no KPI was created');
});

test('misspelt fields on plan, pillar, theme, measurement writes are refused', async () => {
  const plan = ids.plan;
  const pillar = plan.pillars[0];
  const theme = pillar.themes[0];
  const kpi = theme.measures[0].kpis[0];
  const cases = [
    ['PATCH', `/api/v1/plans/${ids.planId}`, { titel: 'x' }, 'titel'],
    ['PATCH', `/api/v1/pillars/${pillar.id}`, { title: '柱', colour: 'x' }, 'colour'],
    ['PATCH', `/api/v1/themes/${theme.id}`, { tilte: 'x' }, 'tilte'],
    ['POST', `/api/v1/kpis/${kpi.id}/measurements`, { period: '2025-03-31', value: 1, vaule: 2 }, 'vaule'],
  ];
  for (const [method, path, body, field] of cases) {
    const r = await send(method, path, body);
    assert.equal(r.status, 400, `${method} ${path}: ${r.text}`);
    assert.equal(r.json.error.code, 'unknown_field', path);
    assert.equal(r.json.error.field, field, path);
  }
  // the pillar kept its title
  const after = (await api(srv.url, `/api/v1/plans/${ids.planId}`)).json;
  assert.equal(after.pillars[0].title, pillar.title);
});

test('a 422 on a known field wins over an unknown one sent beside it (one error, the first found)', async () => {
  const r = await send('PATCH', `/api/v1/measures/${ids.measureId}`, { title: '', nonsense: 1 });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'title');
});
