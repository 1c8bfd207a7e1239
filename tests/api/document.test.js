'use strict';
// PUT /api/v1/orgs/{code}/document: the whole kawaru-plan/1 document, validated before any write.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api } = require('../lib/server');

let srv;
let original;   // the document text as first served
before(async () => {
  srv = await startServer();
  const r = await api(srv.url, '/api/v1/orgs/322075/document');
  assert.equal(r.status, 200);
  original = r.text;
});
after(() => srv && srv.stop());

const put = (body, code = '322075') => api(srv.url, `/api/v1/orgs/${code}/document`, {
  method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});
const current = async () => (await api(srv.url, '/api/v1/orgs/322075/document')).text;
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

test('the document put back → 200, and GET gives byte-identical text', async () => {
  const r = await put(original);
  assert.equal(r.status, 200, r.text);
  const again = await current();
  assert.equal(again.length, original.length);
  assert.ok(again === original, 'GET after PUT differs from the document put');
  // and the API still serves the plan with all its measures
  const plans = await api(srv.url, '/api/v1/orgs/322075/plans');
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
  const orgs = await api(srv.url, '/api/v1/orgs');
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
  const inzai = await api(srv.url, '/api/v1/orgs/122319/document');
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
