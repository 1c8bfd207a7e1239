'use strict';
// GET /plans/{id}/logic-model, the logic model page (issue 14 point 5), over HTTP: the public reads
// a published plan's model (200), an unknown plan or one never published is 404, the outline
// lists every node's text HTML-escaped (line breaks as <br>) (also text with markup in it, put in by a document), the
// public's page is cached like every published page (ETag, 304), and a plan without a model
// says so.
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

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const page = (id, as = null) => api(srv.url, `/plans/${id}/logic-model`, { as });

test('the public reads a published plan\'s model: every node\'s text is in the outline, escaped', async () => {
  const lm = (await api(srv.url, `/api/v1/plans/${ids.planId}/logic-model`, { as: null })).json;
  assert.equal(lm.nodes.length, 111);
  const r = await page(ids.planId);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
  for (const n of lm.nodes)
    assert.ok(r.text.includes(`<p class="lm-o-text">${esc(n.text).replace(/\n/g, '<br>')}</p>`), `the outline lists ${n.text}`);
  assert.equal((r.text.match(/<li id="lm-\d+" data-key=/g) || []).length, 111);
  assert.equal((r.text.match(/<g class="lm-node /g) || []).length, 111);
  assert.equal((r.text.match(/<path class="lm-edge/g) || []).length, 133);
  assert.ok(!r.text.includes('/logic-model/edit'), 'the public is not shown the editor');
  const plan = await api(srv.url, `/plans/${ids.planId}/published`, { as: null });
  assert.ok(plan.text.includes(`<a href="/plans/${ids.planId}/logic-model">ロジックモデル</a>`), 'the published plan links to it');
});

test('an unknown plan is 404, and so is, for the public, a plan never published', async () => {
  for (const p of ['/plans/999999/logic-model', '/plans/abc/logic-model', '/plans/0/logic-model']) {
    const r = await api(srv.url, p, { as: null });
    assert.equal(r.status, 404, p);
    assert.match(r.headers.get('content-type'), /^text\/html/);
  }
  // a plan without a published version: the public gets 404, as from GET /api/v1/plans/{id}
  const draft = await api(srv.url, '/api/v1/orgs/122319/plans', { method: 'POST', body: { title: '未公開の計画', kind: 'strategy' } });
  assert.equal(draft.status, 201, draft.text);
  assert.equal((await api(srv.url, `/api/v1/plans/${draft.json.id}`, { as: null })).status, 404);
  assert.equal((await page(draft.json.id)).status, 404);
});

test('the public\'s page is cached as the other published pages are: the same ETag, 304 when it has not changed', async () => {
  const a = await page(ids.planId);
  const etag = a.headers.get('etag');
  assert.ok(etag);
  const b = await api(srv.url, `/plans/${ids.planId}/logic-model`, { as: null, headers: { 'If-None-Match': etag } });
  assert.equal(b.status, 304);
});

test('a node text with markup is shown as text, never as markup', async () => {
  const doc = (await api(srv.url, '/api/v1/orgs/322075/document')).json;
  const node = doc.plans[0].logic_model.nodes[0];
  const hostile = '<script>alert("x")</script> & \'引用\' <b>太字</b>';
  node.text = hostile;
  const put = await api(srv.url, '/api/v1/orgs/322075/document', { method: 'PUT', body: JSON.stringify(doc),
    headers: { 'Content-Type': 'application/json' }, as: 'office' });
  assert.equal(put.status, 200, put.text);
  const r = await page(ids.planId, 'office');                 // the office reads the draft
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(`<p class="lm-o-text">${esc(hostile)}</p>`));
  assert.ok(!r.text.includes('<script>alert'));
  assert.ok(!r.text.includes('<b>太字</b>'));
  assert.ok(r.text.includes(`href="/plans/${ids.planId}/logic-model/edit"`), 'the office is shown the editor');
});

test('a plan without a logic model says so; the office is told where it is made', async () => {
  const r = await page(ids.inzaiPlanId, 'admin');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="no-logic-model"/);
  assert.match(r.text, /この計画には、まだロジックモデルがありません。/);
  assert.ok(r.text.includes(`href="/plans/${ids.inzaiPlanId}/logic-model/edit"`));
  assert.ok(!r.text.includes('<svg class="lm-svg"'));
  const viewer = await page(ids.planId, 'viewer');
  assert.equal(viewer.status, 200);
  assert.ok(!viewer.text.includes('/logic-model/edit'), 'a viewer is not shown the editor');
});

// A KPI of the seed without a value yet shows its target beside "no value", in the drawing and
// the outline; one with a measurement shows that value with its date.
test('each KPI of a node shows its latest value, or that it has none and its target', async () => {
  const lm = (await api(srv.url, `/api/v1/plans/${ids.planId}/logic-model`, { as: 'office' })).json;
  const kpiIds = [...new Set(lm.nodes.flatMap((n) => n.kpi_ids))];
  const html = (await page(ids.planId, 'office')).text;
  let withValue = 0, withTarget = 0;
  for (const id of kpiIds) {
    const k = (await api(srv.url, `/api/v1/kpis/${id}`, { as: 'office' })).json;
    const unit = k.unit || '';
    const num = (v) => String(Math.round(v * 100) / 100);
    const ms = (k.measurements || []).slice().sort((a, b) => (a.period < b.period ? -1 : 1));
    if (ms.length) {
      const last = ms[ms.length - 1];
      assert.ok(html.includes(`最新値 <span class="lm-latest">${esc(num(last.value) + unit)}</span>（${last.period}）`), `${k.name}: its latest`);
      withValue++;
    } else if (k.target && typeof k.target.value === 'number') {
      assert.ok(html.includes(esc(`最新値なし・目標 ${num(k.target.value)}${unit}`)), `${k.name}: no value, its target`);
      withTarget++;
    }
  }
  assert.ok(withValue >= 1 && withTarget >= 10, `${withValue} with a value, ${withTarget} with a target only`);
});
