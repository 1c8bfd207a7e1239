'use strict';
// The user's walks through the pages in Chromium: home → plan → measure sheet → KPI → add a
// measurement (and a refused one); editing a measure; searching from the plan page. These are
// officials' walks through the working draft (issue 4): 窓口担当課 (demo-reporter) keeps its own
// 書かない窓口 and 1-1-1, the office (demo-office) edits 1-1-5 of another department.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, submitAndWait, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser());
  ids = await demoIds(srv.url);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

/** A new page of the browser, signed in as who (a demo role). */
async function withPage(who, fn) {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, who);
    return await fn(page);
  } finally {
    await page.close();
  }
}

const tableRows = (page) => page.$$eval('#measurement-table tbody tr', (trs) =>
  trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));

test('walk: home → 江津市 plan → 書かない窓口 → its KPI → add 12.5 on 2025-03-31 → refuse "abc"', () => withPage('reporter', async (page) => {
  await page.goto(srv.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await page.getByRole('link', { name: 'スマートシティ江津推進構想アクションプラン' }).click();
  await page.waitForURL(`**/plans/${ids.planId}`);
  assert.equal(await page.locator('h1').innerText(), 'スマートシティ江津推進構想アクションプラン');

  await page.getByRole('link', { name: '書かない窓口', exact: true }).click();
  await page.waitForURL(`**/measures/${ids.measureId}`);
  const h1 = await page.locator('h1').innerText();
  assert.match(h1, /書かない窓口/);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes('現状'), 'the sheet shows 現状');
  assert.ok(main.includes('理想'), 'the sheet shows 理想');
  assert.ok(main.includes('担当：窓口担当課'), `the sheet shows 担当：窓口担当課 in:\n${main.slice(0, 600)}`);
  assert.ok(await page.getByRole('heading', { name: '現状', exact: true }).isVisible());
  assert.ok(await page.getByRole('heading', { name: '理想', exact: true }).isVisible());
  const grid = page.locator('table.schedule');
  assert.ok(await grid.isVisible(), 'the schedule grid is visible');
  const heads = await grid.locator('thead th').allInnerTexts();
  assert.ok(heads.includes('2024年度（令和6年度）'), `grid columns: ${heads}`);
  assert.ok((await grid.innerText()).includes('江津版「書かない窓口」の定義付け'), 'the FY2024 plan item is in the grid');

  await page.getByRole('link', { name: '窓口の平均対応時間削減割合' }).click();
  await page.waitForURL(`**/kpis/${ids.kpiId}`);
  const pointsBefore = await page.locator('figure.chart svg circle.actual-point').count();
  const rowsBefore = await tableRows(page);
  const apiBefore = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;

  const form = page.locator('form', { has: page.getByRole('button', { name: '追加する' }) });
  assert.ok(await page.getByRole('heading', { name: '実績値を追加' }).isVisible());
  await form.getByLabel('基準日').fill('2025-03-31');
  await form.getByLabel('値', { exact: true }).fill('12.5');
  const added = await submitAndWait(page, () => form.getByRole('button', { name: '追加する' }).click());
  assert.equal(added.status(), 303, 'the form redirects after a successful POST');
  assert.equal(new URL(page.url()).pathname, `/kpis/${ids.kpiId}`);
  const rows = await tableRows(page);
  const isNew = (r) => r[0] === '2025-03-31' && r[1] === '12.5';
  assert.equal(rowsBefore.filter(isNew).length, 0, 'no such row before');
  assert.equal(rows.filter(isNew).length, 1, `a row 2025-03-31 / 12.5 in ${JSON.stringify(rows)}`);
  const points = page.locator('figure.chart svg circle.actual-point');
  assert.equal(await points.count(), pointsBefore + 1, 'the chart has a new point');
  assert.equal((await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length, apiBefore + 1);
  assert.ok((await page.locator('main').innerText()).includes('12.5'), 'the latest value is shown');

  // a value that is not a number: refused next to the field, nothing added
  await form.getByLabel('基準日').fill('2025-06-30');
  await form.getByLabel('値', { exact: true }).fill('abc');
  const resp = await submitAndWait(page, () => form.getByRole('button', { name: '追加する' }).click());
  assert.equal(resp.status(), 422);
  const value = page.locator('form input[name="value"]');
  assert.equal(await value.getAttribute('aria-invalid'), 'true', 'the 値 field is marked invalid');
  assert.equal(await value.inputValue(), 'abc', 'the typed value is kept');
  const describedBy = (await value.getAttribute('aria-describedby')) || '';
  const errId = describedBy.split(/\s+/).find((x) => /error/.test(x));
  assert.ok(errId, `aria-describedby points at an error message: "${describedBy}"`);
  const err = page.locator(`#${errId}`);
  assert.ok(await err.isVisible(), 'the error message is visible');
  assert.match(await err.innerText(), /数値/, 'the message says a number is wanted');
  // next to the field: inside the same .field as the input
  assert.equal(await page.locator('.field', { has: page.locator('input[name="value"]') }).locator(`#${errId}`).count(), 1,
    'the error is next to the 値 field');
  assert.equal(await page.locator('form input[name="period"]').getAttribute('aria-invalid'), null, '基準日 is fine');
  assert.ok(await page.getByRole('alert').isVisible(), 'an error summary is announced');
  assert.deepEqual(await tableRows(page), rows, 'the table is unchanged: no row was added');
  assert.equal((await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length, apiBefore + 1, 'nothing stored');
}));

test('edit a measure through /measures/{id}/edit: 現状 saved; an empty 施策 title is refused with 422', () => withPage('office', async (page) => {
  const id = ids.plan.pillars[0].themes[0].measures[4].id;   // 1-1-5 リモート窓口
  const before = (await api(srv.url, `/api/v1/measures/${id}`)).json;
  await page.goto(`${srv.url}/measures/${id}`);
  await page.getByRole('link', { name: '施策を編集' }).click();
  await page.waitForURL(`**/measures/${id}/edit`);
  const current = page.getByLabel('現状', { exact: true });
  assert.equal(await current.inputValue(), before.current, 'the form shows the stored 現状');
  await current.fill('ブラウザから書き換えた現状です。\n二行目もあります。');
  const saved = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(saved.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/measures/${id}`);
  const box = page.locator('section', { has: page.getByRole('heading', { name: '現状', exact: true }) });
  assert.match(await box.innerText(), /ブラウザから書き換えた現状です。\s*二行目もあります。/);
  const after = (await api(srv.url, `/api/v1/measures/${id}`)).json;
  assert.equal(after.current.replace(/\r\n/g, '\n'), 'ブラウザから書き換えた現状です。\n二行目もあります。');
  assert.equal(after.title, before.title);
  assert.equal(after.ideal.replace(/\r\n/g, '\n'), before.ideal, '理想 is unchanged (line endings: see the next test)');
  assert.equal(after.status, before.status);
  assert.equal(after.new_since_fy ?? null, before.new_since_fy ?? null, 'new_since_fy is kept through the form');

  // an empty title
  await page.goto(`${srv.url}/measures/${id}/edit`);
  await page.getByLabel('施策', { exact: true }).fill('');
  await page.getByLabel('現状', { exact: true }).fill('保存されてはいけない現状');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 422);
  const title = page.locator('input[name="title"]');
  assert.equal(await title.getAttribute('aria-invalid'), 'true');
  const err = page.locator('#title-error');
  assert.ok(await err.isVisible(), 'an error message under the title field');
  assert.match(await err.innerText(), /入力してください/);
  assert.equal(await page.locator('.field', { has: page.locator('input[name="title"]') }).locator('#title-error').count(), 1,
    'next to the field');
  assert.match((await title.getAttribute('aria-describedby')) || '', /title-error/);
  assert.equal(await page.getByLabel('現状', { exact: true }).inputValue(), '保存されてはいけない現状', 'what was typed is kept');
  assert.equal((await api(srv.url, `/api/v1/measures/${id}`)).json.current, after.current, 'nothing was saved');
}));

test('saving the edit form stores line breaks as \\n and leaves untouched fields byte-identical', () => withPage('reporter', async (page) => {
  // Browsers submit textarea line breaks as CRLF (HTML form submission). The server should store
  // the text the way the API and the plan documents have it, and a field the user did not touch
  // must not change at all.
  const id = ids.plan.pillars[0].themes[0].measures[0].id;   // 1-1-1: its 理想 has two lines
  const before = (await api(srv.url, `/api/v1/measures/${id}`)).json;
  assert.ok(before.ideal.includes('\n'), 'the demo 理想 of 1-1-1 has a line break');
  await page.goto(`${srv.url}/measures/${id}/edit`);
  await page.getByLabel('現状', { exact: true }).fill('一行目\n二行目');
  assert.equal((await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click())).status(), 303);
  const after = (await api(srv.url, `/api/v1/measures/${id}`)).json;
  assert.equal(JSON.stringify(after.current), JSON.stringify('一行目\n二行目'), 'the typed 現状 is stored with CRLF');
  assert.equal(JSON.stringify(after.ideal), JSON.stringify(before.ideal), 'the untouched 理想 was rewritten');
}));

test('search from the plan page: type 窓口, submit, the results list 書かない窓口', () => withPage('viewer', async (page) => {
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  const box = page.getByRole('searchbox');
  await box.fill('窓口');
  await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('button', { name: '検索', exact: true }).click()]);
  assert.equal(new URL(page.url()).searchParams.get('q'), '窓口');
  assert.equal(await page.getByRole('searchbox').inputValue(), '窓口', 'the query stays in the box');
  const results = page.locator('main table');
  const links = await results.getByRole('link').allInnerTexts();
  assert.ok(links.includes('書かない窓口'), `results: ${links}`);
  assert.ok(links.length >= 3, `${links.length} results`);
  assert.match(await page.getByRole('status').innerText(), new RegExp(`${links.length}`));
  await page.getByRole('link', { name: '書かない窓口', exact: true }).click();
  await page.waitForURL(`**/measures/${ids.measureId}`);

  // pressing Enter in the box works too, and a query with no match says so
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  await page.getByRole('searchbox').fill('存在しない言葉');
  await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('searchbox').press('Enter')]);
  assert.ok((await page.locator('main').innerText()).includes('該当する施策はありません'));
}));
