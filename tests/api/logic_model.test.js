'use strict';
// A plan's logic model through GET /api/v1/plans/{id}/logic-model (issue 14 point 5): the demo's
// model of 江津市 has, column by column, as many nodes as the demo document; its measure and KPI
// links resolve to the ids of the measures and KPIs the document names; edges join node ids; and
// those who do not read drafts get what the plan's own GET gives them (404 for an unpublished
// plan, the published version for a published one).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, api, demoIds, REPO } = require('../lib/server');

let srv;
let ids;
const doc = JSON.parse(fs.readFileSync(path.join(REPO, 'data/demo/322075.json'), 'utf8'));
const docModel = doc.plans[0].logic_model;

before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

async function get(p, status, as) {
  const r = await api(srv.url, p, { as });
  assert.equal(r.status, status, `GET ${p} → ${r.status} ${r.text}`);
  return r.json;
}
const countBy = (nodes) => nodes.reduce((c, n) => ({ ...c, [n.column]: (c[n.column] || 0) + 1 }), {});

test('the demo model has the document\'s nodes per column, and edges between its node ids', async () => {
  const lm = await get(`/api/v1/plans/${ids.planId}/logic-model`, 200);
  assert.deepEqual(countBy(lm.nodes), countBy(docModel.nodes));
  assert.equal(Object.keys(countBy(lm.nodes)).length, 7, 'all seven columns are used');
  assert.equal(lm.edges.length, docModel.edges.length);
  const nodeIds = new Set(lm.nodes.map((n) => n.id));
  for (const e of lm.edges) assert.ok(nodeIds.has(e.from) && nodeIds.has(e.to), JSON.stringify(e));
  const byKey = Object.fromEntries(lm.nodes.map((n) => [n.key, n]));
  for (const e of docModel.edges)
    assert.ok(lm.edges.some((x) => x.from === byKey[e.from].id && x.to === byKey[e.to].id), `edge ${e.from} → ${e.to}`);
  const first = lm.nodes.find((n) => n.column === 'assumption');
  assert.equal(typeof first.target_group, 'string');
});

test('measure and KPI links resolve to the ids of what the document names', async () => {
  const plan = await get(`/api/v1/plans/${ids.planId}`, 200);
  const measures = {};
  for (const p of plan.pillars) for (const t of p.themes || []) for (const m of t.measures) measures[m.code] = m;
  const lm = await get(`/api/v1/plans/${ids.planId}/logic-model`, 200);
  const byKey = Object.fromEntries(lm.nodes.map((n) => [n.key, n]));
  let links = 0;
  for (const n of docModel.nodes) {
    const got = byKey[n.key];
    assert.deepEqual(got.measure_ids, (n.measures || []).map((k) => measures[k].id), n.key);
    assert.deepEqual(got.kpi_ids, (n.kpis || []).map((r) => measures[r.measure].kpis.find((k) => k.name === r.kpi).id), n.key);
    links += got.measure_ids.length + got.kpi_ids.length;
  }
  assert.ok(links > 30, `the demo links measures and KPIs (${links})`);
  // a KPI id leads to that KPI
  const withKpi = lm.nodes.find((n) => n.kpi_ids.length);
  const k = await get(`/api/v1/kpis/${withKpi.kpi_ids[0]}`, 200);
  assert.equal(k.id, withKpi.kpi_ids[0]);
});

test('anonymous readers get what the plan\'s own GET gives them', async () => {
  // the published demo plan: its published model, with the draft's ids
  await get(`/api/v1/plans/${ids.planId}`, 200, null);
  const pub = await get(`/api/v1/plans/${ids.planId}/logic-model`, 200, null);
  const own = await get(`/api/v1/plans/${ids.planId}/logic-model`, 200);
  assert.deepEqual(pub, own);
  // a plan never published: 404 for both; 印西市's plan has no model
  const created = await api(srv.url, '/api/v1/orgs/322075/plans', {
    method: 'POST', body: { title: 'ロジックモデル試験', kind: 'strategy' },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const planAnon = await api(srv.url, `/api/v1/plans/${id}`, { as: null });
  const lmAnon = await api(srv.url, `/api/v1/plans/${id}/logic-model`, { as: null });
  assert.equal(lmAnon.status, planAnon.status);
  assert.equal(lmAnon.status, 404);
  assert.deepEqual(await get(`/api/v1/plans/${id}/logic-model`, 200), { nodes: [], edges: [] });
  assert.deepEqual(await get(`/api/v1/plans/${ids.inzaiPlanId}/logic-model`, 200), { nodes: [], edges: [] });
  await get('/api/v1/plans/999999/logic-model', 404);
});

test('the stored model round-trips: exported as the demo has it, and put back unchanged', async () => {
  const exported = await api(srv.url, '/api/v1/orgs/322075/document');
  assert.equal(exported.status, 200);
  assert.deepEqual(exported.json.plans[0].logic_model, docModel);
  const before = await get(`/api/v1/plans/${ids.planId}/logic-model`, 200);
  const put = await api(srv.url, '/api/v1/orgs/322075/document', { method: 'PUT', body: exported.json });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(await get(`/api/v1/plans/${ids.planId}/logic-model`, 200), before, 'same node ids: nothing rewritten');
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/document')).text, exported.text);
});
