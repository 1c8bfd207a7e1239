'use strict';
// The printable documents (issue 16, point 3), printed to PDF by Chromium and read back with
// poppler: a measure sheet is ONE A4 landscape page (842 × 595 pt) — 書かない窓口 with its
// ratings, and the six longest of 江津市's published plan —; the plan overview (published
// and draft), the HQ pack (A4 portrait), the workload summary, the logic model and the summary
// for residents print with the city, the plan, the version and the date at the top of every
// page (pdftotext), their fonts embedded with Unicode maps (pdffonts), and without the site's
// navigation or forms; their tables and drawings stay within the page's width.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { api } = require('../lib/server');
const { startServerAndBrowser, useRole } = require('../lib/browser');
const { publicData } = require('../lib/public_data');

let srv;
let br;
let d;
let dir;
before(async () => {
  ({ srv, br } = await startServerAndBrowser());
  d = await publicData(srv);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-print-'));
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const PLAN = 'スマートシティ江津推進構想アクションプラン';
const today = () => {
  const now = new Date(Date.now() + 9 * 3600 * 1000);            // the date in Japan time
  return `${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月${now.getUTCDate()}日`;
};
const squeeze = (s) => s.replace(/\s+/g, '');

/**
 * Prints path as role (null: signed out) and reads the PDF back: {pages: [text of each page],
 * size: [w, h] in pt, fonts: pdffonts rows}. On the way, in print media, checks that the site's
 * navigation and every form are hidden and that nothing but a scrolling region is wider than main.
 */
async function print(role, p) {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, role);
    const resp = await page.goto(srv.url + p);
    assert.equal(resp.status(), 200, `${p} answers ${resp.status()}`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1047, height: 700 });      // A4 landscape's printable width at 96 dpi
    const shown = await page.evaluate(() => {
      const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const main = document.querySelector('main').getBoundingClientRect();
      const wide = [...document.querySelectorAll('main table, main svg, main img')]
        .filter((el) => visible(el) && !el.closest('.print-running'))
        .filter((el) => el.getBoundingClientRect().right > main.right + 1)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.getAttribute('class') || ''}`);
      return {
        nav: [...document.querySelectorAll('header nav, nav.crumbs')].some(visible),
        forms: [...document.querySelectorAll('form')].filter(visible).map((f) => f.getAttribute('action') || f.className),
        wide,
        tall: [...document.querySelectorAll('main svg')].filter(visible)            // a drawing on one page (188 mm less the running line)
          .filter((el) => el.getBoundingClientRect().height > 180 / 25.4 * 96).map((el) => el.getAttribute('class') || 'svg'),
      };
    });
    assert.ok(!shown.nav, `${p}: printed, the navigation is hidden`);
    assert.deepEqual(shown.forms, [], `${p}: printed, no form is shown`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = path.join(dir, `${p.replace(/[^a-z0-9]+/gi, '_')}.pdf`);
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info).slice(1, 3).map(Number);
    const n = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    const pages = execFileSync('pdftotext', [file, '-']).toString().split('\f').slice(0, n);
    const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter((l) => l.trim());
    return { pages, size, fonts, wide: shown.wide, tall: shown.tall };
  } finally {
    await page.close();
  }
}

function landscape(size, what) {
  assert.ok(Math.abs(size[0] - 842) < 2 && Math.abs(size[1] - 595) < 2, `${what}: A4 landscape (${size.join(' × ')} pt)`);
}

function eachPageNames(pages, wants, what) {
  assert.ok(pages.length >= 1, `${what}: printed`);
  for (const [i, text] of pages.entries())
    for (const want of wants)
      assert.ok(squeeze(text).includes(squeeze(want)), `${what}: page ${i + 1} of ${pages.length} names ${want}:\n${text.slice(0, 300)}`);
}

function fontsEmbedded(fonts, what) {
  assert.ok(fonts.length > 0, `${what}: fonts are listed`);
  for (const row of fonts) {
    const cols = row.trim().split(/\s+/);
    const [emb, , uni] = cols.slice(-5, -2);
    assert.equal(emb, 'yes', `${what}: a font not embedded: ${row}`);
    assert.equal(uni, 'yes', `${what}: a font without a Unicode map (its text could not be read back): ${row}`);
  }
}

test('書かない窓口\'s published sheet: one A4 landscape page, Japanese text, fonts embedded, its ratings', async () => {
  const r = await print(null, `/plans/${d.ids.planId}/published/measures/1-1-3`);
  landscape(r.size, 'the sheet');
  assert.equal(r.pages.length, 1, `the sheet is one page, not ${r.pages.length}`);
  eachPageNames(r.pages, ['江津市', PLAN, '公開版 1.3', today(), '書かない窓口', '現状', '理想', '四半期ごとの評価', '順調'], 'the sheet');
  fontsEmbedded(r.fonts, 'the sheet');
  assert.deepEqual(r.wide, [], 'nothing wider than the page');
});

test('the longest measure sheets of the published plan each print on one A4 landscape page', async () => {
  // a sheet grows with its text, KPIs and ratings: the six longest stand for all 31 (printing
  // every one took a minute of the suite, and the shorter ones fit when these do)
  const doc = (await api(srv.url, `/api/v1/plans/${d.ids.planId}/published`, { as: null })).json;
  const plan = (doc.snapshot || doc.document).plans[0];
  const sheets = [];
  for (const pi of plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures) sheets.push({ key: m.key || m.code, length: JSON.stringify(m).length });
  assert.ok(sheets.length >= 30);
  sheets.sort((a, b) => b.length - a.length);
  const counts = {};
  for (const { key } of sheets.slice(0, 6)) {
    const r = await print(null, `/plans/${d.ids.planId}/published/measures/${encodeURI(key)}`);
    landscape(r.size, key);
    counts[key] = r.pages.length;
  }
  const over = Object.entries(counts).filter(([, n]) => n !== 1);
  assert.deepEqual(over, [], `sheets of more than one page (the longest is ${sheets[0].key})`);
});

test('the working sheet, as its department prints it: one page naming the draft', async () => {
  const r = await print('reporter', `/measures/${d.ids.measureId}`);
  landscape(r.size, 'the working sheet');
  assert.equal(r.pages.length, 1);
  eachPageNames(r.pages, ['江津市', PLAN, '作業中の内容（未発行）', today(), '書かない窓口'], 'the working sheet');
});

test('the plan overview by pillar, published and draft: every page names the city, the plan, the version and the date', async () => {
  let r = await print(null, `/plans/${d.ids.planId}/published`);
  landscape(r.size, 'the published plan');
  eachPageNames(r.pages, ['江津市', PLAN, '公開版 1.3', today()], 'the published plan');
  assert.ok(squeeze(r.pages.join('')).includes('書かない窓口'));
  fontsEmbedded(r.fonts, 'the published plan');
  assert.deepEqual(r.wide, [], 'the published plan: nothing wider than the page');
  r = await print('office', `/plans/${d.ids.planId}`);
  eachPageNames(r.pages, ['江津市', PLAN, '作業中の内容（未発行）', today()], 'the draft plan');
});

test('the HQ pack (A4 portrait), the workload summary, the logic model and the summary for residents', async () => {
  const pack = await print('viewer', `/periods/${d.periodId}/pack`);
  assert.ok(Math.abs(pack.size[0] - 595) < 2 && Math.abs(pack.size[1] - 842) < 2, `the pack is A4 portrait (${pack.size})`);
  eachPageNames(pack.pages, ['江津市', PLAN, '版 1.3', today()], 'the HQ pack');
  fontsEmbedded(pack.fonts, 'the HQ pack');

  const wl = await print('admin', '/orgs/122319/workload');     // 印西市 has a survey in the demo
  landscape(wl.size, 'the workload summary');
  eachPageNames(wl.pages, ['印西市', today()], 'the workload summary');
  assert.ok(squeeze(wl.pages.join('')).includes('削減'), 'the workload summary has its figures');
  assert.deepEqual(wl.wide, [], 'the workload summary: nothing wider than the page');

  const lm = await print(null, `/plans/${d.ids.planId}/logic-model`);
  landscape(lm.size, 'the logic model');
  eachPageNames(lm.pages, ['江津市', PLAN, 'ロジックモデル', '公開版 1.3', today()], 'the logic model');
  assert.deepEqual(lm.wide, [], 'the logic model: its drawing fits the page\'s width');
  assert.deepEqual(lm.tall, [], 'the logic model: its drawing fits one page\'s height');
  fontsEmbedded(lm.fonts, 'the logic model');

  const sum = await print(null, `/plans/${d.ids.planId}/summary`);
  eachPageNames(sum.pages, ['江津市', PLAN, '公開版 1.3', today()], 'the summary');
  assert.ok(squeeze(sum.pages.join('')).includes('改善した数値目標'));
});
