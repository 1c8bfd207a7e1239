'use strict';
// Shared categories compared across organisations (issue 16 point 6, SPEC §3.10 and §4.2): both
// demo cities' 書かない窓口 under フロントヤード改革 — 江津市's as its version 1.2 has it, 印西市's as
// its 案 published for public comment, marked draft — with KPIs per 10,000 inhabitants where the
// unit counts; only published data: a measure the published version lacks does not appear, not
// even when its office has confirmed the category, and another organisation's draft never leaks;
// the office confirms and rejects suggestions, each write with an audit row, a rejected one not
// suggested again; unknown categories are 404.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  srv.addUser({ login: 'inzai-office', role: 'office', org: '122319' });
});
after(() => srv && srv.stop());

async function call(method, p, body, status, as = 'office') {
  const r = await api(srv.url, p, { method, body, as });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}
const inzaiOffice = () => srv.signIn('inzai-office', 'password-inzai-office');
const compared = async (code, as = null) => (await call('GET', `/api/v1/categories/${code}/measures`, undefined, 200, as)).items;
const titles = (items) => items.map((e) => `${e.org.name} ${e.measure.title}`);

/** A theme of the plan (the first), to add measures to. */
async function firstTheme(planId, as) {
  const plan = await call('GET', `/api/v1/plans/${planId}`, undefined, 200, as);
  return plan.pillars[0].themes[0].id;
}

test('the list names every category with its published measures and organisations', async () => {
  const list = await call('GET', '/api/v1/categories', undefined, 200, null);
  assert.equal(list.total, list.items.length);
  const by = Object.fromEntries(list.items.map((c) => [c.code, c]));
  for (const code of ['front_yard', 'standardisation', 'eltax', 'mynumber', 'security', 'ai_rpa', 'telework', 'online_procedures'])
    assert.equal(by[code]?.kind, 'dx_priority', code);
  assert.equal(by.front_yard.title, '自治体フロントヤード改革の推進');
  assert.equal(by.no_writing_counter.title, '書かない窓口');
  assert.equal(by.no_writing_counter.kind, 'means');
  assert.deepEqual([by.no_writing_counter.measures, by.no_writing_counter.orgs], [2, 2]);
  assert.equal(by.front_yard.orgs, 2);
  assert.deepEqual([by.eltax.measures, by.eltax.orgs], [0, 0]);
});

test('書かない窓口 of 江津市 and 印西市 side by side, each as published, 印西市\'s marked as its 案', async () => {
  const items = await compared('front_yard');
  const gotsu = items.find((e) => e.org.code === '322075' && e.measure.title === '書かない窓口');
  const inzai = items.find((e) => e.org.code === '122319' && e.measure.title === '書かない窓口');
  assert.ok(gotsu && inzai, JSON.stringify(titles(items)));
  assert.deepEqual(gotsu.org, { code: '322075', name: '江津市', population: 22959 });
  assert.deepEqual([gotsu.plan.version, gotsu.plan.draft], ['1.2', false]);
  assert.deepEqual(inzai.org, { code: '122319', name: '印西市', population: 102609 });
  assert.deepEqual([inzai.plan.version, inzai.plan.draft], ['案', true]);
  assert.equal(gotsu.measure.url, `/plans/${ids.planId}/published/measures/1-1-3`);
  const k = gotsu.kpis.find((x) => x.name === '窓口の平均対応時間削減割合');
  assert.deepEqual([k.unit, k.baseline, k.target, k.per_10k], ['%', { value: 0, fy: 2024 }, { value: 50, fy: 2026 }, null]);
  assert.equal(gotsu.rating, null);                                   // no confirmed review yet
  // the published sheet it links to
  const sheet = await api(srv.url, gotsu.measure.url, { as: null });
  assert.equal(sheet.status, 200);
  assert.match(sheet.text, /href="\/categories\/no_writing_counter"/);
  // the page: both cities, 印西市's version marked 案
  const page = await api(srv.url, '/categories/no_writing_counter', { as: null });
  assert.equal(page.status, 200);
  assert.match(page.text, /江津市/);
  assert.match(page.text, /印西市/);
  assert.match(page.text, /案（パブリックコメント用）/);
  assert.match(page.text, /<h1>書かない窓口<\/h1>/);
});

test('a count is put per 10,000 inhabitants with the population used; a percentage is not', async () => {
  const remote = (await compared('remote_counter')).find((e) => e.measure.title === 'リモート窓口');
  const k = remote.kpis[0];
  assert.equal(k.unit, '箇所');
  assert.deepEqual(k.per_10k, { population: 22959, target: 1.31 });    // 3 × 10000 / 22959
  const page = (await api(srv.url, '/categories/remote_counter', { as: null })).text;
  assert.match(page, /1万人あたり 1\.31箇所/);
  assert.match(page, /人口22,959人で計算/);
});

test('a comparison comes a page at a time: limit and offset, the total of the whole list', async () => {
  const all = await call('GET', '/api/v1/categories/front_yard/measures', undefined, 200, null);
  assert.ok(all.total >= 2, JSON.stringify(all));
  assert.deepEqual([all.items.length, all.limit, all.offset], [all.total, 100, 0]);
  const first = await call('GET', '/api/v1/categories/front_yard/measures?limit=1', undefined, 200, null);
  const second = await call('GET', '/api/v1/categories/front_yard/measures?limit=1&offset=1', undefined, 200, null);
  assert.deepEqual([first.items.length, first.total, second.items.length, second.offset], [1, all.total, 1, 1]);
  assert.deepEqual([first.items[0], second.items[0]], all.items.slice(0, 2));
  const past = await call('GET', `/api/v1/categories/front_yard/measures?offset=${all.total}`, undefined, 200, null);
  assert.deepEqual([past.items.length, past.total], [0, all.total]);
  for (const q of ['limit=0', 'limit=1001', 'limit=x', 'offset=-1']) {
    const bad = await call('GET', `/api/v1/categories/front_yard/measures?${q}`, undefined, 400, null);
    assert.equal(bad.error.field, q.split('=')[0]);
  }
  // the page says how many there are, and a page past the end says so instead of "no measure yet"
  const page = (await api(srv.url, '/categories/front_yard', { as: null })).text;
  assert.ok(page.includes(`全${all.total}件のうち 1〜${all.total}件目`), page);
  const beyond = (await api(srv.url, '/categories/front_yard?offset=500', { as: null })).text;
  assert.match(beyond, /このページに施策はありません/);
});

test('unknown categories are 404, in the API and as a page', async () => {
  await call('GET', '/api/v1/categories/no_such/measures', undefined, 404, null);
  await call('GET', '/api/v1/categories/%E7%AA%93%E5%8F%A3/measures', undefined, 404, null);
  assert.equal((await api(srv.url, '/categories/no_such', { as: null })).status, 404);
  await call('PUT', `/api/v1/measures/${ids.measureId}/categories/no_such`, { state: 'confirmed' }, 404);
});

test('the office confirms and rejects suggestions, each with an audit row; a rejected one is not suggested again', async () => {
  const theme = await firstTheme(ids.planId, 'office');
  const m = await call('POST', `/api/v1/themes/${theme}/measures`,
    { code: 'X-1', title: 'マイナンバーカードで書かない窓口', departments: ['窓口担当課'] }, 201);
  const p = `/api/v1/measures/${m.id}/categories`;
  let c = await call('GET', p, undefined, 200);
  const codes = (l) => l.map((x) => x.code);
  assert.deepEqual(codes(c.suggested), ['front_yard', 'mynumber', 'no_writing_counter']);
  assert.deepEqual([c.confirmed, c.rejected], [[], []]);
  // bad input changes nothing
  const audits = (await call('GET', `/api/v1/audit?entity=measure&id=${m.id}`, undefined, 200, 'admin')).total;
  await call('PUT', `${p}/front_yard`, { state: 'maybe' }, 422);
  await call('PUT', `${p}/front_yard`, {}, 422);
  assert.equal((await call('GET', `/api/v1/audit?entity=measure&id=${m.id}`, undefined, 200, 'admin')).total, audits);
  // confirm one, reject another
  c = await call('PUT', `${p}/front_yard`, { state: 'confirmed' }, 200);
  assert.deepEqual([codes(c.confirmed), codes(c.suggested)], [['front_yard'], ['mynumber', 'no_writing_counter']]);
  c = await call('PUT', `${p}/mynumber`, { state: 'rejected' }, 200);
  assert.deepEqual([codes(c.suggested), codes(c.rejected)], [['no_writing_counter'], ['mynumber']]);
  const log = await call('GET', `/api/v1/audit?entity=measure&id=${m.id}&limit=2`, undefined, 200, 'admin');
  assert.equal(log.total, audits + 2);
  const [rejected, confirmed] = log.items;                             // newest first
  assert.deepEqual([confirmed.before.categories, confirmed.after.categories], [[], ['front_yard']]);
  assert.deepEqual([rejected.before.rejected_categories, rejected.after.rejected_categories], [[], ['mynumber']]);
  // the measure's history names the category in words, not its code
  const history = (await api(srv.url, `/measures/${m.id}/history`, { as: 'office' })).text;
  assert.match(history, /マイナンバーカードの普及促進・利用の推進/);
  // still about マイナンバー after an edit, but rejected: not suggested again
  await call('PATCH', `/api/v1/measures/${m.id}`, { title: 'マイナンバーカードで書かない窓口（拡大）' }, 200);
  c = await call('GET', p, undefined, 200);
  assert.deepEqual(codes(c.suggested), ['no_writing_counter']);
  // the document carries the confirmed ones
  const doc = await call('GET', '/api/v1/orgs/322075/document', undefined, 200);
  const mine = doc.plans[0].pillars.flatMap((x) => x.themes.flatMap((t) => t.measures)).find((x) => x.code === 'X-1');
  assert.deepEqual(mine.categories, ['front_yard']);
  // a reporter may not decide; removing takes a confirmation back
  await call('PUT', `${p}/no_writing_counter`, { state: 'confirmed' }, 403, 'reporter');
  c = await call('DELETE', `${p}/front_yard`, undefined, 200);
  assert.deepEqual(codes(c.confirmed), []);
  await call('DELETE', `/api/v1/measures/${m.id}`, undefined, 204);
});

test('only published data: a confirmed measure the published version lacks does not appear until it is published', async () => {
  const theme = await firstTheme(ids.planId, 'office');
  const m = await call('POST', `/api/v1/themes/${theme}/measures`,
    { code: 'X-2', title: '書かない窓口（第2期）', departments: ['窓口担当課'] }, 201);
  await call('PUT', `/api/v1/measures/${m.id}/categories/no_writing_counter`, { state: 'confirmed' }, 200);
  for (const as of [null, 'office']) {
    const items = await compared('no_writing_counter', as);
    assert.ok(!items.some((e) => e.measure.id === m.id), `${as || 'the public'}: the draft's measure is not compared`);
    assert.equal(items.length, 2);
  }
  assert.equal((await call('GET', '/api/v1/categories', undefined, 200, null)).items.find((c) => c.code === 'no_writing_counter').measures, 2);
  // a draft change of a published measure is not shown either: its published title is
  const own = `/api/v1/measures/${ids.measureId}`;
  await call('PATCH', own, { title: '書かない窓口（改訂中）' }, 200);
  assert.ok((await compared('no_writing_counter')).some((e) => e.measure.title === '書かない窓口' && e.org.code === '322075'));
  assert.ok(!(await compared('no_writing_counter')).some((e) => /改訂中/.test(e.measure.title)));
  await call('PATCH', own, { title: '書かない窓口' }, 200);
  // published as 1.3, it is compared
  await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.3', date: '2026-04-01' }, 201);
  const items = await compared('no_writing_counter');
  assert.ok(items.some((e) => e.measure.id === m.id && e.plan.version === '1.3'), JSON.stringify(titles(items)));
  const count = async () => (await call('GET', '/api/v1/categories', undefined, 200, null)).items.find((c) => c.code === 'no_writing_counter').measures;
  assert.equal(await count(), 3);
  // taken out of the plan and published as 1.4, it is no longer compared, though 1.3 still holds it
  await call('DELETE', `/api/v1/measures/${m.id}`, undefined, 204);
  await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.4', date: '2026-05-01' }, 201);
  const after14 = await compared('no_writing_counter');
  assert.ok(!after14.some((e) => e.measure.key === 'X-2' || /第2期/.test(e.measure.title)), JSON.stringify(titles(after14)));
  assert.deepEqual([after14.length, await count()], [2, 2]);
  assert.ok(after14.some((e) => e.org.code === '322075' && e.plan.version === '1.4'), JSON.stringify(titles(after14)));
});

test('another organisation\'s draft-only measure does not leak to 江津市 or the public', async () => {
  const s = await inzaiOffice();
  const theme = await firstTheme(ids.inzaiPlanId, s);
  const m = await call('POST', `/api/v1/themes/${theme}/measures`, { code: 'A-9', title: '書かない窓口（印西市の検討中）' }, 201, s);
  await call('PUT', `/api/v1/measures/${m.id}/categories/front_yard`, { state: 'confirmed' }, 200, s);
  assert.deepEqual((await call('GET', `/api/v1/measures/${m.id}/categories`, undefined, 200, s)).confirmed.map((c) => c.code),
    ['front_yard']);
  for (const as of [null, 'office', 'admin', s]) {
    const items = await compared('front_yard', as);
    assert.ok(!items.some((e) => /検討中/.test(e.measure.title)), JSON.stringify(titles(items)));
    const page = (await api(srv.url, '/categories/front_yard', { as })).text;
    assert.doesNotMatch(page, /検討中/);
  }
  // 江津市's office neither reads nor decides on 印西市's measure's categories
  await call('GET', `/api/v1/measures/${m.id}/categories`, undefined, 403, 'office');
  await call('PUT', `/api/v1/measures/${m.id}/categories/front_yard`, { state: 'rejected' }, 403, 'office');
});

test('a document naming an unknown category is refused with its path, and changes nothing', async () => {
  const doc = await call('GET', '/api/v1/orgs/322075/document', undefined, 200);
  const m = doc.plans[0].pillars[0].themes[0].measures.find((x) => x.title === '書かない窓口');
  assert.deepEqual(m.categories, ['front_yard', 'no_writing_counter']);
  m.categories = ['front_yard', 'no_such'];
  const r = await api(srv.url, '/api/v1/orgs/322075/document', { method: 'PUT', body: doc, as: 'office' });
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /categories\[1\]/);
  assert.match(r.text, /no_such/);
  m.categories = ['no_writing_counter'];                              // front_yard taken off by the document
  const ok = await api(srv.url, '/api/v1/orgs/322075/document', { method: 'PUT', body: doc, as: 'office' });
  assert.equal(ok.status, 200, ok.text);
  const c = await call('GET', `/api/v1/measures/${ids.measureId}/categories`, undefined, 200);
  assert.deepEqual(c.confirmed.map((x) => x.code), ['no_writing_counter']);
  assert.ok(c.suggested.some((x) => x.code === 'front_yard'), 'taken off, it is suggested again');
});
