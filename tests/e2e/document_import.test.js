'use strict';
// In Chromium, as the office (issue 12, point 1): the organisation's page links to the document
// import; the current document downloaded, one progress item changed and uploaded shows a preview
// with that one change in words (進捗, before → after) and an apply button; applying it says how
// many changes were made and the measure sheet shows the new item. A document that drops a
// measure with history shows it refused with the reason, and no apply button. axe-core finds no
// violations on the form, the preview and the refusal.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
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

const upload = (page, doc) => page.locator('input[type="file"]').setInputFiles({
  name: '322075.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });

test('preview one changed progress item, then apply it', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/orgs/322075`);
  await page.getByRole('link', { name: '計画文書の取り込み' }).click();
  assert.equal(await page.locator('h1').innerText(), '計画文書の取り込み（置き換え）');
  await assertNoAxeViolations(page, 'document import form');
  const doc = (await api(srv.url, '/api/v1/orgs/322075/document')).json;
  doc.plans[0].pillars[0].themes[0].measures.find((m) => m.code === '1-1-3').progress[0].items.push('画面からの追記');
  await upload(page, doc);
  await submitAndWait(page, () => page.getByRole('button', { name: '変更内容を確認する' }).click());
  assert.match(await page.locator('#import-summary').innerText(), /^1件の変更があります/);
  const rows = page.locator('#diff-table tbody tr');
  assert.equal(await rows.count(), 1);
  const row = await rows.first().innerText();
  assert.match(row, /施策\s+1-1-3 書かない窓口\s+変更\s+進捗：/);
  assert.match(row, /画面からの追記/);
  assert.doesNotMatch(row, /progress|\{|\[/, 'words, not JSON');
  await assertNoAxeViolations(page, 'document import preview');
  await page.screenshot({ path: '/tmp/kawaru-document-preview.png', fullPage: true });
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'この内容で置き換える' }).click());
  assert.equal(resp.status(), 303);
  assert.equal((await page.locator('#import-result').innerText()).trim(), '1件の変更を反映しました。');
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  assert.match(await page.locator('.sheet').innerText(), /画面からの追記/);
  await page.close();
});

test('a document dropping a measure with history: refused with the reason, nothing to apply', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/orgs/322075/document/import`);
  const doc = (await api(srv.url, '/api/v1/orgs/322075/document')).json;
  const theme = doc.plans[0].pillars[2].themes[1];          // ② 人材育成: ITパスポート has a measurement
  theme.measures = theme.measures.filter((m) => m.code !== '3-2-1');
  delete doc.plans[0].logic_model;        // it links 3-2-1; a document without one keeps the stored model
  await upload(page, doc);
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '変更内容を確認する' }).click());
  assert.equal(resp.status(), 409);
  const refused = page.locator('#diff-table tr.diff-refused');
  assert.ok(await refused.count() >= 1);
  assert.match(await refused.first().innerText(), /3-2-1[\s\S]*変更できません[\s\S]*実績値 1/);
  assert.equal(await page.getByRole('button', { name: 'この内容で置き換える' }).count(), 0);
  await assertNoAxeViolations(page, 'document import refusal');
  await page.close();
});
