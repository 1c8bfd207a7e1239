'use strict';
// In Chromium, as the office (issue 16, points 1 and 2): the plan page offers the 個別業務一覧 as
// a workbook and as CSV; the workbook downloaded and uploaded again on the import page previews
// "no changes"; the list with one 理想 changed (edited as a CSV file, as an office would in Excel)
// previews that change in words with the columns not read named, and applies it; the measure
// sheet shows the new text. axe-core finds no violations on the plan page's downloads, the form
// and the preview; at 375 px the preview fits the screen.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { demoIds } = require('../lib/server');
const { startServerAndBrowser, runAxe, formatViolations, submitAndWait, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

test('download the workbook from the plan page, upload it again: no changes', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  const section = page.locator('section[aria-labelledby="downloads"]');
  assert.equal(await section.locator('h2').innerText(), '表計算ソフトで使う');
  await assertNoAxeViolations(page, 'plan page with its downloads');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: '個別業務一覧（Excel形式・xlsx）' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^江津市_スマートシティ江津推進構想アクションプラン\.xlsx$|^kawaru-322075-plan\d+-measures\.xlsx$/);
  const saved = `${srv.dir}/downloaded.xlsx`;
  await download.saveAs(saved);
  assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), 'PK');

  await section.getByRole('link', { name: '個別業務一覧を取り込む' }).click();
  await assertNoAxeViolations(page, 'import form');
  await page.locator('input[type="file"]').setInputFiles(saved);
  await submitAndWait(page, () => page.getByRole('button', { name: '変更内容を確認する' }).click());
  assert.match(await page.locator('#sheet-rows').innerText(), /^30行を読み込みました。$/);
  assert.equal(await page.locator('#import-summary').innerText(), '違いはありません。');
  assert.equal(await page.getByRole('button', { name: 'この内容で置き換える' }).count(), 0, 'nothing to apply');
  await page.close();
});

test('a list with one 理想 changed: previewed in words, then applied', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const res = await page.request.get(`${srv.url}/plans/${ids.planId}/export.csv`);
  assert.equal(res.status(), 200);
  const csv = (await res.text()).replace('申請者が申請書の記入をすることなく窓口での手続きを行うことができる',
    '申請者が申請書を書かずに、どの窓口でも手続きを終えられる');
  await page.goto(`${srv.url}/orgs/322075/document/import`);
  await page.locator('input[type="file"]').setInputFiles({ name: '個別業務一覧.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await submitAndWait(page, () => page.getByRole('button', { name: '変更内容を確認する' }).click());
  assert.match(await page.locator('#import-summary').innerText(), /^1件の変更があります/);
  assert.equal(await page.locator('#sheet-not-read').innerText(), '読み込まない列（kawaruが計算・記録する値など）：最新値、最新値の時点、達成状況');
  const row = await page.locator('#diff-table tbody tr').first().innerText();
  assert.match(row, /1-1-3 書かない窓口[\s\S]*理想/);
  assert.match(row, /どの窓口でも手続きを終えられる/);
  await assertNoAxeViolations(page, 'measure list preview');
  await page.setViewportSize({ width: 375, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `the preview fits 375 px (${wide})`);
  await page.screenshot({ path: '/tmp/kawaru-sheet-preview.png', fullPage: true });
  await page.setViewportSize({ width: 1200, height: 900 });
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'この内容で置き換える' }).click());
  assert.equal(resp.status(), 303);
  assert.equal((await page.locator('#import-result').innerText()).trim(), '1件の変更を反映しました。');
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  assert.match(await page.locator('.sheet').innerText(), /どの窓口でも手続きを終えられる/);
  await page.close();
});
