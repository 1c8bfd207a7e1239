'use strict';
// Every page is usable at 375 px (issue 15, point 7): the page itself never scrolls sideways —
// nothing but a labelled .table-scroll region (which scrolls on its own) reaches past the right
// edge; a .table-scroll whose table is wider than its box shows that it scrolls (a shadow at the
// edge and the hint 「横にスクロールできます」, by CSS alone); and no table header breaks one
// character per line (や/や/遅/れ), nor a button or a link of the menu (ホ/ー/ム). The pages are every kind of page, each seen by a role that
// uses it: the office, a reporter, the HQ, the admin and a citizen signed out.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { everyPage } = require('../lib/every_page');
const { startServerAndBrowser, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
let extra;                                    // ids the page list needs beyond demoIds
let pages;                                    // every kind of page, with a role (tests/lib/every_page.js)
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ viewport: { width: 375, height: 800 } }));
  ({ ids, extra, pages } = await everyPage(srv));
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

/**
 * What the page shows at this width: the page's scrollWidth against the viewport's, the elements
 * outside any .table-scroll whose right edge is past the viewport's, the header cells (and buttons,
 * and the menu's links) with a line
 * of one character (measured with a Range over each text node's characters: a line is the run of
 * characters with one top), and the .table-scroll regions wider inside than their box whose cue
 * (the hint, and the shadow of background-attachment: local) is not shown.
 */
async function measure(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (el) => `<${el.tagName.toLowerCase()}${el.id ? ` id=${el.id}` : ''}${el.className && typeof el.className === 'string' ? ` class=${el.className}` : ''}>`;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.table-scroll')) continue;
      const right = el.getBoundingClientRect().right;
      if (right > width + 1) out.push(`${name(el)} ends at ${Math.round(right)} px`);
    }
    const broken = [];
    for (const th of document.querySelectorAll('th, button, .site-header nav a')) {
      const text = th.textContent.trim();
      if ([...text].length < 2 || th.getClientRects().length === 0) continue;
      const lines = new Map();                          // top → characters on that line
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const s = n.data;
        for (let i = 0; i < s.length; i++) {
          const cp = s.codePointAt(i);
          const len = cp > 0xffff ? 2 : 1;
          if (!/\s/.test(s[i])) {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + len);
            const rect = range.getClientRects()[0];
            if (rect && rect.width > 0) {
              const top = Math.round(rect.top);
              let key = [...lines.keys()].find((k) => Math.abs(k - top) < 4);
              if (key === undefined) { key = top; lines.set(key, ''); }
              lines.set(key, lines.get(key) + String.fromCodePoint(cp));
            }
          }
          i += len - 1;
        }
      }
      // A long header (a meeting's title and agenda as a row's header) may end on a line of one
      // character, as any paragraph may; a short one may not, nor a long one twice.
      const single = [...lines.values()].filter((l) => [...l].length === 1 && !/^[\p{P}\p{S}]$/u.test(l));
      if (lines.size > 1 && single.length > ([...text].length > 16 ? 1 : 0)) broken.push(`"${text}" (${[...lines.values()].join('/')})`);
    }
    const noCue = [];
    for (const box of document.querySelectorAll('.table-scroll')) {
      if (box.getClientRects().length === 0 || box.scrollWidth <= box.clientWidth + 1) continue;
      const hint = box.querySelector('.scroll-hint');
      const shown = hint && hint.getClientRects().length > 0 && getComputedStyle(hint).visibility !== 'hidden'
        && hint.getBoundingClientRect().width > 1;
      const shadow = getComputedStyle(box).backgroundImage.includes('gradient');
      if (!shown || !shadow) noCue.push(`${box.getAttribute('aria-label')}: ${shown ? '' : 'no hint'} ${shadow ? '' : 'no shadow'}`);
    }
    return { scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5), broken: broken.slice(0, 5), noCue };
  });
}

test('at 375 px every page reads without sideways scrolling: no overflow, whole header words, scroll cues', async () => {
  const page = await br.context.newPage();
  const failures = [];
  try {
    for (const [who, p] of pages) {
      await useRole(page, srv, who);
      const resp = await page.goto(srv.url + p);
      const where = `${p} (${who || 'signed out'})`;
      if (resp.status() !== 200) { failures.push(`${where}: HTTP ${resp.status()}`); continue; }
      // the hint's container query (scroll-state) is settled a frame or so after the load
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      let o = await measure(page);
      if (o.noCue.length) {
        await page.waitForTimeout(300);
        o = await measure(page);
      }
      if (o.scroll > o.width || o.out.length) failures.push(`${where}: page ${o.scroll} px wide on a ${o.width} px screen; ${o.out.join(', ')}`);
      if (o.broken.length) failures.push(`${where}: broken one character a line: ${o.broken.join(', ')}`);
      if (o.noCue.length) failures.push(`${where}: scrolling tables without a visible cue: ${o.noCue.join(', ')}`);
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(failures, []);
});

test('the check is real: an element wider than the screen is found', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'office');
    await page.goto(`${srv.url}/measures/${ids.measureId}/edit`);
    await page.evaluate(() => {          // through the CSSOM: the CSP refuses style attributes
      const div = document.createElement('div');
      div.id = 'wide';
      div.style.width = '600px';
      document.querySelector('main').append(div);
    });
    const o = await measure(page);
    assert.ok(o.out.some((s) => s.includes('id=wide')), o.out.join(', '));
  } finally {
    await page.close();
  }
});

test('the checks are real: a header squeezed to one character a line is found, and the hint shows only when a table scrolls', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'office');
    await page.goto(`${srv.url}/periods/${extra.periodId}`);
    const before = await measure(page);
    assert.deepEqual(before.noCue, []);
    await page.evaluate(() => {          // through the CSSOM: the CSP refuses style attributes
      const box = document.createElement('div');
      box.style.width = '2em';
      box.innerHTML = '<table class="grid"><thead><tr><th scope="col">やや遅れ</th></tr></thead></table>';
      box.querySelector('th').style.wordBreak = 'break-all';
      document.querySelector('main').append(box);
    });
    const o = await measure(page);
    assert.ok(o.broken.some((b) => b.startsWith('"やや遅れ"')), `the squeezed header is not found: ${o.broken.join(', ')}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    const shown = await page.$$eval('.table-scroll', (boxes) => boxes.map((b) => [
      b.scrollWidth > b.clientWidth + 1, b.querySelector('.scroll-hint').getClientRects().length > 0]));
    assert.ok(shown.length > 0);
    for (const [wide, hint] of shown) assert.equal(hint, wide, 'the hint shows exactly when the table is wider than its box');
  } finally {
    await page.close();
  }
});

test('every field of the forms is at least 44 px tall, a finger\'s target (デジタル庁デザインシステム)', async () => {
  const page = await br.context.newPage();
  const small = [];
  try {
    for (const [who, p] of [[null, '/login'], ['admin', '/admin/users'], ['office', `/measures/${ids.measureId}/edit`]]) {
      await useRole(page, srv, who);
      const resp = await page.goto(srv.url + p);
      assert.equal(resp.status(), 200, `${p}: HTTP ${resp.status()}`);
      const found = await page.$$eval('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main textarea',
        (els) => els.map((e) => [e.name || e.id, Math.round(e.getBoundingClientRect().height)]).filter(([, h]) => h < 44));
      for (const [name, h] of found) small.push(`${p} ${name}: ${h} px`);
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(small, []);
});
