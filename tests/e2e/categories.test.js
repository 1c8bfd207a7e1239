'use strict';
// Shared categories in the browser (issue 16 point 6): the office confirms a suggested category
// on a measure's edit page, and rejects another, by the forms alone; a signed-out reader at 375 px
// reaches 書かない窓口 from the organisations' page and sees 江津市's and 印西市's side by side —
// 印西市's marked as its 案 — without the page scrolling sideways, and both pages pass axe-core.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, assertAxeClean, submitAndWait, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
let createdId;                          // the measure the office's first test makes
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ viewport: { width: 375, height: 800 }, bypassCSP: true }));
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const mainText = () => page.locator('main').innerText();
const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('the office confirms a suggested category and rejects another on the measure\'s edit page', async () => {
  // a new measure of 江津市 whose words suggest categories it has not been given yet
  const plan = (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as: 'office' })).json;
  const theme = plan.pillars[0].themes[0].id;
  const created = await api(srv.url, `/api/v1/themes/${theme}/measures`, {
    method: 'POST', as: 'office', body: { code: 'E-1', title: 'マイナンバーカードで書かない窓口', departments: ['窓口担当課'] },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  createdId = id;
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/measures/${id}/edit`);
  const section = page.locator('section.category-section');
  assert.match(await section.innerText(), /提案/);
  const confirm = section.getByRole('button', { name: '自治体フロントヤード改革の推進を確定' });
  let resp = await submitAndWait(page, () => confirm.click());
  assert.equal(resp.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/measures/${id}/categories`);
  assert.match(await page.getByRole('status').innerText(), /共通カテゴリを記録しました/);
  const confirmed = page.locator('section', { has: page.getByRole('heading', { name: '確定したカテゴリ' }) });
  assert.match(await confirmed.innerText(), /自治体フロントヤード改革の推進/);
  resp = await submitAndWait(page, () => page.getByRole('button', { name: 'マイナンバーカードの普及促進・利用の推進を却下' }).click());
  assert.equal(resp.status(), 303);
  const rejected = page.locator('section', { has: page.getByRole('heading', { name: '却下したカテゴリ' }) });
  assert.match(await rejected.innerText(), /マイナンバーカードの普及促進・利用の推進/);
  const suggested = page.locator('section', { has: page.getByRole('heading', { name: '提案' }) });
  assert.doesNotMatch(await suggested.innerText(), /マイナンバー|フロントヤード/);
  assert.ok(await sideways() <= 0, 'the office\'s page fits 375 px');
  await assertAxeClean(page, 'the office\'s categories page');
  // stored: the API says so
  const c = (await api(srv.url, `/api/v1/measures/${id}/categories`, { as: 'office' })).json;
  assert.deepEqual([c.confirmed.map((x) => x.code), c.rejected.map((x) => x.code)], [['front_yard'], ['mynumber']]);
  // adding any category with the form
  await page.locator('#code').selectOption('telework');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '追加して確定' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await confirmed.innerText(), /テレワークの推進/);
});

test('the office confirms ticked suggestions of many measures at once from the plan\'s list', async () => {
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  await page.getByRole('link', { name: '共通カテゴリを一括確認' }).click();
  await page.waitForURL(new RegExp(`/plans/${ids.planId}/categories$`));
  const box = page.locator(`#c-${createdId}-no_writing_counter`);
  assert.equal(await box.isChecked(), false);
  await box.check();
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'チェックしたカテゴリを確定' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.getByRole('status').innerText(), /共通カテゴリを記録しました/);
  assert.equal(await page.locator(`#c-${createdId}-no_writing_counter`).count(), 0, 'confirmed: no longer suggested');
  const c = (await api(srv.url, `/api/v1/measures/${createdId}/categories`, { as: 'office' })).json;
  assert.ok(c.confirmed.some((x) => x.code === 'no_writing_counter'));
  // nothing ticked: the form comes back with its error, nothing written
  const again = await submitAndWait(page, () => page.getByRole('button', { name: 'チェックしたカテゴリを確定' }).click());
  assert.equal(again.status(), 422);
  assert.match(await page.locator('.error-summary').innerText(), /チェックを入れてください/);
  assert.ok(await sideways() <= 0, 'the list fits 375 px');
  await assertAxeClean(page, 'the plan\'s categories list');
});

test('a signed-out reader at 375 px sees 江津市\'s and 印西市\'s 書かない窓口 side by side', async () => {
  await useRole(page, srv, null);
  await page.goto(`${srv.url}/orgs`);
  await page.getByRole('link', { name: '共通カテゴリで自治体の取組を比べる' }).click();
  await page.waitForURL(/\/categories$/);
  assert.match(await mainText(), /自治体DX推進計画の重点取組事項/);
  assert.ok(await sideways() <= 0, '/categories fits 375 px');
  await assertAxeClean(page, '/categories');
  await page.getByRole('link', { name: '書かない窓口' }).click();
  await page.waitForURL(/\/categories\/no_writing_counter$/);
  const cards = page.locator('.compare-card');
  assert.equal(await cards.count(), 2);
  const text = await mainText();
  assert.match(text, /江津市/);
  assert.match(text, /印西市/);
  const inzai = cards.filter({ hasText: '印西市' });
  assert.match(await inzai.innerText(), /案（パブリックコメント用）/);
  const gotsu = cards.filter({ hasText: '江津市' });
  assert.match(await gotsu.innerText(), /窓口の平均対応時間削減割合/);
  assert.doesNotMatch(await gotsu.innerText(), /パブリックコメント/);
  assert.ok(await sideways() <= 0, 'the comparison fits 375 px');
  await assertAxeClean(page, '/categories/no_writing_counter');
  // each links to its published sheet
  await gotsu.getByRole('link', { name: /書かない窓口/ }).click();
  await page.waitForURL(new RegExp(`/plans/${ids.planId}/published/measures/1-1-3$`));
  assert.match(await page.locator('main h1').innerText(), /書かない窓口/);
});
