'use strict';
// Finding a municipality among many (issue 17, point 2), in a browser at a phone's width (375 px)
// with JavaScript off: with more than 50 organisations the home page has the search and the
// prefectures and no cards; a prefecture's link opens its organisations 50 to a page, 次へ and 前へ
// move between the pages, the search form finds by name and by code; nothing scrolls sideways;
// and axe-core finds nothing on the home page, a prefecture's page and a search (in a second
// browser with JavaScript, which axe needs).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, orgCode } = require('../lib/server');
const { launchBrowser, runAxe, formatViolations } = require('../lib/browser');

let srv;
let nojs;                                       // JavaScript off, 375 px wide
let withJs;                                     // for axe
before(async () => {
  srv = await startServer();
  for (let i = 0; i < 60; i++) {
    const r = await api(srv.url, '/api/v1/orgs', { method: 'POST',
      body: { code: orgCode(`01${101 + i}`), name: `北の${'アイウエオカキクケコ'[Math.floor(i / 10)]}${'アイウエオカキクケコ'[i % 10]}町`, prefecture: '北海道' } });
    assert.equal(r.status, 201, r.text);
  }
  nojs = await launchBrowser({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  withJs = await launchBrowser({ bypassCSP: true, viewport: { width: 375, height: 800 } });
});
after(async () => {
  if (nojs) await nojs.close();
  if (withJs) await withJs.close();
  if (srv) await srv.stop();
});

/** The page's width against the viewport's, and the elements whose right edge is past it. */
async function sideways(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => `<${el.tagName.toLowerCase()} class=${el.className}>`);
    return { scroll: document.documentElement.scrollWidth, width, past };
  });
}
async function assertNarrow(page, where) {
  const m = await sideways(page);
  assert.ok(m.scroll <= m.width && m.past.length === 0, `${where}: ${m.scroll} px wide in ${m.width}: ${m.past.join(' ')}`);
}
/** Clicks (a link, or a GET form's button) and waits for the next page to be loaded. */
async function follow(page, click) {
  await page.locator('html').evaluate((el) => el.setAttribute('data-before', ''));
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'GET' && r.request().isNavigationRequest()),
    click(),
  ]);
  await page.waitForSelector('html:not([data-before])', { state: 'attached' });
  await page.waitForLoadState('load');
  assert.equal(resp.status(), 200, resp.url());
  return resp;
}
const cardCount = (page) => page.locator('section.card').count();

test('without JavaScript: the home page → a prefecture → 次へ → 前へ, at 375 px', async () => {
  const page = await nojs.context.newPage();
  try {
    await page.goto(`${srv.url}/`);
    assert.equal(await cardCount(page), 0, 'more than 50 organisations: no cards on the home page');
    assert.match(await page.locator('main').innerText(), /62の自治体を掲載しています/);
    await assertNarrow(page, 'home');
    const prefs = page.getByRole('navigation', { name: '都道府県から探す' });
    assert.deepEqual(await prefs.getByRole('link').allInnerTexts(), ['北海道（60件）', '千葉県（1件）', '島根県（1件）']);

    await follow(page, () => prefs.getByRole('link', { name: /北海道/ }).click());
    const u = new URL(page.url());
    assert.equal(u.pathname, '/orgs');
    assert.equal(u.searchParams.get('prefecture'), '北海道');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), '北海道の自治体');
    assert.equal(await cardCount(page), 50);
    assert.match(await page.locator('main').innerText(), /60件中 1–50件/);
    await assertNarrow(page, '北海道, page 1');

    const pager = page.getByRole('navigation', { name: 'ページ送り' });
    await follow(page, () => pager.getByRole('link', { name: /次へ/ }).click());
    assert.equal(new URL(page.url()).searchParams.get('prefecture'), '北海道', '次へ keeps the prefecture');
    assert.equal(await cardCount(page), 10);
    assert.match(await page.locator('main').innerText(), /60件中 51–60件/);
    assert.equal(await pager.getByRole('link', { name: /次へ/ }).count(), 0, 'the last page has no 次へ');
    await assertNarrow(page, '北海道, page 2');

    await follow(page, () => pager.getByRole('link', { name: /前へ/ }).click());
    assert.equal(await cardCount(page), 50);
    assert.match(await page.locator('main').innerText(), /60件中 1–50件/);
  } finally {
    await page.close();
  }
});

test('without JavaScript: the search form finds by name and by the first digits of the code', async () => {
  const page = await nojs.context.newPage();
  try {
    await page.goto(`${srv.url}/`);
    await page.getByLabel('名称・コードで探す').fill('江津');
    await follow(page, () => page.getByRole('button', { name: '検索' }).click());
    assert.equal(new URL(page.url()).searchParams.get('q'), '江津');
    assert.equal(await cardCount(page), 1);
    assert.match(await page.locator('section.card').innerText(), /江津市[\s\S]*スマートシティ江津推進構想アクションプラン/);
    assert.equal(await page.getByLabel('名称・コードで探す').inputValue(), '江津', 'the form keeps the text');
    await assertNarrow(page, 'search 江津');

    await page.getByLabel('名称・コードで探す').fill('12');
    await follow(page, () => page.getByLabel('名称・コードで探す').press('Enter'));
    assert.equal(await cardCount(page), 1);
    assert.match(await page.locator('section.card h2').innerText(), /印西市/);

    await page.getByLabel('名称・コードで探す').fill('北の');
    await follow(page, () => page.getByRole('button', { name: '検索' }).click());
    assert.equal(await cardCount(page), 50);
    await follow(page, () => page.getByRole('link', { name: /次へ/ }).click());
    assert.equal(new URL(page.url()).searchParams.get('q'), '北の', '次へ keeps the search');
    assert.equal(await cardCount(page), 10);
  } finally {
    await page.close();
  }
});

test('axe: the home page, a prefecture and a search at 375 px, in Japanese and English', async () => {
  const pages = ['/', `/orgs?prefecture=${encodeURIComponent('北海道')}&offset=50`, `/orgs?q=${encodeURIComponent('江津')}`,
    `/orgs?lang=en&prefecture=${encodeURIComponent('北海道')}`];
  for (const p of pages) {
    const page = await withJs.context.newPage();
    try {
      const resp = await page.goto(srv.url + p);
      assert.equal(resp.status(), 200, p);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(p, violations));
    } finally {
      await page.close();
    }
  }
  // ?lang=en sets the language cookie: back to Japanese for whoever comes next
  const page = await withJs.context.newPage();
  await page.goto(`${srv.url}/?lang=ja`);
  await page.close();
});
