'use strict';
// Citizen feedback through the API (issue 4, point 5): an opinion on 江津市's published 書かない窓口
// waits as pending and is not listed; the office publishes it with an answer and it is listed
// with the answer; a rejected one never is; text limits, control characters, unknown plans and
// measures and bad decisions are refused; the sixth opinion from one address within an hour gets
// 429 and stores nothing, while another address may still send; markup and SQL round-trip as
// text; the audit log holds no address. Since issue 4 citizens' requests are sent without a
// session ({as: null}), the moderation queue and decisions as the demo office user; anonymous
// callers and viewers cannot see the queue or moderate.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, requestFrom, api, demoIds } = require('../lib/server');

let srv;
let ids;
let base;                              // /api/v1/plans/{id}/published/measures/{key}/feedback
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures) if (m.id === ids.measureId) ids.measure = m;
  base = `/api/v1/plans/${ids.planId}/published/measures/${encodeURIComponent(ids.measure.code)}/feedback`;
});
after(() => srv && srv.stop());

async function call(method, p, body, status, as = 'office') {
  const r = await api(srv.url, p, { method, body, as });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r;
}

/** A POST sent from another loopback address (127.0.0.N), as another citizen would. */
const postFrom = (localAddress, p, body) => requestFrom(srv.url, localAddress, 'POST', p, { body });

/** A citizen's request: no session. */
const citizen = (method, p, body, status) => call(method, p, body, status, null);
const published = async () => (await citizen('GET', base, undefined, 200)).json;
const queue = async (q = '') => (await call('GET', `/api/v1/orgs/322075/feedback${q}`, undefined, 200)).json;

test('an opinion is pending, then published with its answer, and counted', async () => {
  const sent = await citizen('POST', base, { text: '窓口がとても早くなりました。\n次は夜間にも。', name: '江津 太郎' }, 201);
  assert.deepEqual(Object.keys(sent.json).sort(), ['id', 'state']);
  assert.equal(sent.json.state, 'pending');
  assert.equal((await published()).total, 0);
  const q = await queue('?state=pending');
  const mine = q.items.find((f) => f.id === sent.json.id);
  assert.equal(mine.state, 'pending');
  assert.equal(mine.measure_code, ids.measure.code);
  assert.equal(mine.measure_id, ids.measure.id);
  assert.equal(mine.text, '窓口がとても早くなりました。\n次は夜間にも。');
  const count = q.counts.find((c) => c.measure_code === ids.measure.code);
  assert.equal(count.pending, 1);
  assert.equal(count.published, 0);

  const mod = await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`,
    { decision: 'publish', answer: 'ありがとうございます。夜間窓口を検討します。' }, 200);
  assert.equal(mod.json.state, 'published');
  const list = await published();
  assert.equal(list.total, 1);
  assert.equal(list.items[0].name, '江津 太郎');
  assert.equal(list.items[0].answer, 'ありがとうございます。夜間窓口を検討します。');
  assert.equal(list.items[0].state, undefined, 'the public list does not say who moderated');
  const after = (await queue()).counts.find((c) => c.measure_code === ids.measure.code);
  assert.equal(after.published, 1);
  assert.equal(after.pending, 0);
});

test('a rejected opinion is never listed; moderating again is allowed and audited', async () => {
  const sent = await citizen('POST', base, { text: '広告：今すぐ購入' }, 201);
  await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`, { decision: 'reject' }, 200);
  assert.ok(!(await published()).items.some((f) => f.id === sent.json.id));
  await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`, { decision: 'publish', answer: '誤りでした' }, 200);
  assert.ok((await published()).items.some((f) => f.id === sent.json.id));
  await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`, { decision: 'reject', answer: null }, 200);
  assert.ok(!(await published()).items.some((f) => f.id === sent.json.id));
  const rejected = await queue('?state=rejected');
  assert.equal(rejected.items.find((f) => f.id === sent.json.id).answer, null);
  const audit = await call('GET', `/api/v1/audit?entity=feedback&id=${sent.json.id}`, undefined, 200, 'admin');
  assert.equal(audit.json.total, 4);
  assert.doesNotMatch(audit.text, /127\.0\.0\.1|addr/);
});

test('bad input is refused with 422 naming the field, unknown targets with 404', async () => {
  const before = (await queue()).total;
  const refused = [
    [{}, 'text'],
    [{ text: '' }, 'text'],
    [{ text: ' \n　 ' }, 'text'],
    [{ text: 'あ'.repeat(2001) }, 'text'],
    [{ text: 'bell\u0007' }, 'text'],
    [{ text: 'esc\u001b[31m' }, 'text'],
    [{ text: 42 }, 'text'],
    [{ text: 'ok', name: 'n'.repeat(101) }, 'name'],
    [{ text: 'ok', name: 'two\nlines' }, 'name'],
  ];
  for (const [body, field] of refused) {
    const r = await citizen('POST', base, body, 422);
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  await citizen('POST', base, { text: 'x'.repeat(70 * 1024) }, 413);
  assert.equal((await queue()).total, before, 'nothing was stored');
  await citizen('POST', `/api/v1/plans/999999/published/measures/1-1-3/feedback`, { text: 'ok' }, 404);
  await citizen('POST', `/api/v1/plans/${ids.planId}/published/measures/no-such/feedback`, { text: 'ok' }, 404);
  await citizen('GET', `/api/v1/plans/${ids.planId}/published/measures/no-such/feedback`, undefined, 404);
  await call('GET', '/api/v1/orgs/999999/feedback', undefined, 404);
  assert.equal((await call('GET', '/api/v1/orgs/322075/feedback?state=maybe', undefined, 422)).json.error.field, 'state');
  const bad = await call('POST', '/api/v1/feedback/1/moderation', { decision: 'approve' }, 422);
  assert.equal(bad.json.error.field, 'decision');
  assert.equal((await call('POST', '/api/v1/feedback/1/moderation', { decision: 'publish', answer: 'a\u0001' }, 422))
    .json.error.field, 'answer');
  await call('POST', '/api/v1/feedback/999999/moderation', { decision: 'publish' }, 404);
});

test('markup and SQL metacharacters round-trip as text', async () => {
  const text = `<script>alert(1)</script> '; DROP TABLE feedback; -- "x" %s ?1`;
  const sent = await citizen('POST', base, { text, name: `Robert'); DROP TABLE audit;--` }, 201);
  await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`, { decision: 'publish', answer: '<b>回答</b>' }, 200);
  const f = (await published()).items.find((x) => x.id === sent.json.id);
  assert.equal(f.text, text);
  assert.equal(f.name, `Robert'); DROP TABLE audit;--`);
  assert.equal(f.answer, '<b>回答</b>');
});

test('the sixth opinion from one address within an hour gets 429 and stores nothing', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await postFrom('127.0.0.5', base, { text: `意見 ${i}` });
    assert.equal(r.status, 201, r.text);
  }
  const total = (await queue()).total;
  const sixth = await postFrom('127.0.0.5', base, { text: '意見 6' });
  assert.equal(sixth.status, 429, sixth.text);
  assert.equal(sixth.headers['retry-after'], '3600');
  assert.match(JSON.parse(sixth.text).error.message, /at most 5 an hour/);
  assert.equal((await queue()).total, total);
  const other = await postFrom('127.0.0.6', base, { text: '別の人の意見' });
  assert.equal(other.status, 201, other.text);
});

test('the queue and moderation are the office\'s: anonymous → 401, a viewer → 403, nothing changes', async () => {
  const sent = await citizen('POST', base, { text: '権限の確認' }, 201);
  await call('GET', '/api/v1/orgs/322075/feedback', undefined, 401, null);
  await call('GET', '/api/v1/orgs/322075/feedback', undefined, 403, 'viewer');
  await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`, { decision: 'publish' }, 401, null);
  await call('POST', `/api/v1/feedback/${sent.json.id}/moderation`, { decision: 'publish' }, 403, 'viewer');
  assert.equal((await queue('?state=pending')).items.find((f) => f.id === sent.json.id).state, 'pending');
  assert.ok(!(await published()).items.some((f) => f.id === sent.json.id));
});

test('the feedback routes are in the OpenAPI document', async () => {
  const doc = (await call('GET', '/api/v1/openapi.json', undefined, 200)).json;
  assert.ok(doc.paths['/api/v1/plans/{id}/published/measures/{key}/feedback'].post);
  assert.ok(doc.paths['/api/v1/plans/{id}/published/measures/{key}/feedback'].get);
  assert.ok(doc.paths['/api/v1/orgs/{code}/feedback'].get);
  assert.ok(doc.paths['/api/v1/feedback/{id}/moderation'].post);
});
