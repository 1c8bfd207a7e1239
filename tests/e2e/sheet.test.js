'use strict';
// The measure sheet as rendered: Japanese glyphs really drawn (fonts-noto-cjk), a screenshot
// for people to look at, and the print layout. The working sheet, as 窓口担当課 (demo-reporter,
// signed in through the form) sees it with its edit button (issue 4).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { demoIds, REPO } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, signIn } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser());
  ids = await demoIds(srv.url);
  const page = await br.context.newPage();
  await signIn(page, srv, 'reporter');
  await page.close();
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function withPage(fn) {
  const page = await br.context.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

test('Japanese renders: the h1 differs from the same number of unassigned code points', () => withPage(async (page) => {
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  await page.evaluate(() => document.fonts.ready);
  const h1 = page.locator('main h1').first();
  const text = await h1.innerText();
  assert.match(text, /書かない窓口/);
  // Only the Japanese title is compared: "1-1-3" would render in any Latin font and make the two
  // shots differ even when every Japanese glyph is a box.
  await h1.evaluate((el) => { el.textContent = '書かない窓口'; el.style.width = 'max-content'; });
  const japanese = await h1.screenshot();
  const n = [...'書かない窓口'].length;
  await h1.evaluate((el, count) => { el.textContent = '\u0378'.repeat(count); }, n);
  const unassigned = await h1.screenshot();
  assert.ok(!japanese.equals(unassigned), 'the Japanese title looks like unassigned code points: are the CJK fonts missing?');
  // and two different kanji are two different glyphs, not the same box
  await h1.evaluate((el) => { el.textContent = '窓'; });
  const a = await h1.screenshot();
  await h1.evaluate((el) => { el.textContent = '書'; });
  const b = await h1.screenshot();
  assert.ok(!a.equals(b), '窓 and 書 render the same: they are boxes');
  await h1.evaluate((el) => { el.textContent = 'か'; });
  const c = await h1.screenshot();
  await h1.evaluate((el) => { el.textContent = 'な'; });
  const d = await h1.screenshot();
  assert.ok(!c.equals(d), 'か and な render the same: they are boxes');
}));

test('control: with the CJK fonts hidden from Chromium, the same comparison finds boxes', async (t) => {
  // Proves that the comparison above can fail: a second Chromium whose fontconfig sees only the
  // Latin fonts draws 書かない窓口 exactly like six unassigned code points.
  const latinOnly = '/usr/share/fonts/truetype';
  if (!fs.existsSync(latinOnly)) return t.skip(`${latinOnly} is missing`);
  const os = require('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-fc-'));
  const conf = path.join(dir, 'fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${latinOnly}</dir>` +
    `<cachedir>${dir}/cache</cachedir></fontconfig>\n`);
  const nocjk = await launchBrowser({ env: { ...process.env, FONTCONFIG_FILE: conf } });
  try {
    const page = await nocjk.context.newPage();
    await page.goto(`${srv.url}/measures/${ids.measureId}`);        // anonymous: the published sheet
    const h1 = page.locator('main h1').first();
    await h1.evaluate((el) => { el.textContent = '書かない窓口'; el.style.width = 'max-content'; });
    const japanese = await h1.screenshot();
    await h1.evaluate((el) => { el.textContent = '\u0378'.repeat(6); });
    const unassigned = await h1.screenshot();
    assert.ok(japanese.equals(unassigned), 'without CJK fonts the two should be the same boxes');
  } finally {
    await nocjk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a full-page screenshot of the measure sheet is saved to test-results/measure-sheet.png', () => withPage(async (page) => {
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  await page.evaluate(() => document.fonts.ready);
  const dir = path.join(REPO, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'measure-sheet.png');
  fs.rmSync(file, { force: true });
  await page.screenshot({ path: file, fullPage: true });
  const png = fs.readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const height = png.readUInt32BE(20);
  assert.ok(height >= 900, `the full page (${height}px) is at least the viewport's height`);
}));

test('print: the header navigation and the edit button are hidden, the sheet is not', () => withPage(async (page) => {
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  const nav = page.locator('header nav');
  const edit = page.getByRole('link', { name: '施策を編集' });
  const crumbs = page.locator('nav.crumbs');
  assert.ok(await nav.isVisible(), 'on screen, the header navigation is visible');
  assert.ok(await edit.isVisible(), 'on screen, the edit button is visible');
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await nav.isVisible()), 'printed, the header navigation is hidden');
  assert.ok(!(await edit.isVisible()), 'printed, the edit button is hidden');
  assert.ok(!(await crumbs.isVisible()), 'printed, the breadcrumbs are hidden');
  for (const s of ['現状', '理想']) assert.ok(await page.getByRole('heading', { name: s, exact: true }).isVisible(), `printed, ${s} is shown`);
  assert.ok(await page.locator('table.schedule').isVisible(), 'printed, the schedule grid is shown');
  assert.ok(await page.locator('main h1').isVisible());
  // A4 landscape: the sheet fits the printable width (297 mm − 2 × 10 mm margins ≈ 1047 px at 96 dpi)
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  assert.ok(pdf.length > 1000, 'the sheet prints to PDF');
  const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(mediaBox, 'a PDF page size');
  const [w, h] = [Number(mediaBox[1]), Number(mediaBox[2])];
  assert.ok(w > h, `landscape (${w}×${h} pt)`);
  assert.ok(Math.abs(w - 841.9) < 2 && Math.abs(h - 595.3) < 2, `A4 (${w}×${h} pt)`);
  // every printed page's top line names the city, the plan, the version and the date (issue 15)
  const file = path.join(require('node:os').tmpdir(), `kawaru-sheet-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  const { execFileSync } = require('node:child_process');
  const pages = execFileSync('pdftotext', ['-layout', file, '-']).toString().split('\f').filter((x) => x.trim());
  fs.rmSync(file, { force: true });
  const now = new Date(Date.now() + 9 * 3600 * 1000);     // the date in Japan time
  const today = `${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月${now.getUTCDate()}日`;
  for (const [i, text] of pages.entries())
    for (const want of ['江津市', 'スマートシティ江津推進構想アクションプラン', '作業中の内容（未発行）', today])
      assert.ok(text.replace(/\s+/g, '').includes(want), `page ${i + 1} of ${pages.length} names ${want}`);
  await page.goto(`${srv.url}/plans/${ids.planId}/published/measures/1-1-3`);
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('.print-running').innerText(), /江津市.*公開版\s1\.2/s);
}));
