'use strict';
// Organisations at national scale (issue 17, point 2): GET /api/v1/orgs by prefecture, by a part
// of the name or the first digits of the code, a page at a time with its total; GET
// /api/v1/prefectures in the order of the prefecture codes with their counts; and the pages —
// the home page's search and prefectures (every card only while there are 50 organisations or
// fewer), /orgs 50 cards a page with 前へ/次へ that keep the filters. The demo has 江津市 (322075,
// 島根県) and 印西市 (122319, 千葉県); the test adds 60 towns of 北海道 and five villages of 沖縄県
// whose names hold %, _ and !, the characters a LIKE pattern would take for its own.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, withQuery, orgCode, visibleText } = require('../lib/server');

let srv;
let demoHome;                                   // the home page before the test adds organisations
const hokkaido = [];                            // the 60 codes added in 北海道, in order
const special = {};                             // name → code of the 沖縄県 villages
const kana = 'アイウエオカキクケコ';
const townName = (i) => `テスト${kana[Math.floor(i / 10)]}${kana[i % 10]}町`;   // no digits: q 32 is a code

before(async () => {
  srv = await startServer();
  demoHome = (await api(srv.url, '/', { as: null })).text;
  for (let i = 0; i < 60; i++) {
    const code = orgCode(`01${101 + i}`);
    const r = await api(srv.url, '/api/v1/orgs', { method: 'POST',
      body: { code, name: townName(i), prefecture: '北海道' } });
    assert.equal(r.status, 201, r.text);
    hokkaido.push(code);
  }
  const villages = ['ア%イ村', 'アキイ村', 'ウ_エ村', 'ウクエ村', 'オ!カ村'];
  for (const [i, name] of villages.entries()) {
    const code = orgCode(`47${301 + i}`);
    const r = await api(srv.url, '/api/v1/orgs', { method: 'POST', body: { code, name, prefecture: '沖縄県' } });
    assert.equal(r.status, 201, r.text);
    special[name] = code;
  }
});
after(() => srv && srv.stop());

const list = async (params) => {
  const r = await api(srv.url, withQuery('/api/v1/orgs', params), { as: null });
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const codes = (j) => j.items.map((o) => o.code);

test('without a filter: every organisation in code order, the default page of 100, with total, limit and offset', async () => {
  const all = await list({});
  assert.equal(all.total, 67);
  assert.equal(all.limit, 100);
  assert.equal(all.offset, 0);
  assert.equal(all.items.length, 67);
  assert.deepEqual(codes(all), [...codes(all)].sort(), 'in code order');
  const one = all.items.find((o) => o.code === '322075');
  assert.deepEqual(one, { code: '322075', name: '江津市', prefecture: '島根県', population: one.population },
    'items keep the shape of SPEC §4');
  assert.equal((await list({ limit: 2000 })).items.length, 67, 'limit 2000: everything in one request');
});

test('prefecture: exactly the organisations of that prefecture; an unknown one gives none', async () => {
  const h = await list({ prefecture: '北海道' });
  assert.equal(h.total, 60);
  assert.deepEqual(codes(h), hokkaido);
  assert.deepEqual(codes(await list({ prefecture: '島根県' })), ['322075']);
  assert.deepEqual(codes(await list({ prefecture: '千葉県' })), ['122319']);
  const none = await list({ prefecture: '火星県' });
  assert.deepEqual(none, { items: [], total: 0, limit: 100, offset: 0 });
  assert.equal((await list({ prefecture: '北海' })).total, 0, 'the name whole, not a part of it');
});

test('q: a part of the name, or the first digits of the code (full-width digits too)', async () => {
  assert.deepEqual(codes(await list({ q: '江津' })), ['322075']);
  assert.deepEqual(codes(await list({ q: '江津市' })), ['322075']);
  assert.deepEqual(codes(await list({ q: '津' })), ['322075'], 'a part anywhere in the name');
  assert.deepEqual(codes(await list({ q: '印西' })), ['122319']);
  assert.deepEqual(codes(await list({ q: '32' })), ['322075'], '32 begins only 江津市’s code');
  assert.deepEqual(codes(await list({ q: '322075' })), ['322075']);
  assert.deepEqual(codes(await list({ q: '３２' })), ['322075'], 'full-width digits are digits');
  assert.deepEqual(codes(await list({ q: ' 江津 ' })), ['322075'], 'spaces around are trimmed');
  // 01132x holds "32" in the middle and 12 also begins 0112x…: a code matches from its start only
  assert.ok(hokkaido.some((c) => c.includes('32')), 'a 北海道 code holds 32 inside');
  assert.deepEqual(codes(await list({ q: '12' })), ['122319']);
  assert.equal((await list({ q: '011' })).total, 60, 'a prefix of many codes');
  assert.equal((await list({ q: 'テスト' })).total, 60);
  assert.equal((await list({ q: '存在しない' })).total, 0);
  assert.equal((await list({ q: '' })).total, 67, 'an empty q filters nothing');
  assert.deepEqual(codes(await list({ q: 'テストアア', prefecture: '北海道' })), [hokkaido[0]], 'both filters together');
  assert.equal((await list({ q: '江津', prefecture: '北海道' })).total, 0);
});

test('%, _ and ! in q are themselves, not wildcards', async () => {
  assert.deepEqual(codes(await list({ q: '%' })), [special['ア%イ村']]);
  assert.deepEqual(codes(await list({ q: 'ア%イ' })), [special['ア%イ村']], 'not アキイ村');
  assert.deepEqual(codes(await list({ q: '_' })), [special['ウ_エ村']]);
  assert.deepEqual(codes(await list({ q: 'ウ_エ' })), [special['ウ_エ村']], 'not ウクエ村');
  assert.deepEqual(codes(await list({ q: '!' })), [special['オ!カ村']]);
  assert.deepEqual(codes(await list({ q: '!%' })), [], 'the escape character itself is escaped');
  assert.equal((await list({ q: '4730%' })).total, 0, 'nor in a code');
  assert.equal((await list({ q: '4730_' })).total, 0);
});

test('limit and offset page the list; total counts every match', async () => {
  const first = await list({ prefecture: '北海道', limit: 50 });
  const second = await list({ prefecture: '北海道', limit: 50, offset: 50 });
  assert.equal(first.total, 60);
  assert.equal(second.total, 60);
  assert.equal(first.items.length, 50);
  assert.equal(second.items.length, 10);
  assert.equal(second.offset, 50);
  assert.equal(second.limit, 50);
  assert.deepEqual([...codes(first), ...codes(second)], hokkaido, 'the pages follow each other in code order');
  const past = await list({ prefecture: '北海道', offset: 100 });
  assert.equal(past.items.length, 0);
  assert.equal(past.total, 60, 'past the end: no items, the total still');
  assert.deepEqual(codes(await list({ limit: 1, offset: 1 })), [hokkaido[1]]);
  assert.deepEqual(codes(await list({ limit: 1, offset: 60 })), ['122319'], '北海道 (01…), then 印西市');
});

test('a bad limit or offset is 400 naming the field', async () => {
  for (const [params, field] of [[{ limit: 0 }, 'limit'], [{ limit: 2001 }, 'limit'], [{ limit: 'abc' }, 'limit'],
    [{ limit: '' }, 'limit'], [{ limit: '10x' }, 'limit'], [{ offset: -1 }, 'offset'], [{ offset: 'x' }, 'offset']]) {
    const r = await api(srv.url, withQuery('/api/v1/orgs', params), { as: null });
    assert.equal(r.status, 400, `${JSON.stringify(params)}: ${r.text}`);
    assert.equal(r.json.error.code, 'bad_request');
    assert.equal(r.json.error.field, field, JSON.stringify(params));
    assert.match(r.json.error.message, new RegExp(field));
  }
});

test('GET /api/v1/prefectures: in the order of the prefecture codes, with the two digits and the counts', async () => {
  const r = await api(srv.url, '/api/v1/prefectures', { as: null });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { items: [
    { name: '北海道', code: '01', orgs: 60 },
    { name: '千葉県', code: '12', orgs: 1 },
    { name: '島根県', code: '32', orgs: 1 },
    { name: '沖縄県', code: '47', orgs: 5 },
  ], total: 4 });
});

test('the home page of the demo (two organisations): the search, the prefectures and every card as before', () => {
  assert.match(demoHome, /<form class="search" role="search" method="get" action="\/orgs">/);
  assert.match(demoHome, /<label for="org-q">名称・コードで探す<\/label>/);
  const prefs = [...demoHome.matchAll(/href="\/orgs\?prefecture=([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
  assert.deepEqual(prefs, ['千葉県', '島根県'], 'JIS order: 12 before 32');
  assert.match(visibleText(demoHome), /千葉県\s*（1件）/);
  assert.match(demoHome, /<section class="card" aria-labelledby="org-322075">/);
  assert.match(demoHome, /<section class="card" aria-labelledby="org-122319">/);
  assert.match(demoHome, /スマートシティ江津推進構想アクションプラン/, 'a card keeps its plans');
});

test('the home page with more than 50 organisations: the search and the prefectures, no cards', async () => {
  const home = (await api(srv.url, '/', { as: null })).text;
  assert.doesNotMatch(home, /class="card"/);
  assert.match(visibleText(home), /67の自治体を掲載しています/);
  const prefs = [...home.matchAll(/href="\/orgs\?prefecture=([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
  assert.deepEqual(prefs, ['北海道', '千葉県', '島根県', '沖縄県']);
  assert.match(visibleText(home), /北海道\s*（60件）/);
  assert.match(home, /<a href="\/orgs">/, 'a way to every organisation');
  assert.doesNotMatch(visibleText(home), /（01）|\b47\b/, 'no prefecture codes on screen');
  const admin = (await api(srv.url, '/', { as: 'admin' })).text;
  assert.doesNotMatch(admin, /class="card"/, 'the admin sees the same');
  const en = visibleText((await api(srv.url, '/?lang=en', { as: null })).text);
  assert.match(en, /Find by name or code/);
  assert.match(en, /67 municipalities are here/);
  assert.match(en, /北海道\s*\(60\)/);
});

test('/orgs?prefecture=北海道: 50 cards, 「60件中 1–50件」, 次へ to the rest with the prefecture kept', async () => {
  const pref = encodeURIComponent('北海道');
  const p1 = (await api(srv.url, `/orgs?prefecture=${pref}`, { as: null })).text;
  assert.equal([...p1.matchAll(/<section class="card"/g)].length, 50);
  assert.match(visibleText(p1), /60件中 1–50件/);
  assert.match(p1, /<h1>北海道の自治体<\/h1>/);
  assert.match(p1, new RegExp(`<a rel="next" href="/orgs\\?prefecture=${pref}&amp;offset=50">`));
  assert.doesNotMatch(p1, /rel="prev"/);
  assert.match(p1, new RegExp(`<a href="/orgs\\?prefecture=${pref}" aria-current="page">`), 'the prefecture shown is marked');
  const p2 = (await api(srv.url, `/orgs?prefecture=${pref}&offset=50`, { as: null })).text;
  assert.equal([...p2.matchAll(/<section class="card"/g)].length, 10);
  assert.match(visibleText(p2), /60件中 51–60件/);
  assert.match(p2, new RegExp(`<a rel="prev" href="/orgs\\?prefecture=${pref}&amp;offset=0">← 前へ</a>`));
  assert.doesNotMatch(p2, /rel="next"/);
  const cards = (html) => [...html.matchAll(/aria-labelledby="org-(\d{6})"/g)].map((m) => m[1]);
  assert.deepEqual([...cards(p1), ...cards(p2)], hokkaido);
});

test('/orgs?q= finds by name or code and keeps q in the pager; the cards carry their plans', async () => {
  const q = encodeURIComponent('テスト');
  const p1 = (await api(srv.url, `/orgs?q=${q}`, { as: null })).text;
  assert.match(p1, new RegExp(`<a rel="next" href="/orgs\\?q=${q}&amp;offset=50">`));
  assert.match(p1, /value="テスト"/, 'the form shows what was searched');
  const both = (await api(srv.url, `/orgs?prefecture=${encodeURIComponent('北海道')}&q=${q}`, { as: null })).text;
  assert.match(both, new RegExp(`rel="next" href="/orgs\\?prefecture=${encodeURIComponent('北海道')}&amp;q=${q}&amp;offset=50"`));
  const found = (await api(srv.url, `/orgs?q=${encodeURIComponent('江津')}`, { as: null })).text;
  assert.equal([...found.matchAll(/<section class="card"/g)].length, 1);
  assert.match(found, /スマートシティ江津推進構想アクションプラン/);
  assert.match(visibleText(found), /1件中 1–1件/);
  const byCode = (await api(srv.url, '/orgs?q=32', { as: null })).text;
  assert.match(byCode, /aria-labelledby="org-322075"/);
  const none = visibleText((await api(srv.url, `/orgs?q=${encodeURIComponent('%')}&prefecture=${encodeURIComponent('島根県')}`, { as: null })).text);
  assert.match(none, /該当する自治体はありません。/);
  const bad = await api(srv.url, '/orgs?offset=abc', { as: null });
  assert.equal(bad.status, 200, 'a bad offset on a page is the first page');
  assert.match(visibleText(bad.text), /67件中 1–50件/);
});
