'use strict';
// A plan goal may be the workload reduction (issue 14 point 4): kind "workload_reduction" and the
// survey year it is measured from (baseline_fy) are written through the API, travel in the plan
// document, and survive the plan's edit form, which shows them as a row's kind and year; a bad
// kind is refused naming it. 印西市's demo goal 業務量削減率 is one.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds, sessionHeaders } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const plan = async (id) => (await api(srv.url, `/api/v1/plans/${id}`)).json;

test("印西市's 業務量削減率 is the demo's workload-reduction goal", async () => {
  const p = await plan(ids.inzaiPlanId);
  assert.deepEqual(p.goals.map((g) => [g.name, g.kind, g.target.value]), [['業務量削減率', 'workload_reduction', 30]]);
});

test('kind and baseline_fy through the API, the document and the edit form', async () => {
  const goals = [
    { name: '業務量削減率', kind: 'workload_reduction', unit: '%', direction: 'increase', baseline_fy: 2024,
      target: { value: 30, fy: 2026 } },
    { name: '電子申請の割合', unit: '%', target: { value: 80 } },
  ];
  let r = await api(srv.url, `/api/v1/plans/${ids.planId}`, { method: 'PATCH', body: { goals } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.goals, goals);
  const doc = (await api(srv.url, '/api/v1/orgs/322075/document')).json;
  const g = doc.plans.find((p) => p.title.includes('スマートシティ江津')).goals;
  assert.deepEqual(g, goals, 'the document carries kind and baseline_fy');
  assert.deepEqual(Object.keys(g[0]), ['name', 'kind', 'unit', 'direction', 'baseline_fy', 'target'], 'in the canonical order');

  r = await api(srv.url, `/api/v1/plans/${ids.planId}`, { method: 'PATCH', body: { goals: [{ name: 'x', kind: 'hours', target: { value: 1 } }] } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'goals[0].kind');

  // the edit form shows the kind and the year, and saving it (unchanged) keeps them
  const path = `/plans/${ids.planId}/edit`;
  const html = (await api(srv.url, path)).text;
  assert.match(html, /<option value="workload_reduction" selected>業務量削減（業務棚卸しで測る）<\/option>/);
  assert.match(html, /name="goals-baseline_fy-0"[^>]*value="2024"/);
  const form = html.split('<form').find((f) => f.includes(`action="${path}"`));
  const fields = [];
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(m[1]), value = /value="([^"]*)"/.exec(m[1]), type = /type="([^"]*)"/.exec(m[1]);
    if (!name || (type && ['checkbox', 'submit'].includes(type[1]) && !/\bchecked\b/.test(m[1]))) continue;
    fields.push([name[1], value ? value[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"') : '']);
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.push([m[1], m[2].replace(/^\n/, '')]);
  for (const m of form.matchAll(/<select [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)"[^>]*\bselected\b/.exec(m[2]) || /<option value="([^"]*)"/.exec(m[2]);
    fields.push([m[1], sel ? sel[1] : '']);
  }
  const res = await fetch(srv.url + path, { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(await sessionHeaders(srv.url)) },
    body: new URLSearchParams(fields).toString() });
  assert.equal(res.status, 303, await res.text());
  assert.deepEqual((await plan(ids.planId)).goals, goals, 'a form save loses neither the kind nor the year');
});
