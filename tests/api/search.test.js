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

// Issue 18 point 3: a word of a theme's or a pillar's title finds the measures under it, and each
// result says where it matched — in the published version anyone reads and in the draft alike.
test('マイナ (in the theme 「マイナンバーカードの利用拡大」) finds its measure; results say which field matched', async () => {
  const office = await srv.session('office');
  for (const as of [undefined, office]) {
    const who = as ? 'draft' : 'published';
    const get = async (q) => {
      const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.planId}/measures`, { q }), { as });
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    const mynumber = await get('マイナ');
    assert.deepEqual(mynumber.map((m) => [m.code, m.title, m.matched]),
      [['1-2-1', '住民票の写し等のコンビニ交付', ['theme']]], who);
    // two words, one in the title and one in the theme's title
    assert.deepEqual((await get('マイナ コンビニ')).map((m) => [m.code, m.matched]), [['1-2-1', ['title', 'text', 'theme']]], who);   // コンビニ is in its means too
    // a pillar's title: every measure under 業務プロセスの改革に関すること, matched in the pillar
    const pillar = ids.plan.pillars.find((p) => p.title === '業務プロセスの改革に関すること');
    const under = pillar.themes.flatMap((t) => t.measures.map((m) => m.code));
    const process = await get('業務プロセスの改革');
    assert.deepEqual(process.map((m) => m.code), under, who);
    assert.ok(process.every((m) => m.matched.includes('pillar')), who);
    // a word only in a measure's other text (a department)
    const dept = await get('市民生活課');
    assert.ok(dept.length > 0 && dept.every((m) => m.matched.includes('text')), `${who}: ${JSON.stringify(dept)}`);
    // without a word, no "matched"
    const all = await api(srv.url, `/api/v1/plans/${ids.planId}/measures`, { as });
    assert.ok(all.json.items.every((m) => m.matched === undefined), who);
  }
  // the search page says it in words, under each result's title
  for (const as of [undefined, office]) {
    const page = await api(srv.url, withQuery(`/plans/${ids.planId}/search`, { q: 'マイナ' }), { as });
    assert.equal(page.status, 200);
    assert.match(page.text, /<span class="matched muted small">一致した箇所：テーマ名<\/span>/);
    const en = await api(srv.url, withQuery(`/plans/${ids.planId}/search`, { q: 'マイナ', lang: 'en' }), { as });
    assert.match(en.text, /<span class="matched muted small">Matched in: Theme title<\/span>/);
  }
});
