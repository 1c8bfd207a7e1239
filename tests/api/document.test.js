'use strict';
// PUT /api/v1/orgs/{code}/document: the whole kawaru-plan/1 document, validated before any write.
// Since issue 4 the document is for members only (GET) and its replacement for office/admin
// (PUT): anonymous → 401, a viewer or reporter → 403, nothing changed. The requests are made
// by an admin of 印西市 (an admin may act in every organisation); the last test checks that a
// replaced organisation keeps its users (with their sessions and departments) and API tokens.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api } = require('../lib/server');

let srv;
let admin;      // the session of an admin of 印西市
let original;   // the document text as first served
before(async () => {
  srv = await startServer();
  const u = srv.addUser({ login: 'doc-admin', role: 'admin', org: '122319' });
  admin = await srv.signIn(u.login, u.password);
  const r = await api(srv.url, '/api/v1/orgs/322075/document', { as: admin });
  assert.equal(r.status, 200);
  original = r.text;
});
after(() => srv && srv.stop());

const put = (body, code = '322075', as = admin) => api(srv.url, `/api/v1/orgs/${code}/document`, {
  method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' }, as,
});
const current = async () => (await api(srv.url, '/api/v1/orgs/322075/document', { as: admin })).text;
const fresh = () => JSON.parse(original);

function firstKpiPath(doc) {
  for (const [a, pl] of doc.plans.entries())
    for (const [b, pi] of pl.pillars.entries())
      for (const [c, th] of pi.themes.entries())
        for (const [d, m] of th.measures.entries())
          for (const [e, k] of (m.kpis || []).entries())
            if (k.target && typeof k.target.value === 'number')
              return { k, path: `plans[${a}].pillars[${b}].themes[${c}].measures[${d}].kpis[${e}].target.value` };
  throw new Error('no KPI with a numeric target');
}

test('the document is kawaru-plan/1 without ids', () => {
  const d = JSON.parse(original);
  assert.equal(d.format, 'kawaru-plan/1');
  assert.equal(d.org.code, '322075');
  assert.equal(d.plans.length, 1);
  assert.ok(!/"id"\s*:/.test(original), 'exported plan documents carry no ids');
});

test('anonymous → 401 on GET and PUT; a viewer or reporter → 403 on PUT; nothing changes', async () => {
  const g = await api(srv.url, '/api/v1/orgs/322075/document', { as: null });
  assert.equal(g.status, 401, g.text);
  assert.equal(g.json.error.code, 'unauthorized');
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/document', { as: 'viewer' })).status, 200, 'a member reads it');
  const d = fresh();
  d.plans[0].title = 'この題名は保存されない';
  const anon = await put(d, '322075', null);
  assert.equal(anon.status, 401, anon.text);
  for (const role of ['viewer', 'reporter']) {
    const r = await put(d, '322075', role);
    assert.equal(r.status, 403, `${role}: ${r.text}`);
    assert.equal(r.json.error.code, 'forbidden');
  }
  assert.ok((await current()) === original, 'the stored document changed');
});

test('the document put back → 200, and GET gives byte-identical text', async () => {
  const r = await put(original);
  assert.equal(r.status, 200, r.text);
  const again = await current();
  assert.equal(again.length, original.length);
  assert.ok(again === original, 'GET after PUT differs from the document put');
  // and the API still serves the plan with all its measures
  const plans = await api(srv.url, '/api/v1/orgs/322075/plans', { as: admin });
  assert.equal(plans.json.items[0].measures, 30);
});

test('a change in the document is stored, and putting the original back restores it exactly', async () => {
  const d = fresh();
  d.plans[0].pillars[0].themes[0].measures[0].title = '文書で変えた題名';
  let r = await put(d);
  assert.equal(r.status, 200, r.text);
  const changed = JSON.parse(await current());
  assert.equal(changed.plans[0].pillars[0].themes[0].measures[0].title, '文書で変えた題名');
  r = await put(original);
  assert.equal(r.status, 200, r.text);
  assert.ok((await current()) === original, 'not restored byte for byte');
});

test('org.code 322076 (wrong check digit) → 422 field "org.code" mentioning the check digit; nothing changes', async () => {
  const d = fresh();
  d.org.code = '322076';
  d.plans[0].title = 'この題名は保存されない';
  const r = await put(d);
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'org.code');
  assert.match(r.json.error.message, /check digit|検査数字|チェックディジット/i);
  assert.ok((await current()) === original, 'the stored document changed');
  // the same document PUT at its own (invalid) code is refused too, and creates nothing
  const r2 = await put(d, '322076');
  assert.equal(r2.status, 422, r2.text);
  assert.equal(r2.json.error.field, 'org.code');
  const orgs = await api(srv.url, '/api/v1/orgs', { as: admin });
  assert.equal(orgs.json.total, 2);
});

test('a KPI target value given as a string → 422 naming plans[0]…target.value; nothing changes', async () => {
  const d = fresh();
  const { k, path } = firstKpiPath(d);
  k.target.value = String(k.target.value);
  d.plans[0].title = 'この題名は保存されない';
  const r = await put(d);
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, path);
  assert.match(r.json.error.field, /^plans\[0\]\..*\.target\.value$/);
  assert.ok((await current()) === original, 'the stored document changed');
});

test('a document for another organisation than the URL → 422 field "org.code"; nothing changes', async () => {
  const inzai = await api(srv.url, '/api/v1/orgs/122319/document', { as: admin });
  assert.equal(inzai.status, 200, inzai.text);
  const r = await put(inzai.text, '322075');
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'org.code');
  assert.ok((await current()) === original);
});

test('malformed JSON → 400, an empty body → 400, a wrong format → 422; nothing changes', async () => {
  let r = await put('{"format":"kawaru-plan/1",');
  assert.equal(r.status, 400, r.text);
  assert.ok(r.json.error);
  r = await put('');
  assert.equal(r.status, 400, r.text);
  const d = fresh();
  d.format = 'kawaru-plan/9';
  r = await put(d);
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'format');
  assert.ok((await current()) === original);
});

test('replacing the document keeps the organisation\'s users, their sessions and departments, and its API tokens', async () => {
  const u = srv.addUser({ login: 'doc-office', role: 'office', org: '322075' });
  const office = await srv.signIn(u.login, u.password);
  const r = await put(original, '322075', office);
  assert.equal(r.status, 200, r.text);
  const s = await api(srv.url, '/api/v1/session', { as: office });
  assert.equal(s.status, 200, `the office user that put the document is signed out: ${s.text}`);
  assert.equal(s.json.user.login, 'doc-office');
  const reporter = await srv.session('reporter');
  const me = await api(srv.url, '/api/v1/session', { as: reporter });
  assert.equal(me.status, 200, 'the demo reporter is still signed in');
  assert.equal(me.json.user.department_ids.length, 1, 'and still reports for 窓口担当課 (by its code)');
  const users = require('node:child_process').execFileSync(srv.bin, ['user', 'list', '--db', srv.db], { encoding: 'utf8' });
  assert.match(users, /demo-reporter\t322075\t[^\t]*\treporter\tmadoguchi\tactive/);
});

test('a new organisation\'s document is stored whole: its measurements\' values and notes come back as written', async () => {
  // a plan's measurements are written in one COPY on PostgreSQL: its text escapes tabs, line
  // breaks and backslashes, and \N would be NULL if written unescaped
  const doc = fresh();
  doc.org = { ...doc.org, code: '322083', name: '試験市' };
  const kpis = doc.plans[0].pillars.flatMap((p) => p.themes.flatMap((t) => t.measures.flatMap((m) => m.kpis || [])));
  const k = kpis.find((x) => x.measurements && x.measurements.length);
  const notes = ['タブ\tと改行\nと\\バックスラッシュ', '\\N', '\r\n\\t'];
  k.measurements = notes.map((note, i) => ({ period: `2025-0${i + 4}-30`, value: 0.1 + 0.2 + i, note }));
  const r = await put(doc, '322083');
  assert.equal(r.status, 200, r.text);
  const back = JSON.parse((await api(srv.url, '/api/v1/orgs/322083/document', { as: admin })).text);
  const kb = back.plans[0].pillars.flatMap((p) => p.themes.flatMap((t) => t.measures.flatMap((m) => m.kpis || [])))
    .find((x) => x.name === k.name);
  assert.deepEqual(kb.measurements.map((m) => [m.period, m.value, m.note]),
    notes.map((note, i) => [`2025-0${i + 4}-30`, 0.1 + 0.2 + i, note]));
});
