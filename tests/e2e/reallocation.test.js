'use strict';
// Where the freed hours went (issue 14 point 4) on the workload page, in Chromium: after a survey
// import of 江津市 (`kawaru import --survey`) and a means applied through the API (so hours are
// freed), the office, with JavaScript off, records that 120.5 hours of 令和7年度 went to
// 「子育て相談窓口の拡充」 under a measure; the entry shows in the page's table, in
// GET /api/v1/orgs/322075/reallocations and in the workload API's reallocated_hours. Its hours are
// changed; negative hours are refused with the field marked and nothing changed; it is deleted.
// A viewer sees the table and no form. The page passes axe-core and does not scroll sideways at
// 375 px.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole } = require('../lib/browser');

let srv;
let br;
let nojs;
let ids;
before(async () => {
  // bypassCSP lets axe's injected script run (the CSP itself is tested in tests/api/headers.test.js)
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  nojs = await launchBrowser({ javaScriptEnabled: false });
  const csv = ['課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考',
    'madoguchi,令和6年度,A01,住民票の写しの交付,12000,1,申請書の受付,5,正規職員,窓口,○,,,,,',
    'madoguchi,令和6年度,A01,住民票の写しの交付,12000,2,交付,2,正規職員,窓口,○,,,,,'].join('\r\n') + '\r\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-realloc-')), 'survey.csv');
  fs.writeFileSync(file, '\ufeff' + csv);
  execFileSync(srv.bin, ['import', '--db', srv.db, '--survey', file, '--org', '322075'], { stdio: 'pipe' });
  ids = await demoIds(srv.url);
  // オンライン申請 at 40 % on 申請書の受付 (1,000 hours): 400 hours freed
  const m = (await api(srv.url, '/api/v1/orgs/322075/matrix', { as: 'office' })).json;
  const step = m.businesses[0].steps.find((s) => s.name === '申請書の受付').id;
  const means = (await api(srv.url, '/api/v1/orgs/322075/means', { as: 'office' })).json.items;
  const r = await api(srv.url, `/api/v1/steps/${step}/applications`,
    { method: 'POST', body: { means_id: means.find((x) => x.name === 'オンライン申請').id, reduction: 40 }, as: 'office' });
  assert.equal(r.status, 201, r.text);
});
after(async () => {
  if (nojs) await nojs.close();
  if (br) await br.close();
  if (srv) await srv.stop();
});

const url = () => `${srv.url}/orgs/322075/workload`;
const workload = async () => (await api(srv.url, '/api/v1/orgs/322075/workload', { as: 'office' })).json;
const entries = async () => (await api(srv.url, '/api/v1/orgs/322075/reallocations', { as: 'office' })).json.items;

async function withPage(context, who, fn) {
  const page = await context.newPage();
  try {
    await useRole(page, srv, who);
    return await fn(page);
  } finally {
    await page.close();
  }
}

test('without JavaScript the office records an entry, changes its hours, is refused negative hours', () => withPage(nojs.context, 'office', async (page) => {
  assert.equal((await workload()).freed_hours, 400);
  let resp = await page.goto(url());
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('#no-reallocations').innerText(), /まだ記録されていません/);
  assert.equal(await page.locator('#freed-projected').innerText(), '400時間');
  await page.locator('#ra-new-fy').fill('令和7年度');
  await page.locator('#ra-new-hours').fill('120.5');
  await page.locator('#ra-new-service').fill('子育て相談窓口の拡充');
  await page.locator('#ra-new-measure').selectOption(String(ids.measureId));
  await page.locator('#ra-new-note').fill('窓口の職員1名分');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '記録する' }).click());
  assert.equal(resp.status(), 303);
  assert.match(page.url(), /reallocation=saved#reallocations$/);
  assert.match(await page.locator('#reallocation-notice').innerText(), /保存しました/);
  const row = await page.locator('#reallocations-table tbody tr').innerText();
  assert.match(row, /2025年度（令和7年度）|令和7年度/);
  assert.match(row, /120\.5時間/);
  assert.match(row, /子育て相談窓口の拡充/);
  assert.match(row, /書かない窓口/);
  assert.equal(await page.locator('#reallocations-table tbody a').getAttribute('href'), `/measures/${ids.measureId}`);
  assert.equal(await page.locator('#reallocated-hours').innerText(), '120.5時間');
  let list = await entries();
  assert.equal(list.length, 1);
  const id = list[0].id;
  assert.deepEqual(list[0], { id, fy: 2025, hours: 120.5, service: '子育て相談窓口の拡充', note: '窓口の職員1名分', measure_id: ids.measureId });
  assert.equal((await workload()).reallocated_hours, 120.5);

  // its hours changed by its own form
  await page.locator(`#ra-${id}-hours`).fill('200');
  resp = await submitAndWait(page, () => page.locator(`#reallocation-edit-${id} button`, { hasText: '変更を保存する' }).click());
  assert.equal(resp.status(), 303);
  assert.equal((await entries())[0].hours, 200);
  assert.equal(await page.locator('#reallocated-hours').innerText(), '200時間');

  // negative hours: the form again with the field marked, nothing changed
  const before = JSON.stringify(await entries());
  await page.locator(`#ra-${id}-hours`).fill('-5');
  resp = await submitAndWait(page, () => page.locator(`#reallocation-edit-${id} button`, { hasText: '変更を保存する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator(`#ra-${id}-hours`).getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator(`#ra-${id}-hours-error`).innerText(), /0以上/);
  assert.equal(await page.locator(`#ra-${id}-hours`).inputValue(), '-5', 'what was typed is kept');
  await page.locator('#ra-new-hours').fill('-1');
  await page.locator('#ra-new-fy').fill('R7');
  await page.locator('#ra-new-service').fill('別のサービス');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '記録する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator('#ra-new-hours').getAttribute('aria-invalid'), 'true');
  assert.equal(JSON.stringify(await entries()), before);
}));

test('a viewer sees the table and no form', () => withPage(br.context, 'viewer', async (page) => {
  const resp = await page.goto(url());
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('#reallocations-table').innerText(), /子育て相談窓口の拡充/);
  assert.equal(await page.locator('#reallocation-add').count(), 0);
  assert.equal(await page.locator('form[action^="/reallocations/"]').count(), 0);
}));

test('axe-core passes with the forms, nothing scrolls sideways at 375 px, in English too', () => withPage(br.context, 'office', async (page) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${url()}#reallocations`);
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations('workload page with reallocations', violations));
  if (process.env.KAWARU_SCREENSHOTS)
    await page.locator('section:has(#reallocations)').screenshot({ path: path.join(process.env.KAWARU_SCREENSHOTS, 'reallocations-1366.png') });
  await page.goto(`${url()}?lang=en`);
  assert.match(await page.locator('#reallocations').innerText(), /Where the freed hours went/);
  assert.match(await page.locator('#reallocations-table').innerText(), /120\.5 h|200 h/);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${url()}?lang=ja`);
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > 376 && !el.closest('.table-scroll')).map((el) => el.tagName + '#' + el.id + '.' + el.className).slice(0, 8));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no sideways page scroll: ' + wide.join(' '));
}));

test('without JavaScript the office deletes the entry', () => withPage(nojs.context, 'office', async (page) => {
  const [x] = await entries();
  await page.goto(`${url()}#reallocation-edit-${x.id}`);
  const resp = await submitAndWait(page, () => page.locator(`#reallocation-edit-${x.id} button`, { hasText: 'この記録を削除する' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('#reallocation-notice').innerText(), /削除しました/);
  assert.equal(await page.locator('#no-reallocations').count(), 1);
  assert.deepEqual(await entries(), []);
  assert.equal((await workload()).reallocated_hours, 0);
}));
