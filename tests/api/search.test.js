'use strict';
// GET /api/v1/plans/{id}/measures?q=&dept=: Japanese search of any word length (SPEC §3.1,
// STACK gotcha 5: FTS5 trigrams miss 1–2 character words and choke on "(").
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, withQuery, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

async function search(params) {
  const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.planId}/measures`, params));
  assert.equal(r.status, 200, `${JSON.stringify(params)}: ${r.status} ${r.text}`);
  assert.ok(Array.isArray(r.json.items), 'items');
  assert.equal(r.json.total, r.json.items.length, 'total equals the number of items');
  return r.json;
}
const titles = (res) => res.items.map((m) => m.title);

test('without q, every measure of the plan is listed', async () => {
  const res = await search({});
  assert.equal(res.total, 30);
  for (const m of res.items) assert.ok(Number.isInteger(m.id), `${m.code} has an id`);
});

test('q=窓口 (2 characters) finds at least 3 measures including 書かない窓口', async () => {
  const res = await search({ q: '窓口' });
  assert.ok(res.total >= 3, `${res.total} results: ${titles(res)}`);
  assert.ok(titles(res).includes('書かない窓口'), titles(res).join(', '));
  assert.ok(titles(res).includes('リモート窓口'), titles(res).join(', '));
  assert.ok(res.total < 30, 'q filters');
});

test('q=課 (1 character) finds measures', async () => {
  const res = await search({ q: '課' });
  assert.ok(res.total >= 1, 'a one-character word finds measures');
  // 課 appears in departments (窓口担当課) and in titles such as 課題の整理・解決能力の向上
  assert.ok(titles(res).includes('課題の整理・解決能力の向上'), titles(res).join(', '));
});

test('q=ＡＩ (full-width) gives the same results as q=AI', async () => {
  const half = await search({ q: 'AI' });
  const full = await search({ q: 'ＡＩ' });
  assert.ok(half.total >= 2, `AI: ${titles(half)}`);
  assert.ok(titles(half).includes('生成AIの活用'), titles(half).join(', '));
  assert.deepEqual(full.items.map((m) => m.id), half.items.map((m) => m.id));
  const lower = await search({ q: 'ai' });
  assert.deepEqual(lower.items.map((m) => m.id), half.items.map((m) => m.id), 'case folded too');
});

test('q=書かない窓口 (6 characters) finds it', async () => {
  const res = await search({ q: '書かない窓口' });
  assert.ok(titles(res).includes('書かない窓口'), titles(res).join(', '));
  assert.equal(res.items.find((m) => m.title === '書かない窓口').id, ids.measureId);
});

test('a word that is nowhere finds nothing', async () => {
  const res = await search({ q: '存在しない言葉ぴよぴよ' });
  assert.equal(res.total, 0);
});

test('q of punctuation or FTS syntax answers 200 with 0 items, never 500', async () => {
  for (const q of ['"(', '(', '"', ')', '*', '!!!', '、。', '（）', 'AND', 'NOT', '^', ':', '""', '-', '.', '{}']) {
    const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.planId}/measures`, { q }));
    assert.equal(r.status, 200, `q=${q}: ${r.status} ${r.text}`);
    if (!/^[A-Z]+$/.test(q)) assert.equal(r.json.total, 0, `q=${q}: ${titles(r.json)}`);
  }
});

test('q with FTS syntax around a real word still finds it or nothing, without error', async () => {
  for (const q of ['窓口"', '"窓口', '窓口 OR', '窓口*', 'NEAR(窓口)']) {
    const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.planId}/measures`, { q }));
    assert.equal(r.status, 200, `q=${q}: ${r.status} ${r.text}`);
  }
});

test('dept= filters by department name', async () => {
  const res = await search({ dept: '窓口担当課' });
  assert.ok(res.total >= 1, 'dept=窓口担当課 finds measures');
  assert.ok(titles(res).includes('書かない窓口'));
  for (const m of res.items) assert.ok(m.departments.includes('窓口担当課'), `${m.title}: ${m.departments}`);
  const all = await search({});
  const expected = all.items.filter((m) => m.departments.includes('窓口担当課')).map((m) => m.id).sort();
  assert.deepEqual(res.items.map((m) => m.id).sort(), expected);
});

test('dept= combined with q narrows both ways', async () => {
  const res = await search({ dept: '総務課', q: '改革' });
  for (const m of res.items) assert.ok(m.departments.includes('総務課'), `${m.title}: ${m.departments}`);
  assert.ok(titles(res).includes('電話改革'), titles(res).join(', '));
  const none = await search({ dept: '存在しない課' });
  assert.equal(none.total, 0);
});

test('search of another plan does not leak Gotsu measures', async () => {
  const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.inzaiPlanId}/measures`, { q: '書かない窓口' }));
  assert.equal(r.status, 200);
  assert.ok(!r.json.items.some((m) => m.id === ids.measureId), 'Gotsu measure found in the Inzai plan');
});
