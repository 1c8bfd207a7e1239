'use strict';
// The promotion organisation in the browser (issue 4, point 4): from 江津市's page to its bodies,
// to a working group and its meetings, to DX推進委員会 and its six meetings of 2024, and to the
// meeting calendar; every page passes axe-core. All of it is public: an anonymous visitor walks
// it, and a meeting's measure opens as the published sheet (issue 4: drafts are for officials).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServerAndBrowser, assertAxeClean } = require('../lib/browser');

let srv;
let br;
let page;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  page = await br.context.newPage();
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

test('organisation → bodies → a WG → its meetings, then the committee and the calendar', async () => {
  await page.goto(`${srv.url}/orgs/322075`);
  await assertAxeClean(page, 'organisation page');
  await page.getByRole('link', { name: '推進体制' }).click();
  await page.waitForURL(/\/orgs\/322075\/bodies$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), '推進体制 江津市');
  const hqTable = page.getByRole('table', { name: /スマートシティ江津推進本部/ });
  assert.equal(await hqTable.getByRole('row', { name: /CDO 市長/ }).count(), 1);
  await assertAxeClean(page, 'bodies page');

  await page.getByRole('link', { name: 'WG⑤（テレワーク）' }).click();
  await page.waitForURL(/\/bodies\/\d+$/);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /WG⑤（テレワーク）/);
  assert.match(await page.locator('main').innerText(), /テレワーク/);
  const meetings = page.getByRole('heading', { name: '会議', level: 2 });
  assert.equal(await meetings.count(), 1);
  assert.match(await page.locator('main').innerText(), /会議の記録はありません。/);
  await assertAxeClean(page, 'a working group');

  await page.getByRole('link', { name: '推進体制' }).last().click();
  await page.getByRole('link', { name: 'DX推進委員会' }).click();
  await page.waitForURL(/\/bodies\/\d+$/);
  assert.equal(await page.locator('li.meeting').count(), 6);
  await assertAxeClean(page, 'the committee');
  await page.getByRole('link', { name: /3-3-1/ }).first().click();
  await page.waitForURL(/\/plans\/\d+\/published\/measures\/3-3-1$/);
  assert.match(await page.locator('main h1').innerText(), /スマートシティの実現/);

  await page.goto(`${srv.url}/orgs/322075/meetings?fy=2024`);
  assert.equal(await page.getByRole('heading', { level: 2 }).first().innerText(), '2024年4月');
  assert.ok(await page.getByRole('table').count() >= 8);
  await assertAxeClean(page, 'the meeting calendar');
  await page.goto(`${srv.url}/orgs/322075/meetings?fy=2024&lang=en`);
  await assertAxeClean(page, 'the meeting calendar in English');
});
