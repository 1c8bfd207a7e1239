'use strict';
// Conditional GETs: ETag, If-None-Match → 304, and invalidation by writes.
//
// Issue 4 changed what is cached: the response cache serves anonymous requests only (a signed-in
// reply is personal and carries no ETag), and anonymous reads of plans, measures and KPIs come
// from the plan's latest published version. So the cached requests here are anonymous; a write
// to the working draft must (a) show at once in a signed-in read, (b) leave the anonymous reply
// and its ETag alone (the public does not see the draft), and (c) show in the anonymous reply,
// with a new ETag, as soon as a new version is published — a stale cached copy would fail (c).
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

const anon = (p, headers = {}) => api(srv.url, p, { as: null, headers });
let nextLabel = 3;
const publish = async () => {
  const label = `1.${nextLabel++}`;
  const r = await api(srv.url, `/api/v1/plans/${ids.planId}/versions`, { method: 'POST', body: { label, date: '2025-04-01' } });
  assert.equal(r.status, 201, r.text);
  return label;
};

test('GET /api/v1/measures/{id} twice returns the same ETag; If-None-Match → 304 with no body', async () => {
  const p = `/api/v1/measures/${ids.measureId}`;
  const a = await anon(p);
  const b = await anon(p);
  assert.equal(a.status, 200);
  const etag = a.headers.get('etag');
  assert.ok(etag, 'an ETag header');
  assert.match(etag, /^(W\/)?"[^"]+"$/, 'an ETag is a quoted string');
  assert.equal(b.headers.get('etag'), etag, 'the same ETag for the same data');
  assert.equal(b.text, a.text);
  const c = await anon(p, { 'If-None-Match': etag });
  assert.equal(c.status, 304);
  assert.equal(c.text, '');
  assert.equal(c.headers.get('etag'), etag);
  const d = await anon(p, { 'If-None-Match': '"something-else"' });
  assert.equal(d.status, 200);
  // a signed-in read is never answered from the (anonymous) cache
  const s = await api(srv.url, p, { headers: { 'If-None-Match': etag } });
  assert.equal(s.status, 200, 'a signed-in request got the 304 of the anonymous cache');
  assert.equal(s.headers.get('etag'), null, 'a signed-in reply is not cacheable');
});

test('after a write (POST measurement), the signed-in read has it at once; the anonymous reply changes (200, new ETag) when it is published', async () => {
  const p = `/api/v1/measures/${ids.measureId}`;
  const a = await anon(p);
  const etag = a.headers.get('etag');
  assert.equal((await anon(p, { 'If-None-Match': etag })).status, 304);
  const w = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-03-31', value: 12.5 } });
  assert.equal(w.status, 201, w.text);
  const hasIt = (json) => {
    const k = json.kpis.find((x) => x.id === ids.kpiId);
    return k.measurements.some((m) => m.period === '2025-03-31' && m.value === 12.5) && k.derived.latest === 12.5;
  };
  // the draft, signed in: the new measurement, not a cached copy
  const s = await api(srv.url, p);
  assert.equal(s.status, 200);
  assert.ok(hasIt(s.json), `the signed-in read lacks the new measurement: ${s.text}`);
  // anonymous: still the published version, with the same ETag
  assert.ok(!hasIt(a.json), 'the measurement was already public before the write');
  assert.equal((await anon(p, { 'If-None-Match': etag })).status, 304, 'the unpublished measurement changed the public reply');
  // published: the stale ETag no longer matches, and the new data is served
  await publish();
  const b = await anon(p, { 'If-None-Match': etag });
  assert.equal(b.status, 200, 'a stale ETag must not give 304 after the write is published');
  assert.ok(b.headers.get('etag'), 'a new ETag');
  assert.notEqual(b.headers.get('etag'), etag);
  assert.ok(hasIt(b.json), `the new measurement is not served: ${b.text}`);
  // and the new ETag validates
  const c = await anon(p, { 'If-None-Match': b.headers.get('etag') });
  assert.equal(c.status, 304);
});

test('a PATCH shows at once to the signed-in; cached anonymous reads of the measure, the plan, the search and the page change when it is published', async () => {
  const m = ids.plan.pillars[0].themes[1].measures[0];  // 1-2-1
  const id = m.id;
  const paths = [`/api/v1/measures/${id}`, `/api/v1/plans/${ids.planId}`,
    `/api/v1/plans/${ids.planId}/measures?q=${encodeURIComponent('キャッシュ確認用')}`,
    `/plans/${ids.planId}/published/measures/${encodeURIComponent(m.code)}`];
  const first = {};
  for (const p of paths) {
    first[p] = await anon(p);                                    // warm the cache
    assert.equal(first[p].status, 200, `${p}: ${first[p].status}`);
    assert.ok(first[p].headers.get('etag'), `${p} is cacheable`);
  }
  for (const p of paths) assert.equal((await anon(p)).text, first[p].text);
  const w = await api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body: { title: 'キャッシュ確認用の題名' } });
  assert.equal(w.status, 200, w.text);
  // signed in: the draft, at once (the page of the draft is /measures/{id})
  for (const p of [...paths.slice(0, 3), `/measures/${id}`]) {
    const r = await api(srv.url, p);
    assert.equal(r.status, 200, `${p}: ${r.status}`);
    assert.ok(r.text.includes('キャッシュ確認用の題名'), `${p} (signed in) still serves the old data`);
  }
  // anonymous: the published version, unchanged
  for (const p of paths) {
    const r = await anon(p, { 'If-None-Match': first[p].headers.get('etag') });
    assert.equal(r.status, 304, `${p}: the draft's title reached the public before it was published`);
  }
  await publish();
  for (const p of paths) {
    const r = await anon(p, { 'If-None-Match': first[p].headers.get('etag') });
    assert.equal(r.status, 200, `${p}: a stale 304 after publishing`);
    assert.ok(r.text.includes('キャッシュ確認用の題名'), `${p} still serves the old data`);
  }
});

test('a failed write does not change the ETag', async () => {
  const p = `/api/v1/measures/${ids.measureId}`;
  const v = `/api/v1/plans/${ids.planId}/versions`;        // changes with every publication
  const etag = (await anon(p)).headers.get('etag');
  const vEtag = (await anon(v)).headers.get('etag');
  assert.ok(etag && vEtag);
  const draft = (await api(srv.url, p)).text;
  const w = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-02-30', value: 1 } });
  assert.equal(w.status, 422);
  assert.equal((await api(srv.url, p)).text, draft, 'a refused measurement changed the draft');
  // a draft change, then a refused publication: the public replies keep their ETags
  const k = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-06-30', value: 3 } });
  assert.equal(k.status, 201, k.text);
  const bad = await api(srv.url, v, { method: 'POST', body: { label: '1.99', date: '2025-02-30' } });
  assert.equal(bad.status, 422, bad.text);
  assert.equal((await anon(p, { 'If-None-Match': etag })).status, 304);
  assert.equal((await anon(v, { 'If-None-Match': vEtag })).status, 304);
});

test('errors and writes are not cacheable', async () => {
  const draft = await api(srv.url, '/api/v1/orgs/122319/plans', { method: 'POST', body: { title: '未公開の計画', kind: 'strategy' } });
  assert.equal(draft.status, 201, draft.text);
  for (const p of ['/api/v1/measures/999999', `/api/v1/plans/${draft.json.id}`]) {   // unknown; never published
    const nf = await anon(p);
    assert.equal(nf.status, 404, `${p}: ${nf.text}`);
    assert.equal(nf.headers.get('etag'), null);
  }
  const w = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-03-31', value: 2 } });
  assert.equal(w.status, 201);
  assert.equal(w.headers.get('etag'), null);
  assert.match(w.headers.get('cache-control') || '', /no-store/);
});

test('the public\'s reads of published versions and the rating scale are cached, and change with a new version', async () => {
  const pub = `/api/v1/plans/${ids.planId}/published`;
  const a = await anon(pub);
  assert.equal(a.status, 200, a.text);
  const paths = [pub, `/api/v1/versions/${a.json.id}`, `/api/v1/plans/${ids.planId}/rating-scale`];
  const etags = {};
  for (const p of paths) {
    const first = await anon(p);
    const etag = first.headers.get('etag');
    assert.ok(etag, `${p}: an ETag`);
    assert.equal((await anon(p, { 'If-None-Match': etag })).status, 304, `${p}: 304 when unchanged`);
    etags[p] = etag;
  }
  const label = await publish();
  const b = await anon(pub, { 'If-None-Match': etags[pub] });
  assert.equal(b.status, 200, 'a new version is not a 304');
  assert.equal(b.json.label, label);
  assert.notEqual(b.headers.get('etag'), etags[pub]);
  const old = await anon(paths[1]);
  assert.equal(old.json.label, a.json.label, 'the old version reads as it was');
});

test('a write by another process (kawaru import --replace on the same database) is served, not a stale copy', async () => {
  const { execFileSync } = require('node:child_process');
  const fs = require('node:fs');
  const path = require('node:path');
  const p = '/api/v1/orgs/122319';                  // public: the organisation's name
  const a = await anon(p);
  assert.equal(a.status, 200);
  assert.ok(a.headers.get('etag'));
  await anon(p);                                   // now certainly cached
  const d = await api(srv.url, '/api/v1/orgs/122319/document');
  assert.equal(d.status, 200, d.text);
  const doc = JSON.parse(d.text);
  doc.org.name = '別プロセスで変えた市';
  doc.plans[0].title = '別プロセスで変えた題名';
  const file = path.join(srv.dir, 'inzai.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  execFileSync(srv.bin, ['import', '--db', srv.db, '--replace', file], { stdio: 'pipe' });
  const b = await anon(p, { 'If-None-Match': a.headers.get('etag') });
  assert.equal(b.status, 200, 'a 304 after another process changed the data');
  assert.equal(b.json.name, '別プロセスで変えた市');
  const plans = await api(srv.url, '/api/v1/orgs/122319/plans');
  assert.equal(plans.json.items[0].title, '別プロセスで変えた題名');
});
