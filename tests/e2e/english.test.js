'use strict';
// Every page in English (issue 15, point 7): ?lang=en, which a cookie keeps. What the interface
// writes between words is English punctuation — no 「」、。：（）・ between English words and
// figures — and a rating scale the organisation named in Japanese shows English words where
// kawaru knows them (順調 → On track) and otherwise the Japanese label marked as the
// organisation's own.
//
// The demo data itself is Japanese, and Japanese text keeps its own punctuation (窓口改革
// （フロントヤード改革）, 「D」を「できる」…). So the check is on the page's visible text nodes, a
// full-width mark counted only where the interface put it: in a text node with no Japanese but
// the marks themselves ("50 %（FY2024）", "Rating：On track・Delayed 2", a "・" between two links),
// or a colon that opens a text node after an English word ("<strong>Agenda</strong>：…"). A mark
// the interface puts inside Japanese data is not seen by this check; test_i18n.c's scan of the
// pages' literals covers those.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api } = require('../lib/server');
const { everyPage } = require('../lib/every_page');
const { startServerAndBrowser, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
let pages;
before(async () => {
  ({ srv, br } = await startServerAndBrowser());
  ({ ids, pages } = await everyPage(srv));
  // 江津市's scale: 完了, 順調, やや遅れ, 遅れ and, renamed here, 未着手 → 要確認 (a word of its own)
  const scale = (await api(srv.url, `/api/v1/plans/${ids.planId}/rating-scale`)).json;
  const levels = scale.levels.map((l) => (l.label === '未着手' ? { ...l, label: '要確認' } : l));
  const put = await api(srv.url, `/api/v1/plans/${ids.planId}/rating-scale`, { method: 'PUT', as: 'office', body: { levels } });
  assert.equal(put.status, 200, put.text);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

/** The interface's full-width punctuation in the page's visible text, each with its text. */
async function uiPunctuation(page) {
  return page.evaluate(() => {
    const marks = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u30fb]/u;
    // Japanese: kanji, kana, full-width letters and digits, circled numbers — not the marks
    const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u2460-\u24ff\u30fc]/u;
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let previous = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, textarea, [hidden]') || el.getClientRects().length === 0) continue;
      const text = n.data;
      if (!text.trim()) continue;
      const bare = text.replace(new RegExp(marks.source, 'gu'), '');
      if (marks.test(text) && !japanese.test(bare)) found.push(text.trim());
      else if (/^\s*：/.test(text) && /[A-Za-z]\s*$/.test(previous)) found.push(`${previous.trim().slice(-20)}${text.trim().slice(0, 20)}`);
      previous = text;
    }
    return found;
  });
}

test('every page in English writes English punctuation between words', async () => {
  const page = await br.context.newPage();
  const failures = [];
  try {
    await page.goto(`${srv.url}/?lang=en`);            // the cookie: every page after it in English
    for (const [who, p] of pages) {
      await useRole(page, srv, who);
      const resp = await page.goto(srv.url + p);
      const where = `${p} (${who || 'signed out'})`;
      if (resp.status() !== 200) { failures.push(`${where}: HTTP ${resp.status()}`); continue; }
      assert.equal(await page.getAttribute('html', 'lang'), 'en', `${where} is not in English`);
      const found = await uiPunctuation(page);
      if (found.length) failures.push(`${where}: ${found.slice(0, 6).map((s) => `«${s}»`).join(' ')}`);
    }
  } finally {
    await page.goto(`${srv.url}/?lang=ja`).catch(() => {});   // back to Japanese for the cookie
    await page.close();
  }
  assert.deepEqual(failures, []);
});

test('the check is real: a colon the interface put after an English word is found', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, null);
    await page.goto(`${srv.url}/orgs/322075/bodies?lang=en`);
    assert.deepEqual(await uiPunctuation(page), []);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.innerHTML = '<strong>Agenda</strong>：窓口の改善<span>（FY2025）</span>';
      document.querySelector('main').append(p);
    });
    const found = await uiPunctuation(page);
    assert.deepEqual(found, ['Agenda：窓口の改善', '（FY2025）']);
  } finally {
    await page.goto(`${srv.url}/?lang=ja`).catch(() => {});
    await page.close();
  }
});

test('ratings in English: the scale\'s known words in English, the organisation\'s own word marked', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'office');
    await page.goto(`${srv.url}/plans/${ids.planId}?lang=en`);
    const heads = await page.locator('#rollup-table thead tr:nth-child(2) th').allInnerTexts();
    assert.deepEqual(heads.slice(0, 5).map((s) => s.trim()),
      ['Completed', 'On track', 'Slightly delayed', 'Delayed', "要確認 (organisation's label)"]);
    const own = page.locator('#rollup-table thead span[lang="ja"]');
    assert.equal(await own.innerText(), '要確認');
    await useRole(page, srv, 'admin');
    await page.goto(`${srv.url}/plans/${ids.inzaiPlanId}?lang=en`);          // the default scale
    const inzai = await page.locator('#rollup-table thead tr:nth-child(2) th').allInnerTexts();
    assert.deepEqual(inzai.slice(0, 5).map((s) => s.trim()),
      ['On track', 'Mostly on track', 'Delayed', 'Seriously delayed', 'Completed']);
    await page.goto(`${srv.url}/plans/${ids.planId}?lang=ja`);
    const ja = await page.locator('#rollup-table thead tr:nth-child(2) th').allInnerTexts();
    assert.deepEqual(ja.slice(0, 5).map((s) => s.trim()), ['完了', '順調', 'やや遅れ', '遅れ', '要確認']);
  } finally {
    await page.close();
  }
});
