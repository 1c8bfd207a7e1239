'use strict';
// Conditional GETs: ETag, If-None-Match → 304, and invalidation by writes.
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

test('GET /api/v1/measures/{id} twice returns the same ETag; If-None-Match → 304 with no body', async () => {
  const p = `/api/v1/measures/${ids.measureId}`;
  const a = await api(srv.url, p);
  const b = await api(srv.url, p);
  assert.equal(a.status, 200);
  const etag = a.headers.get('etag');
  assert.ok(etag, 'an ETag header');
  assert.match(etag, /^(W\/)?"[^"]+"$/, 'an ETag is a quoted string');
  assert.equal(b.headers.get('etag'), etag, 'the same ETag for the same data');
  assert.equal(b.text, a.text);
  const c = await api(srv.url, p, { headers: { 'If-None-Match': etag } });
  assert.equal(c.status, 304);
  assert.equal(c.text, '');
  assert.equal(c.headers.get('etag'), etag);
  const d = await api(srv.url, p, { headers: { 'If-None-Match': '"something-else"' } });
  assert.equal(d.status, 200);
});

test('after a write (POST measurement), the same conditional request → 200, a new ETag and the new data', async () => {
  const p = `/api/v1/measures/${ids.measureId}`;
  const a = await api(srv.url, p);
  const etag = a.headers.get('etag');
  assert.equal((await api(srv.url, p, { headers: { 'If-None-Match': etag } })).status, 304);
  const w = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-03-31', value: 12.5 } });
  assert.equal(w.status, 201, w.text);
  const b = await api(srv.url, p, { headers: { 'If-None-Match': etag } });
  assert.equal(b.status, 200, 'a stale ETag must not give 304 after a write');
  assert.ok(b.headers.get('etag'), 'a new ETag');
  assert.notEqual(b.headers.get('etag'), etag);
  const k = b.json.kpis.find((x) => x.id === ids.kpiId);
  assert.ok(k.measurements.some((m) => m.period === '2025-03-31' && m.value === 12.5), 'the new measurement is served');
  assert.equal(k.derived.latest, 12.5);
  // and the new ETag validates
  const c = await api(srv.url, p, { headers: { 'If-None-Match': b.headers.get('etag') } });
  assert.equal(c.status, 304);
});

test('a PATCH invalidates cached reads of the measure, the plan, the search and the page', async () => {
  const id = ids.plan.pillars[0].themes[1].measures[0].id;  // 1-2-1
  const paths = [`/api/v1/measures/${id}`, `/api/v1/plans/${ids.planId}`,
    `/api/v1/plans/${ids.planId}/measures?q=${encodeURIComponent('キャッシュ確認用')}`, `/measures/${id}`];
  const first = {};
  for (const p of paths) first[p] = await api(srv.url, p);         // warm the cache
  for (const p of paths) assert.equal((await api(srv.url, p)).text, first[p].text);
  const w = await api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body: { title: 'キャッシュ確認用の題名' } });
  assert.equal(w.status, 200, w.text);
  for (const p of paths) {
    const r = await api(srv.url, p);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('キャッシュ確認用の題名'), `${p} still serves the old data`);
  }
});

test('a failed write does not change the ETag', async () => {
  const p = `/api/v1/measures/${ids.measureId}`;
  const etag = (await api(srv.url, p)).headers.get('etag');
  const w = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-02-30', value: 1 } });
  assert.equal(w.status, 422);
  assert.equal((await api(srv.url, p, { headers: { 'If-None-Match': etag } })).status, 304);
});

test('errors and writes are not cacheable', async () => {
  const nf = await api(srv.url, '/api/v1/measures/999999');
  assert.equal(nf.status, 404);
  assert.equal(nf.headers.get('etag'), null);
  const w = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-03-31', value: 2 } });
  assert.equal(w.status, 201);
  assert.equal(w.headers.get('etag'), null);
  assert.match(w.headers.get('cache-control') || '', /no-store/);
});

test('a write by another process (kawaru import --replace on the same database) is served, not a stale copy', async () => {
  const { execFileSync } = require('node:child_process');
  const fs = require('node:fs');
  const path = require('node:path');
  const p = '/api/v1/orgs/122319/document';
  const a = await api(srv.url, p);
  assert.equal(a.status, 200);
  await api(srv.url, p);                           // now certainly cached
  const doc = JSON.parse(a.text);
  doc.plans[0].title = '別プロセスで変えた題名';
  const file = path.join(srv.dir, 'inzai.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  execFileSync(srv.bin, ['import', '--db', srv.db, '--replace', file], { stdio: 'pipe' });
  const b = await api(srv.url, p, { headers: { 'If-None-Match': a.headers.get('etag') } });
  assert.equal(b.status, 200, 'a 304 after another process changed the data');
  assert.equal(JSON.parse(b.text).plans[0].title, '別プロセスで変えた題名');
  const plans = await api(srv.url, '/api/v1/orgs/122319/plans');
  assert.equal(plans.json.items[0].title, '別プロセスで変えた題名');
});
