'use strict';
// Open data (issue 16 point 5, SPEC §3.11): each organisation's measures, KPIs and measurements
// as CSV and JSON under CC BY 4.0, read signed out, from the latest published version of each
// plan only; ETag and Last-Modified answered with 304; the catalogue API and page list them.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

const DRAFT_TITLE = '下書きだけの取組名（未公開）';
const NEW_MEASURE = '下書きで加えた取組（未公開）';
const FILES = ['measures', 'kpis', 'measurements'];
const LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.ja', attribution: '江津市' };

let srv;
let ids;
let publishedTitle;                      // 書かない窓口's measure as version 1.2 has it
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  publishedTitle = '書かない窓口';
});
after(() => srv && srv.stop());

/** A signed-out request (api() of tests/lib/server.js). */
const get = (p) => api(srv.url, p, { as: null });

/** The raw bytes of a signed-out GET, with its headers. */
async function raw(p, headers = {}) {
  const res = await fetch(srv.url + p, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A CSV text (RFC 4180) as rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i++;
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

/** The file as the CSV's rows (header first), checking the BOM. */
async function csvRows(code, name) {
  const r = await raw(`/orgs/${code}/open-data/${name}.csv`);
  assert.equal(r.status, 200);
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  return parseCsv(r.bytes.subarray(3).toString('utf8'));
}

const json = async (code, name) => (await get(`/orgs/${code}/open-data/${name}.json`)).json;

test('each file answers signed out with the licence, its type, its name and its validators', async () => {
  for (const name of FILES)
    for (const format of ['csv', 'json']) {
      const r = await raw(`/orgs/322075/open-data/${name}.${format}`);
      assert.equal(r.status, 200, `${name}.${format}`);
      assert.equal(r.headers.get('content-type'), format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      assert.equal(r.headers.get('link'), '<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
      assert.equal(r.headers.get('content-disposition'), `attachment; filename="322075_${name}.${format}"`);
      assert.match(r.headers.get('etag'), /^"[0-9a-f]{16}"$/);
      assert.match(r.headers.get('last-modified'), /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    }
  const kpis = await json('322075', 'kpis');
  assert.deepEqual(kpis.license, LICENSE);
  assert.equal(kpis.source.org, '江津市');
  assert.deepEqual(kpis.source.plans.map((p) => [p.version, p.url]), [['1.2', `/plans/${ids.planId}/published`]]);
  assert.equal(new Date(kpis.updated).toUTCString(), (await raw('/orgs/322075/open-data/kpis.json')).headers.get('last-modified'),
    'updated is the Last-Modified');
  assert.deepEqual(kpis.columns.slice(0, 3).map((c) => [c.key, c.title]),
    [['org_code', '全国地方公共団体コード'], ['prefecture', '都道府県名'], ['municipality', '市区町村名']]);
  // the KPI of 書かない窓口 as the published plan has it, its figures as numbers and words
  const kpi = kpis.items.find((k) => k.kpi === '窓口の平均対応時間削減割合');
  assert.equal(kpi.measure, publishedTitle);
  assert.equal(kpi.org_code, '322075');
  assert.ok(['増やす', '減らす', '維持する'].includes(kpi.direction));
  assert.ok(['データなし', '順調', '要注意', '遅れ', '達成', '目標未決定', '目標なし'].includes(kpi.status));
  assert.equal(kpis.items.length, kpis.total);
  const plan = (await get(`/api/v1/plans/${ids.planId}/published`)).json;
  let published = 0;
  for (const pi of plan.document.plans[0].pillars)
    for (const t of pi.themes)
      for (const m of t.measures) published += (m.kpis || []).length;
  assert.equal(kpis.items.length, published, 'one row per KPI of the published plan');
  // a measurement: its date as a date, its value as a number
  const ms = await json('322075', 'measurements');
  assert.ok(ms.items.length >= 1);
  assert.match(ms.items[0].date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(typeof ms.items[0].value, 'number');
  // the CSV holds the same rows as the JSON
  const rows = await csvRows('322075', 'kpis');
  assert.deepEqual(rows[0], kpis.columns.map((c) => c.title));
  assert.equal(rows.length - 1, kpis.items.length);
  const measures = await json('322075', 'measures');
  const m = measures.items.find((x) => x.title === publishedTitle);
  assert.deepEqual([m.org_code, m.municipality, m.plan], ['322075', '江津市', kpis.source.plans[0].title]);
  assert.equal(m.url, `/plans/${ids.planId}/published/measures/${m.code}`);
  assert.ok(measures.items.every((x) => x.url.endsWith(`/published/measures/${x.code}`)), 'each row links its own measure');
  assert.equal((await get(m.url)).status, 200, 'the measure\'s link opens its published sheet');
});

test('an organisation without a published plan contributes nothing; unknown files are 404', async () => {
  const inzaiPublished = (await get('/api/v1/orgs/122319/plans')).json.items.length > 0;
  const cat = (await get('/api/v1/open-data')).json;
  assert.equal(cat.items.some((i) => i.org.code === '122319'), inzaiPublished);
  for (const name of FILES) {
    const j = await json('122319', name);
    assert.equal(j.license.attribution, '印西市');
    if (!inzaiPublished) {
      assert.deepEqual([j.items, j.updated, j.source.plans], [[], null, []], `${name}: nothing of a plan never published`);
      assert.equal((await csvRows('122319', name)).length, 1, `${name}.csv: the header alone`);
    } else {
      assert.ok(j.items.every((i) => i.org_code === '122319'));
    }
  }
  for (const p of ['/orgs/322075/open-data/plans.csv', '/orgs/322075/open-data/kpis.xml', '/orgs/322075/open-data/kpis',
    '/orgs/999999/open-data/kpis.csv'])
    assert.equal((await get(p)).status, 404, p);
  assert.equal((await get('/orgs/322075/open-data/kpis.csv?encoding=latin1')).status, 400);
});

test('ETag and Last-Modified answer 304; a draft change does not reach the files, a published one does', async () => {
  const path = '/orgs/322075/open-data/measures.csv';
  const first = await raw(path);
  const etag = first.headers.get('etag');
  const lastModified = first.headers.get('last-modified');
  for (const p of [path, path]) {                      // built, then from the cache
    assert.equal((await raw(p, { 'If-None-Match': etag })).status, 304);
    const since = await raw(p, { 'If-Modified-Since': lastModified });
    assert.equal(since.status, 304);
    assert.equal(since.headers.get('etag'), etag);
    assert.equal(since.bytes.length, 0);
  }
  assert.equal((await raw(path, { 'If-None-Match': '"0000000000000000"' })).status, 200);
  assert.equal((await raw(path, { 'If-Modified-Since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).status, 200);
  // If-None-Match decides when both are sent
  assert.equal((await raw(path, { 'If-None-Match': '"0000000000000000"', 'If-Modified-Since': lastModified })).status, 200);

  // the office renames 書かない窓口 in the draft: the files keep the published title
  const r = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body: { title: DRAFT_TITLE }, as: 'office' });
  assert.equal(r.status, 200, r.text);
  const theme = ids.plan.pillars[0].themes[0].id;
  const added = await api(srv.url, `/api/v1/themes/${theme}/measures`,
    { method: 'POST', body: { code: '9-9-9', title: NEW_MEASURE, departments: ['窓口担当課'] }, as: 'office' });
  assert.equal(added.status, 201, added.text);
  for (const name of FILES)
    for (const format of ['csv', 'json']) {
      const text = (await get(`/orgs/322075/open-data/${name}.${format}`)).text;
      assert.ok(!text.includes(DRAFT_TITLE) && !text.includes(NEW_MEASURE) && !text.includes('9-9-9'),
        `${name}.${format} shows nothing of the draft`);
    }
  assert.ok((await json('322075', 'measures')).items.some((m) => m.title === publishedTitle), 'the published title');
  assert.equal((await raw(path, { 'If-None-Match': etag })).status, 304, 'a draft change leaves the file as it was');

  // a title that reads as a formula, published as 1.3
  const f = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body: { title: '=1+1' }, as: 'office' });
  assert.equal(f.status, 200, f.text);
  await new Promise((res) => setTimeout(res, 1100));   // Last-Modified counts seconds
  const v = await api(srv.url, `/api/v1/plans/${ids.planId}/versions`, { method: 'POST', body: { label: '1.3' }, as: 'office' });
  assert.equal(v.status, 201, v.text);
  const after = await raw(path, { 'If-None-Match': etag });
  assert.equal(after.status, 200, 'a new version is a new file');
  assert.notEqual(after.headers.get('etag'), etag);
  assert.ok(Date.parse(after.headers.get('last-modified')) > Date.parse(lastModified));
  assert.equal((await raw(path, { 'If-Modified-Since': lastModified })).status, 200);
  const rows = await csvRows('322075', 'measures');
  const col = rows[0].indexOf('取組');
  assert.ok(col > 0, 'the measure list has its 取組 column');
  assert.ok(rows.some((row) => row[col] === "'=1+1"), 'the formula-like cell is written with an apostrophe');
  assert.ok(!rows.some((row) => row[col] === publishedTitle));
  const kpis = await json('322075', 'kpis');
  assert.ok(kpis.items.some((k) => k.measure === '=1+1'), 'JSON holds the text as it is');
  assert.deepEqual(kpis.source.plans.map((p) => p.version), ['1.3']);
  assert.ok((await json('322075', 'measures')).items.some((m) => m.title === NEW_MEASURE && m.code === '9-9-9'),
    'the measure added in the draft, once published');
});

test('CP932 on request decodes as Shift_JIS', async () => {
  const r = await raw('/orgs/322075/open-data/kpis.csv?encoding=cp932');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=shift_jis');
  assert.notEqual(r.bytes[0], 0xef, 'no byte order mark');
  const text = new TextDecoder('shift_jis').decode(r.bytes);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], (await csvRows('322075', 'kpis'))[0]);
  assert.ok(rows.some((row) => row.includes('江津市')));
});

test('the catalogue lists every published organisation\'s files, each answering 200', async () => {
  const cat = await get('/api/v1/open-data');
  assert.equal(cat.status, 200);
  assert.ok(cat.headers.get('etag') && cat.headers.get('last-modified'));
  const gotsu = cat.json.items.find((i) => i.org.code === '322075');
  assert.deepEqual(gotsu.org, { code: '322075', name: '江津市', prefecture: '島根県' });
  assert.deepEqual(gotsu.license, LICENSE);
  assert.equal(cat.json.total, cat.json.items.length);
  assert.deepEqual(gotsu.files.map((f) => `${f.name}.${f.format}`),
    ['measures.csv', 'measures.json', 'kpis.csv', 'kpis.json', 'measurements.csv', 'measurements.json']);
  assert.deepEqual(gotsu.files.map((f) => f.title), ['個別業務一覧', '個別業務一覧', '数値目標', '数値目標', '実績値', '実績値']);
  for (const item of cat.json.items)
    for (const f of item.files) {
      assert.equal(f.url, `/orgs/${item.org.code}/open-data/${f.name}.${f.format}`);
      const got = await get(f.url);
      assert.equal(got.status, 200, f.url);
      if (f.format === 'json') assert.equal(got.json.items.length, f.rows, `${f.url} has the rows the catalogue says`);
    }
  // the page says the same in words, in Japanese and in English, and is linked
  const page = await get('/open-data');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）。出典：江津市'));
  assert.ok(page.text.includes('href="/orgs/322075/open-data/kpis.csv"'));
  assert.ok(page.text.includes('href="/orgs/322075/open-data/kpis.csv?encoding=cp932"'));
  const en = (await get('/open-data?lang=en')).text;
  assert.ok(en.includes('Creative Commons Attribution 4.0 International (CC BY 4.0). Attribution: 江津市'));
  assert.ok((await get('/orgs/322075')).text.includes('href="/open-data#org-322075"'), 'the organisation links its files');
  assert.ok((await get('/orgs')).text.includes('href="/open-data"'), 'the list of organisations links the catalogue');
});

test('the catalogue comes a page at a time and by prefecture, as the API and as the page', async () => {
  const all = await get('/api/v1/open-data');
  assert.deepEqual([all.json.total, all.json.limit, all.json.offset], [all.json.items.length, 100, 0]);
  const second = await get('/api/v1/open-data?limit=1&offset=1');
  assert.deepEqual([second.json.items.length, second.json.total], [1, all.json.total]);
  assert.deepEqual(second.json.items[0], all.json.items[1]);
  assert.equal(second.headers.get('last-modified'), null, 'a page of the list is not dated by its own entries');
  const shimane = await get(`/api/v1/open-data?prefecture=${encodeURIComponent('島根県')}`);
  assert.deepEqual(shimane.json.items.map((i) => i.org.code), ['322075']);
  assert.equal((await get(`/api/v1/open-data?prefecture=${encodeURIComponent('北海道')}`)).json.total, 0);
  for (const q of ['limit=0', 'limit=2001', 'offset=-1', 'limit=a']) {
    const bad = await get(`/api/v1/open-data?${q}`);
    assert.equal(bad.status, 400, q);
    assert.equal(bad.json.error.field, q.split('=')[0]);
  }
  const page = await get(`/open-data?prefecture=${encodeURIComponent('島根県')}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('href="/orgs/322075/open-data/kpis.csv"'));
  assert.ok(!page.text.includes('href="/orgs/122319/open-data/kpis.csv"'), '印西市 is in 千葉県');
  assert.ok(page.text.includes('aria-current="page"'), 'the prefecture shown is marked');
});
