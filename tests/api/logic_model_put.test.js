'use strict';
// PUT /api/v1/plans/{id}/logic-model (issue 14 point 5): the body is the model as the plan
// document writes it (nodes by key, measures by key, KPIs by measure and code or name, edges by
// node key); the reply is the GET's, and a GET after it answers the same. Each wrong body is
// refused — 422 naming the path, 400 for a member the call does not take — with nothing
// changed; one audit row per change and none when nothing changed; only the office may; an
// export after it holds the new model and puts back byte for byte; a replacing document's dry
// run lists a change of the model in words of counts.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, api, withQuery, demoIds, REPO } = require('../lib/server');

let srv;
let ids;
let lmPath;
const demo = JSON.parse(fs.readFileSync(path.join(REPO, 'data/demo/322075.json'), 'utf8')).plans[0].logic_model;

before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  lmPath = `/api/v1/plans/${ids.planId}/logic-model`;
});
after(() => srv && srv.stop());

const get = async () => {
  const r = await api(srv.url, lmPath);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const put = (body, as) => api(srv.url, lmPath, { method: 'PUT', body, as });
const audit = async () => {
  const r = await api(srv.url, withQuery('/api/v1/audit', { entity: 'logic_model', id: ids.planId }));
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const exported = async () => (await api(srv.url, '/api/v1/orgs/322075/document')).json.plans[0].logic_model;

/** A small model on the demo plan's first measure and its KPI. */
async function smallModel() {
  const plan = (await api(srv.url, `/api/v1/plans/${ids.planId}`)).json;
  const m = plan.pillars[0].themes[0].measures[0];
  const k = m.kpis[0];
  return {
    measure: m, kpi: k,
    body: {
      nodes: [
        { key: 'a1', column: 'activity', text: '書かない窓口を始める', target_group: '来庁者', measures: [m.code] },
        { key: 'o1', column: 'outcome_short', text: '待ち時間が減る', kpis: [{ measure: m.code, kpi: k.code || k.name }] },
      ],
      edges: [{ from: 'a1', to: 'o1' }],
    },
  };
}

test('a PUT replaces the model: the reply is the GET, with ids, and one audit row', async () => {
  const { body, measure, kpi } = await smallModel();
  const auditBefore = (await audit()).total;
  const r = await put(body);
  assert.equal(r.status, 200, r.text);
  const now = await get();
  assert.deepEqual(r.json, now);
  assert.deepEqual(now.nodes.map((n) => [n.key, n.column, n.text, n.target_group]),
    [['a1', 'activity', '書かない窓口を始める', '来庁者'], ['o1', 'outcome_short', '待ち時間が減る', null]]);
  assert.deepEqual(now.nodes[0].measure_ids, [measure.id]);
  assert.deepEqual(now.nodes[1].kpi_ids, [kpi.id]);
  assert.deepEqual(now.edges, [{ from: now.nodes[0].id, to: now.nodes[1].id }]);
  const log = await audit();
  assert.equal(log.total, auditBefore + 1);
  assert.equal(log.items[0].action, 'update');
  assert.equal(log.items[0].after.nodes.length, 2);
  assert.equal(log.items[0].before.nodes.length, demo.nodes.length);
  // the same body again: nothing written, no audit row
  const again = await put(body);
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json, now, 'same ids: nothing rewritten');
  assert.equal((await audit()).total, auditBefore + 1);
  // the export holds it as it was put
  assert.deepEqual(await exported(), body);
});

test('the demo model put back through the API round-trips; an export re-imported is byte for byte the same', async () => {
  const r = await put(demo);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await exported(), demo);
  const text = (await api(srv.url, '/api/v1/orgs/322075/document')).text;
  const back = await api(srv.url, '/api/v1/orgs/322075/document', { method: 'PUT', body: text,
    headers: { 'Content-Type': 'application/json' } });
  assert.equal(back.status, 200, back.text);
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/document')).text, text);
});

test('each wrong body is refused at its path and changes nothing', async () => {
  const { body } = await smallModel();
  const base = await put(body);
  assert.equal(base.status, 200, base.text);
  const was = await get();
  const auditWas = (await audit()).total;
  const clone = () => JSON.parse(JSON.stringify(body));
  const cases = [
    ['a bad column', (b) => { b.nodes[0].column = 'outcome'; }, 422, 'nodes[0].column'],
    ['a duplicate key', (b) => { b.nodes[1].key = 'a1'; }, 422, 'nodes[1].key'],
    ['a key that is no machine code', (b) => { b.nodes[0].key = 'A 1'; }, 422, 'nodes[0].key'],
    ['an empty text', (b) => { b.nodes[0].text = ''; }, 422, 'nodes[0].text'],
    ['an edge to an unknown node', (b) => { b.edges.push({ from: 'a1', to: 'zz' }); }, 422, 'edges[1].to'],
    ['an edge from a node to itself', (b) => { b.edges.push({ from: 'a1', to: 'a1' }); }, 422, 'edges[1].to'],
    ['an unknown measure', (b) => { b.nodes[0].measures = ['9-9-9']; }, 422, 'nodes[0].measures[0]'],
    ['an unknown KPI', (b) => { b.nodes[1].kpis[0].kpi = 'ない指標'; }, 422, 'nodes[1].kpis[0].kpi'],
    ['no nodes', (b) => { delete b.nodes; }, 422, 'nodes'],
    ['an unknown top-level member', (b) => { b.title = 'x'; }, 400, 'title'],
    ['an unknown member of a node', (b) => { b.nodes[1].colour = 'red'; }, 400, 'nodes[1].colour'],
    ['an unknown member of a KPI link', (b) => { b.nodes[1].kpis[0].id = 3; }, 400, 'nodes[1].kpis[0].id'],
    ['an unknown member of an edge', (b) => { b.edges[0].label = 'x'; }, 400, 'edges[0].label'],
  ];
  for (const [what, change, status, field] of cases) {
    const b = clone();
    change(b);
    const r = await put(b);
    assert.equal(r.status, status, `${what}: ${r.text}`);
    assert.equal(r.json.error.field, field, `${what}: ${r.text}`);
    assert.match(r.json.error.message, new RegExp(field.replace(/[[\].]/g, '\\$&')), what);
  }
  const notJson = await api(srv.url, lmPath, { method: 'PUT', body: '{"nodes":', headers: { 'Content-Type': 'application/json' } });
  assert.equal(notJson.status, 400, notJson.text);
  assert.deepEqual(await get(), was, 'nothing changed');
  assert.equal((await audit()).total, auditWas, 'no audit row');
  assert.equal((await api(srv.url, '/api/v1/plans/999999/logic-model', { method: 'PUT', body })).status, 404);
});

test('an empty model empties it', async () => {
  const r = await put({ nodes: [], edges: [] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { nodes: [], edges: [] });
  assert.deepEqual(await get(), { nodes: [], edges: [] });
  assert.equal((await put(demo)).status, 200);
});

test('only the office writes it: reporter and viewer 403, anonymous 401', async () => {
  const was = await get();
  const { body } = await smallModel();
  for (const [as, status] of [['reporter', 403], ['viewer', 403], [null, 401]]) {
    const r = await put(body, as);
    assert.equal(r.status, status, `${as}: ${r.text}`);
  }
  assert.equal((await put(was.nodes.length ? demo : body, 'office')).status, 200);
  assert.deepEqual(await get(), was);
});

test('a replacing document\'s dry run lists a change of the logic model, in counts', async () => {
  const doc = (await api(srv.url, '/api/v1/orgs/322075/document')).json;
  const lm = doc.plans[0].logic_model;
  lm.nodes.push({ key: 'extra', column: 'impact', text: '新しいインパクト' });
  lm.nodes[0].text += '（改）';
  lm.edges.push({ from: lm.nodes[0].key, to: 'extra' });
  const r = await api(srv.url, '/api/v1/orgs/322075/document?dry_run=1', { method: 'PUT', body: doc });
  assert.equal(r.status, 200, r.text);
  const plan = r.json.changes.find((c) => c.entity === 'plan' && (c.fields || []).some((f) => f.name === 'logic_model'));
  assert.ok(plan, JSON.stringify(r.json.changes));
  const f = plan.fields.find((x) => x.name === 'logic_model');
  const n = demo.nodes.length, e = demo.edges.length;
  assert.deepEqual(f.before, { nodes: n, edges: e });
  assert.deepEqual(f.after, { nodes: n + 1, edges: e + 1, nodes_added: 1, nodes_removed: 0, nodes_changed: 1,
    edges_added: 1, edges_removed: 0 });
  assert.deepEqual(await exported(), demo, 'a dry run writes nothing');
  // a document without a model keeps the stored one: no change listed
  delete doc.plans[0].logic_model;
  const quiet = await api(srv.url, '/api/v1/orgs/322075/document?dry_run=1', { method: 'PUT', body: doc });
  assert.equal(quiet.status, 200, quiet.text);
  assert.ok(!quiet.json.changes.some((c) => (c.fields || []).some((x) => x.name === 'logic_model')), quiet.text);
});

test('the editor\'s forms: a bad post is 422 with the page again and nothing changed; a good one 303 and one audit row', async () => {
  const s = await srv.session('office');
  const post = (p, fields) => api(srv.url, `/plans/${ids.planId}/logic-model/${p}`, {
    method: 'POST', as: s, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrf: s.csrf }).toString(),
  });
  const was = await get();
  const auditWas = (await audit()).total;
  const [a, b] = was.nodes;
  const invalid = (id) => new RegExp(`id="${id}" name="${id}"[^>]*aria-invalid="true"`);
  for (const [p, fields, marked] of [
    ['nodes', { column: 'outcome', text: '列が違う' }, invalid('column')],
    ['nodes', { column: 'impact', text: '' }, invalid('text')],
    [`nodes/${a.key}`, { column: a.column, text: '　' }, invalid('text')],
    ['edges', { from: a.key, to: a.key }, invalid('to')],
    ['edges', { from: a.key, to: 'no-such-node' }, invalid('to')],
    ['edges/delete', { from: b.key, to: a.key }, /id="edges"[^]*class="error-summary"/],
  ]) {
    const r = await post(p, fields);
    assert.equal(r.status, 422, `${p} ${JSON.stringify(fields)}: ${r.status}`);
    assert.match(r.text, /class="error-summary"/);
    assert.match(r.text, marked, `${p}: the field is marked`);
  }
  assert.equal((await post('nodes/no-such-node', { column: 'impact', text: 'x' })).status, 404);
  assert.deepEqual(await get(), was, 'nothing changed');
  assert.equal((await audit()).total, auditWas);
  const ok = await post('nodes', { column: 'impact', text: 'フォームから', target_group: '市民' });
  assert.equal(ok.status, 303, ok.text);
  assert.match(ok.headers.get('location'), /\/logic-model\/edit\?saved=node-n\d+#node-n\d+$/);
  assert.equal((await audit()).total, auditWas + 1);
  const added = (await get()).nodes.find((n) => n.text === 'フォームから');
  assert.equal(added.column, 'impact');
  assert.equal((await post(`nodes/${added.key}/delete`, {})).status, 303);
  assert.deepEqual(await get().then((m) => m.nodes.length), was.nodes.length);
  // without the CSRF token: 403
  const forged = await api(srv.url, `/plans/${ids.planId}/logic-model/nodes`, {
    method: 'POST', as: s, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'column=impact&text=x' });
  assert.equal(forged.status, 403);
});
