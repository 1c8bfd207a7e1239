'use strict';
// Server-rendered pages over HTTP: status, content type, language, English labels, 404, escaping.
// Since issue 4 the requests are signed in as the demo admin (tests/lib/server.js), who sees the
// working draft's pages; the public ({as: null}) is sent from /plans/{id}, /measures/{id} and
// /kpis/{id} to the published version, so the language cookie is checked on the published
// measure page anonymously (only anonymous replies are cached) and with a session as well.
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

const htmlLang = (text) => (/<html[^>]*\slang="([^"]+)"/.exec(text) || [])[1];

function pagePaths() {
  return {
    home: '/',
    org: '/orgs/322075',
    plan: `/plans/${ids.planId}`,
    measure: `/measures/${ids.measureId}`,
    kpi: `/kpis/${ids.kpiId}`,
    search: withQuery(`/plans/${ids.planId}/search`, { q: '窓口' }),
  };
}

test('every page type answers 200 text/html with lang="ja"', async () => {
  for (const [name, p] of Object.entries(pagePaths())) {
    const r = await api(srv.url, p);
    assert.equal(r.status, 200, `${name} ${p}: ${r.status}`);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', `${name} ${p}`);
    assert.ok(r.text.startsWith('<!DOCTYPE html>'), `${name}: doctype`);
    assert.equal(htmlLang(r.text), 'ja', `${name}: <html lang>`);
    assert.match(r.text, /<title>[^<]+<\/title>/, `${name}: a title`);
    assert.match(r.text, /<main[\s>]/, `${name}: a main landmark`);
    assert.match(r.text, /<h1[\s>]/, `${name}: an h1`);
  }
});

test('the pages show what they are about', async () => {
  const p = pagePaths();
  assert.match((await api(srv.url, p.home)).text, /江津市[\s\S]*スマートシティ江津推進構想アクションプラン|スマートシティ江津推進構想アクションプラン[\s\S]*江津市/);
  assert.match((await api(srv.url, p.home)).text, /印西市/);
  assert.match((await api(srv.url, p.org)).text, /窓口担当課/);
  const plan = (await api(srv.url, p.plan)).text;
  assert.match(plan, /書かない窓口/);
  assert.match(plan, new RegExp(`href="/measures/${ids.measureId}"`));
  const m = (await api(srv.url, p.measure)).text;
  for (const s of ['現状', '理想', '担当：', '窓口担当課', '2024年度（令和6年度）', '窓口の平均対応時間削減割合'])
    assert.ok(m.includes(s), `the measure sheet shows ${s}`);
  const k = (await api(srv.url, p.kpi)).text;
  assert.match(k, /<svg[\s>]/);
  assert.match(k, /実績値を追加/);
  const s = (await api(srv.url, p.search)).text;
  assert.match(s, /書かない窓口/);
  assert.match(s, /value="窓口"/);
});

test('?lang=en gives lang="en" and English labels', async () => {
  const expectations = {
    home: ['Municipalities'],
    org: ['Plans', 'Departments'],
    plan: ['Measure', 'Lead department', 'Search'],
    measure: ['Current state', 'Ideal', 'In charge', 'FY2024 (Reiwa 6)', 'Edit measure'],
    kpi: ['Add a measurement', 'Baseline', 'Target'],
    search: ['Search results'],
  };
  for (const [name, p] of Object.entries(pagePaths())) {
    const url = p + (p.includes('?') ? '&' : '?') + 'lang=en';
    const r = await api(srv.url, url);
    assert.equal(r.status, 200, url);
    assert.equal(htmlLang(r.text), 'en', `${name}: <html lang>`);
    for (const label of expectations[name]) assert.ok(r.text.includes(label), `${name} in English shows "${label}"`);
    assert.ok(!r.text.includes('本文へ移動'), `${name}: the Japanese skip link is not in the English page`);
  }
});

test('the English choice is remembered by a cookie and does not leak to other clients', async () => {
  const code = ids.plan.pillars.flatMap((pi) => pi.themes).flatMap((t) => t.measures).find((m) => m.id === ids.measureId).code;
  const p = `/plans/${ids.planId}/published/measures/${encodeURIComponent(code)}`;
  const en = await api(srv.url, `${p}?lang=en`, { as: null });
  assert.equal(en.status, 200, `${p}?lang=en: ${en.status}`);
  const cookie = en.headers.get('set-cookie');
  assert.match(cookie || '', /lang=en/);
  for (let i = 0; i < 2; i++) {                      // the second one may come from the cache
    const again = await api(srv.url, p, { headers: { Cookie: 'lang=en' }, as: null });
    assert.equal(again.status, 200);
    assert.equal(htmlLang(again.text), 'en', 'the cookie selects English');
  }
  const anon = await api(srv.url, p, { as: null });
  assert.equal(htmlLang(anon.text), 'ja', 'a client without the cookie gets Japanese, even from the cache');
  // signed in: the cookie sits beside the session's
  const s = await srv.session('admin');
  const mine = await api(srv.url, `/measures/${ids.measureId}`, { headers: { Cookie: `${s.cookie}; lang=en` }, as: null });
  assert.equal(mine.status, 200);
  assert.equal(htmlLang(mine.text), 'en', 'the cookie selects English when signed in');
  assert.equal(htmlLang((await api(srv.url, `/measures/${ids.measureId}`)).text), 'ja');
});

const notFound = (r, p) => {
  assert.equal(r.status, 404, `${p}: ${r.status}`);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', p);
  assert.equal(htmlLang(r.text), 'ja', p);
  assert.match(r.text, /ページが見つかりません/, p);
};

test('an unknown page is 404 HTML, in Japanese (and in English with ?lang=en)', async () => {
  for (const p of ['/no-such-page', '/orgs/999999', '/measures/999999', '/kpis/999999',
    '/measures/999999/edit', '/plans/999999/published', '/static/nothing.css', '/static/..%2F..%2Fetc%2Fpasswd'])
    notFound(await api(srv.url, p), p);
  // anonymous too (an edit page needs a session first: 401)
  const draft = await api(srv.url, '/api/v1/orgs/122319/plans', { method: 'POST', body: { title: '未公開の計画', kind: 'strategy' } });
  assert.equal(draft.status, 201, draft.text);
  for (const p of ['/no-such-page', '/orgs/999999', '/measures/999999', '/kpis/999999', '/plans/999999/published',
    `/plans/${draft.json.id}/published`])                          // a plan never published
    notFound(await api(srv.url, p, { as: null }), `anonymous ${p}`);
  const en = await api(srv.url, '/no-such-page?lang=en');
  assert.equal(en.status, 404);
  assert.equal(htmlLang(en.text), 'en');
  assert.match(en.text, /Page not found/);
});

test('unknown plans and malformed ids are 404 HTML too', async () => {
  for (const as of [undefined, null])
    for (const p of ['/plans/999999', '/plans/999999/search?q=a', '/measures/abc', '/kpis/abc', '/plans/abc'])
      notFound(await api(srv.url, p, { as }), `${as === null ? 'anonymous' : 'admin'} ${p}`);
});

test('a measure title with <script> set by PATCH is escaped on the pages', async () => {
  const id = ids.plan.pillars[0].themes[2].measures[0].id;   // 1-3-1
  const evil = '<script>alert(1)</script>"&\'<img src=x onerror=alert(2)>';
  const w = await api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body: { title: evil, current: '<b>太字ではない</b>' } });
  assert.equal(w.status, 200, w.text);
  for (const p of [`/measures/${id}`, `/measures/${id}/edit`, `/plans/${ids.planId}`,
    withQuery(`/plans/${ids.planId}/search`, { q: 'alert' }), withQuery(`/plans/${ids.planId}/search`, { q: '<script>' }),
    `/kpis/${ids.plan.pillars[0].themes[2].measures[0].kpis[0].id}`]) {
    const r = await api(srv.url, p);
    assert.equal(r.status, 200, p);
    assert.ok(!r.text.includes('<script>alert(1)</script>'), `${p}: the title is not escaped`);
    assert.ok(!r.text.includes('<img src=x'), `${p}: an <img> tag got through`);
    // the only script a page may load is the form kit's own file (assets/edit.js), never inline
    const scripts = r.text.match(/<script[\s>][^>]*>/gi) || [];
    assert.ok(scripts.every((x) => x === '<script src="/static/edit.js" defer>'), `${p}: a <script> element in the page: ${scripts}`);
  }
  const sheet = (await api(srv.url, `/measures/${id}`)).text;
  assert.ok(sheet.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the escaped title is shown on the sheet');
  assert.ok(sheet.includes('&lt;b&gt;太字ではない&lt;/b&gt;'), '現状 is escaped too');
  const edit = (await api(srv.url, `/measures/${id}/edit`)).text;
  assert.ok(/value="&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&amp;(&#39;|&#x27;|&apos;)&lt;img/.test(edit), 'the title is escaped inside the value attribute');
});

test('a search query with markup is escaped on the search page', async () => {
  const r = await api(srv.url, withQuery(`/plans/${ids.planId}/search`, { q: '"><script>alert(3)</script>' }));
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert(3)'), 'the query is reflected unescaped');
  assert.ok(!/<script[\s>]/i.test(r.text));
});

test('the stylesheets the pages link to are served', async () => {
  const home = (await api(srv.url, '/')).text;
  const links = [...home.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(links.length >= 1);
  for (const href of links) {
    const r = await api(srv.url, href);
    assert.equal(r.status, 200, href);
    assert.match(r.headers.get('content-type'), /^text\/css/, href);
    assert.ok(r.text.length > 100, `${href} has content`);
  }
  assert.match((await api(srv.url, '/static/tokens.css')).text, /--color-/, 'tokens.css holds the design tokens');
});

test('the language switch on the search page keeps the query', async () => {
  const r = await api(srv.url, withQuery(`/plans/${ids.planId}/search`, { q: '窓口' }));
  const href = (/<a href="([^"]*lang=en[^"]*)"/.exec(r.text) || [])[1];
  assert.ok(href, 'a link to the English page');
  const u = new URL(href.replace(/&amp;/g, '&'), srv.url);
  assert.equal(u.searchParams.get('lang'), 'en');
  assert.equal(u.searchParams.get('q'), '窓口', `the English link ${href} drops q=窓口`);
});
