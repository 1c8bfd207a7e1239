'use strict';
// GET /api/v1/plans/{id}: the §4.3 plan shape with ids on every node and KPI derived figures.
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

function* walk(plan) {
  for (const pi of plan.pillars) {
    yield ['pillar', pi, pi.code];
    for (const t of pi.themes) {
      yield ['theme', t, `${pi.code}/${t.code}`];
      for (const m of t.measures) {
        yield ['measure', m, m.code];
        for (const k of m.kpis || []) yield ['kpi', k, `${m.code}/${k.name}`];
      }
    }
  }
}

test('the Gotsu plan has 3 pillars, their themes and 30 measures', async () => {
  const r = await api(srv.url, `/api/v1/plans/${ids.planId}`);
  assert.equal(r.status, 200);
  const p = r.json;
  assert.equal(p.id, ids.planId);
  assert.equal(p.title, 'スマートシティ江津推進構想アクションプラン');
  assert.equal(p.org?.code, '322075');
  assert.equal(p.pillars.length, 3);
  assert.deepEqual(p.pillars.map((x) => x.code), ['1', '2', '3']);
  const measures = [...walk(p)].filter(([k]) => k === 'measure').map(([, m]) => m);
  assert.equal(measures.length, 30);
  const codes = measures.map((m) => m.code);
  assert.equal(new Set(codes).size, 30, 'measure codes are unique');
  const m = measures.find((x) => x.title === '書かない窓口');
  assert.ok(m, '書かない窓口 is in the plan');
  assert.equal(m.code, '1-1-3');
  assert.deepEqual(m.departments, ['窓口担当課']);
  assert.ok(m.current && m.ideal, '現状 and 理想 are present');
});

test('every pillar, theme, measure and KPI carries a distinct integer id', async () => {
  const r = await api(srv.url, `/api/v1/plans/${ids.planId}`);
  const seen = { pillar: new Set(), theme: new Set(), measure: new Set(), kpi: new Set() };
  let kpis = 0;
  for (const [kind, node, where] of walk(r.json)) {
    assert.ok(Number.isInteger(node.id) && node.id > 0, `${kind} ${where} has id ${JSON.stringify(node.id)}`);
    assert.ok(!seen[kind].has(node.id), `${kind} id ${node.id} is repeated`);
    seen[kind].add(node.id);
    if (kind === 'kpi') kpis++;
  }
  assert.ok(kpis >= 30, `${kpis} KPIs`);
  assert.ok(seen.theme.size >= 3);
});

test('ids in the plan lead to the same measure and KPI through their own endpoints', async () => {
  const r = await api(srv.url, `/api/v1/plans/${ids.planId}`);
  const nodes = [...walk(r.json)];
  const [, m] = nodes.find(([k, n]) => k === 'measure' && n.code === '2-1-6');
  const mr = await api(srv.url, `/api/v1/measures/${m.id}`);
  assert.equal(mr.status, 200);
  assert.equal(mr.json.title, m.title);
  assert.equal(mr.json.plan_id, ids.planId);
  const k = m.kpis[0];
  const kr = await api(srv.url, `/api/v1/kpis/${k.id}`);
  assert.equal(kr.status, 200);
  assert.equal(kr.json.name, k.name);
  assert.equal(kr.json.measure_id, m.id);
});

test('every KPI has derived figures: status and the achievement fields', async () => {
  const r = await api(srv.url, `/api/v1/plans/${ids.planId}`);
  const statuses = new Set(['on_track', 'at_risk', 'off_track', 'achieved', 'no_data', 'undecided', 'no_target']);
  for (const [kind, k, where] of walk(r.json)) {
    if (kind !== 'kpi') continue;
    assert.ok(k.derived && typeof k.derived === 'object', `${where}: derived`);
    assert.ok(statuses.has(k.derived.status), `${where}: status ${k.derived.status}`);
    for (const f of ['latest', 'latest_period', 'achievement', 'expected_today', 'forecast'])
      assert.ok(f in k.derived, `${where}: derived.${f} missing`);
    assert.ok(k.target && (typeof k.target.value === 'number' || ['undecided', 'none'].includes(k.target.state)),
      `${where}: target ${JSON.stringify(k.target)}`);
  }
});

test('derived figures of 窓口の平均対応時間削減割合 follow the baseline → target line', async () => {
  const r = await api(srv.url, `/api/v1/kpis/${ids.kpiId}`);
  assert.equal(r.status, 200);
  const k = r.json;
  assert.deepEqual(k.baseline, { value: 0, fy: 2024 });
  assert.deepEqual(k.target, { value: 50, fy: 2026 });
  assert.ok(Array.isArray(k.measurements));
  // expected today lies on the straight line between baseline (0) and target (50)
  assert.equal(typeof k.derived.expected_today, 'number');
  assert.ok(k.derived.expected_today >= 0 && k.derived.expected_today <= 50, `${k.derived.expected_today}`);
  if (k.measurements.length === 0) {
    assert.equal(k.derived.status, 'no_data');
    assert.equal(k.derived.latest, null);
  }
});

test('the Inzai strategy loads too, with ids on every node', async () => {
  const r = await api(srv.url, `/api/v1/plans/${ids.inzaiPlanId}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.org?.code, '122319');
  assert.equal(r.json.pillars.length, 3);
  for (const [kind, node, where] of walk(r.json))
    assert.ok(Number.isInteger(node.id), `${kind} ${where} has an integer id`);
});
