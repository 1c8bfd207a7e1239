'use strict';
// The plan page lists the plan's check findings for its members (issue 14 point 6): the count of
// what needs action and of notes — the same as `kawaru check` counts — then each finding with
// its measure linked, in the reader's language; the public, sent to the published plan, sees none.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

test("江津市's plan page lists its findings as kawaru check counts them", async () => {
  const findings = JSON.parse(spawnSync(srv.bin, ['check', '--db', srv.db, '--org', '322075', '--format', 'json'],
    { encoding: 'utf8' }).stdout).filter((f) => f.entity.plan_id === ids.planId);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const notes = findings.length - errors;
  assert.ok(errors > 0 && notes > 0, 'the demo has both');
  const page = (await api(srv.url, `/plans/${ids.planId}`, { as: 'viewer' })).text;
  assert.match(page, /<h2 id="plan-check-title">計画の点検<\/h2>/);
  assert.ok(page.includes(`要対応 ${errors}件・注意 ${notes}件`), 'the summary counts as kawaru check does');
  assert.equal((page.match(/<li><span class="badge badge-(act|note)">/g) || []).length, findings.length, 'one item a finding');
  const maas = findings.find((f) => f.code === 'kpi_without_name' && f.entity.measure_title === 'MaaSの導入');
  const measureId = Number(sql(`SELECT measure_id FROM kpi WHERE id = ${maas.entity.id}`));
  assert.match(page, new RegExp(`<a href="/measures/${measureId}">1-5-1 MaaSの導入</a>：KPIの指標が未設定です</li>`));
  const en = (await api(srv.url, `/plans/${ids.planId}?lang=en`, { as: 'viewer' })).text;
  assert.ok(en.includes(`${errors} to act on, ${notes} notes`), 'in English');
  assert.match(en, /MaaSの導入<\/a>: the KPI names no indicator yet \(指標未設定\)<\/li>/);
  const pub = await api(srv.url, `/plans/${ids.planId}`, { as: null });
  assert.ok(!pub.text.includes('plan-check-title'), 'the public sees no findings');
});

const sql = (q) => srv.sql(q);

// The logic model's gaps (issue 14 point 6), computed here from the model and the measures the API
// gives: an outcome that no KPI measures, a KPI that no node leading to an outcome names (a node
// leads to one when it is an outcome or an edge path from it reaches one), an activity from which
// no path reaches an outcome, a measure that no node names.
test("kawaru check, the check API and the plan page list the logic model's gaps of 江津市's plan", async () => {
  const lm = (await api(srv.url, `/api/v1/plans/${ids.planId}/logic-model`, { as: 'office' })).json;
  const measures = (await api(srv.url, `/api/v1/plans/${ids.planId}/measures?limit=500`, { as: 'office' })).json.items;
  const outcome = (n) => n.column === 'outcome_short' || n.column === 'outcome_long';
  const reach = new Set(lm.nodes.filter(outcome).map((n) => n.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const e of lm.edges) if (reach.has(e.to) && !reach.has(e.from)) { reach.add(e.from); grew = true; }
  }
  const named = new Set(lm.nodes.flatMap((n) => n.measure_ids));
  const kpiNode = new Map();
  for (const n of lm.nodes) for (const k of n.kpi_ids) kpiNode.set(k, (kpiNode.get(k) || false) || reach.has(n.id));
  const want = [];
  for (const m of measures) {
    const inside = named.has(m.id) || m.kpis.some((k) => kpiNode.has(k.id));
    if (!inside) want.push(`measure_outside_logic_model ${m.id}`);
    else for (const k of m.kpis) if (!kpiNode.get(k.id)) want.push(`kpi_without_outcome ${k.id}`);
  }
  for (const n of lm.nodes) {
    if (n.column === 'activity' && !reach.has(n.id)) want.push(`activity_without_outcome ${n.id}`);
    else if (outcome(n) && n.kpi_ids.length === 0) want.push(`outcome_without_kpi ${n.id}`);
  }
  assert.ok(want.filter((w) => w.startsWith('outcome_without_kpi')).length > 10, 'the seed measures few of its outcomes');
  assert.ok(want.filter((w) => w.startsWith('kpi_without_outcome')).length > 0, 'and connects only some KPIs');

  const cli = JSON.parse(spawnSync(srv.bin, ['check', '--db', srv.db, '--org', '322075', '--format', 'json'],
    { encoding: 'utf8' }).stdout).filter((f) => f.entity.plan_id === ids.planId && /outcome|logic_model/.test(f.code));
  assert.deepEqual(cli.map((f) => `${f.code} ${f.entity.id}`), want);
  const node = cli.find((f) => f.code === 'outcome_without_kpi');
  assert.equal(node.entity.type, 'logic_model_node');
  const index = lm.nodes.findIndex((n) => n.id === node.entity.id) + 1;
  assert.equal(node.url, `/plans/${ids.planId}/logic-model#lm-${index}`, "the node's entry in the model's outline");
  assert.equal(node.message, 'アウトカムを測るKPIがありません');

  const check = (await api(srv.url, `/api/v1/plans/${ids.planId}/check`, { as: 'viewer' })).json;
  const fromApi = check.items.filter((f) => /outcome|logic_model/.test(f.kind))
    .map((f) => `${f.kind} ${f.node_id || f.kpi_id || f.measure_id}`);
  assert.deepEqual(fromApi, want);

  const page = (await api(srv.url, `/plans/${ids.planId}`, { as: 'viewer' })).text;
  const outline = (await api(srv.url, node.url.replace(/#.*/, ''), { as: 'viewer' })).text;
  assert.ok(outline.includes(`<li id="lm-${index}" data-key="${lm.nodes[index - 1].key}">`), 'the anchor is the node');
  const text = lm.nodes.find((n) => n.id === node.entity.id).text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  assert.ok(page.includes(`<a href="${node.url}">「${text}」</a>：アウトカムを測るKPIがありません</li>`),
    'the node is named by its text and linked to the model');
});
