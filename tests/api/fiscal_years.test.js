'use strict';
// Fiscal years on input (SPEC §2, issue 18 point 2): wherever the API takes a fiscal year — a
// body's member or ?fy= — it takes 2024, "2024", "2024年度", "令和6年度" and "R6" as the forms
// do, and answers with the number. Garbage, a year out of 1900-2200 and a number with a fraction
// are refused as before (a body's member 422, a query 400) with the one message that names the
// forms, and change nothing.
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

const MESSAGE = 'must be a fiscal year (1900-2200) such as 2024, 2024年度, 令和6年度 or R6';
const BAD = ['令和百年度', 'abc', 2024.5, '2024.5', 1899, '2201', 'R0', '', true];

const call = async (method, path, body, status) => {
  const r = await api(srv.url, path, { method, body });
  assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
  return r.json;
};
/* What a refused write must leave alone: the audit log and the rows it would change. */
const snapshot = () => srv.sql('SELECT count(*) FROM audit') + '|' +
  srv.sql(`SELECT baseline_fy || '/' || coalesce(CAST(target_fy AS text), '-') FROM kpi WHERE id = ${ids.kpiId}`) + '|' +
  srv.sql(`SELECT count(*) || '/' || coalesce(group_concat(fy || 'Q' || quarter), '') FROM review_period WHERE plan_id = ${ids.planId}`);

/* A refusal names the member and the forms. */
function refused(r, field) {
  assert.equal(r.error.code, 'invalid', JSON.stringify(r));
  assert.equal(r.error.field, field);
  assert.equal(r.error.message, `${field} ${MESSAGE}`);
}

test('PATCH /api/v1/kpis/{id}: a target or baseline year as 令和8年度, R9, 2028年度, "2029" or 2030 is stored as the number', async () => {
  const path = `/api/v1/kpis/${ids.kpiId}`;
  for (const [fy, want] of [['令和8年度', 2026], ['R9', 2027], ['2028年度', 2028], ['2029', 2029], ['ｒ１２', 2030], [2026, 2026]]) {
    const k = await call('PATCH', path, { target: { value: 50, fy } }, 200);
    assert.equal(k.target.fy, want, `target.fy ${fy}`);
    assert.equal((await call('GET', path, undefined, 200)).target.fy, want);
  }
  const k = await call('PATCH', path, { baseline: { value: 0, fy: '令和6年度' } }, 200);
  assert.deepEqual(k.baseline, { value: 0, fy: 2024 });
});

test('PATCH /api/v1/kpis/{id}: 令和百年度, abc, 2024.5, 1899 … answer 422 naming target.fy and the forms, and change nothing', async () => {
  const path = `/api/v1/kpis/${ids.kpiId}`;
  for (const fy of BAD) {
    const before = snapshot();
    refused(await call('PATCH', path, { target: { value: 50, fy } }, 422), 'target.fy');
    refused(await call('PATCH', path, { baseline: { value: 0, fy } }, 422), 'baseline.fy');
    assert.equal(snapshot(), before, `${JSON.stringify(fy)} changed nothing`);
  }
});

test('POST /api/v1/plans/{id}/periods: fy R6 and 令和7年度 open FY2024 and FY2025; bad years open nothing', async () => {
  const path = `/api/v1/plans/${ids.planId}/periods`;
  let p = await call('POST', path, { fy: 'R6', quarter: 1, deadline: '2024-07-15' }, 201);
  assert.equal(p.fy, 2024);
  p = await call('POST', path, { fy: '令和7年度', quarter: 2, deadline: '2025-10-15' }, 201);
  assert.equal(p.fy, 2025);
  assert.equal((await call('GET', `/api/v1/periods/${p.id}`, undefined, 200)).fy, 2025);
  // the same quarter written another way is the same period
  await call('POST', path, { fy: '2024年度', quarter: 1, deadline: '2024-07-15' }, 409);
  for (const fy of BAD) {
    const before = snapshot();
    refused(await call('POST', path, { fy, quarter: 3, deadline: '2025-12-31' }, 422), 'fy');
    assert.equal(snapshot(), before, `${JSON.stringify(fy)} opened nothing`);
  }
});

test('a measure, a plan and a reallocation take their years as text too', async () => {
  const m = await call('PATCH', `/api/v1/measures/${ids.measureId}`,
    { new_since_fy: '令和6年度', schedule: [{ fy: 'R7', items: ['試行'] }, { fy: '2026年度', quarter: 1, items: ['運用'] }] }, 200);
  assert.equal(m.new_since_fy, 2024);
  assert.deepEqual(m.schedule.map((s) => s.fy), [2025, 2026]);
  refused(await call('PATCH', `/api/v1/measures/${ids.measureId}`, { schedule: [{ fy: '来年度', items: ['x'] }] }, 422),
    'schedule[0].fy');
  const p = await call('PATCH', `/api/v1/plans/${ids.planId}`, { period: { from_fy: '令和4年度', to_fy: 'R8' } }, 200);
  assert.deepEqual(p.period, { from_fy: 2022, to_fy: 2026 });
  const ra = await call('POST', '/api/v1/orgs/322075/reallocations', { fy: 'R6', hours: 5, service: '和暦の年度' }, 201);
  assert.equal(ra.fy, 2024);
  await call('DELETE', `/api/v1/reallocations/${ra.id}`, undefined, 204);
});

test('?fy= takes the same forms and refuses others with the same message (400)', async () => {
  for (const fy of ['R6', '2024年度', '令和6年度', '２０２４']) {
    const r = await call('GET', `/api/v1/orgs/322075/meetings?fy=${encodeURIComponent(fy)}`, undefined, 200);
    assert.equal(r.fy, 2024, fy);
  }
  for (const path of ['/api/v1/orgs/322075/meetings', '/api/v1/orgs/322075/workload', '/api/v1/orgs/322075/matrix']) {
    for (const fy of ['令和百年度', 'abc', '2024.5', '1899']) {
      const r = await call('GET', `${path}?fy=${encodeURIComponent(fy)}`, undefined, 400);
      assert.deepEqual(r.error, { code: 'bad_request', message: `fy ${MESSAGE}`, field: 'fy' }, `${path} ${fy}`);
    }
  }
  // the pages say it too, in words (Japanese first, English with ?lang=en), never a bare "400"
  const viewer = await srv.session('viewer');
  for (const path of ['/orgs/322075/meetings', '/orgs/322075/workload', '/orgs/322075/workload/matrix']) {
    const ok = await api(srv.url, `${path}?fy=${encodeURIComponent('令和6年度')}`, { as: viewer });
    assert.equal(ok.status, 200, path);
    const bad = await api(srv.url, `${path}?fy=abc`, { as: viewer });
    assert.equal(bad.status, 400, path);
    assert.match(bad.text, /<p>年度を 2024、2024年度、令和6年度、R6 の形で入力してください。<\/p>/, path);
    const en = await api(srv.url, `${path}?fy=abc&lang=en`, { as: viewer });
    assert.match(en.text, /<p>Enter a fiscal year such as 2024, 2024年度, 令和6年度 or R6\.<\/p>/, path);
  }
});
