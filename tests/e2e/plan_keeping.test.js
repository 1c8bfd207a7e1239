'use strict';
// Issue 12, "Done when", in Chromium: the office edits 書かない窓口's schedule, progress and
// departments on its edit page and a KPI's target on the KPI form; the department's reporter
// adds a progress item. Each change shows on the measure sheet, in the measure's history and in
// the comparison of the draft with the published version, in words. The reporter's attempts to
// rename the measure or abolish it are refused (403), in the browser and through the API.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, useRole, submitAndWait, assertAxeClean } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const editUrl = () => `${srv.url}/measures/${ids.measureId}/edit`;
const sheet = async () => {
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  return page.locator('.sheet').innerText();
};
const save = async () => {
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 303, await page.locator('main').innerText());
};

test('the office edits the schedule, the progress and the departments in charge', async () => {
  await useRole(page, srv, 'office');
  await page.goto(editUrl());
  await assertAxeClean(page, 'measure edit (office)');
  // the schedule's 2025 row: an item edited and one added, in this order
  const fy = page.locator('input[name^="schedule-fy-"]');
  let row = -1;
  for (let i = 0; i < await fy.count(); i++) if (await fy.nth(i).inputValue() === '2025') row = i;
  assert.ok(row >= 0, 'the schedule has a 2025 row');
  await page.locator(`textarea[name="schedule-items-${row}"]`).fill('窓口支援システムの選定\n試行窓口での運用開始');
  // a progress item for 2025 Q2, in the first empty row
  const progressRows = Number(await page.locator('input[name="progress-rows"]').inputValue());
  const spare = progressRows - 2;
  await page.locator(`input[name="progress-fy-${spare}"]`).fill('令和7年度');
  await page.locator(`select[name="progress-q-${spare}"]`).selectOption('2');
  await page.locator(`textarea[name="progress-items-${spare}"]`).fill('窓口支援システムの試行を開始');
  // a second department in charge after the lead
  await page.getByLabel('担当課 2').selectOption('政策企画課');
  await save();
  const text = await sheet();
  for (const s of ['試行窓口での運用開始', '窓口支援システムの試行を開始', '政策企画課']) assert.ok(text.includes(s), s);
  const m = (await api(srv.url, `/api/v1/measures/${ids.measureId}`)).json;
  assert.deepEqual(m.departments, ['窓口担当課', '政策企画課']);
  assert.deepEqual(m.schedule.find((s) => s.fy === 2025 && !s.quarter).items, ['窓口支援システムの選定', '試行窓口での運用開始']);
  assert.deepEqual(m.progress.find((s) => s.fy === 2025 && s.quarter === 2).items, ['窓口支援システムの試行を開始']);
});

test('the office sets a KPI target on the KPI form', async () => {
  await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
  await page.locator('#target-set').check();
  await page.getByLabel('目標値', { exact: true }).fill('６０');
  await page.getByLabel('目標年度').fill('令和9年度');
  await save();
  const k = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
  assert.deepEqual(k.target, { value: 60, fy: 2027 });
  assert.match(await page.locator('main').innerText(), /60/);
});

test('the reporter adds a progress item to its own measure, and only sees its own fields', async () => {
  await useRole(page, srv, 'reporter');
  await page.goto(editUrl());
  await assertAxeClean(page, 'measure edit (reporter)');
  assert.equal(await page.getByLabel('施策', { exact: true }).count(), 0, 'no title field for a department');
  assert.equal(await page.getByLabel('状況').count(), 0, 'no status field for a department');
  // the new row added by the page's script
  await page.locator('#progress').getByRole('button', { name: '行を追加' }).click();
  const rows = Number(await page.locator('input[name="progress-rows"]').inputValue());
  await page.locator(`input[name="progress-fy-${rows - 1}"]`).fill('2025');
  await page.locator(`select[name="progress-q-${rows - 1}"]`).selectOption('3');
  await page.locator(`textarea[name="progress-items-${rows - 1}"]`).fill('担当課が追加した進捗');
  await save();
  assert.ok((await sheet()).includes('担当課が追加した進捗'));
});

test('the reporter may not rename or abolish the measure: 403 in the browser and the API', async () => {
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  for (const form of [{ title: '改名' }, { status: 'abolished' }]) {
    const r = await page.request.post(editUrl(), { form: { csrf, current: 'x', 'schedule-rows': '0', 'progress-rows': '0', ...form } });
    assert.equal(r.status(), 403, JSON.stringify(form));
    assert.match(await r.text(), /権限がありません/);
  }
  const session = await srv.session('reporter');
  for (const body of [{ title: '改名' }, { status: 'abolished' }]) {
    const r = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body, as: session });
    assert.equal(r.status, 403, r.text);
  }
  const m = (await api(srv.url, `/api/v1/measures/${ids.measureId}`)).json;
  assert.equal(m.title, '書かない窓口');
  assert.equal(m.status, 'active');
});

test('each change shows in the measure\'s history and in the comparison with the published version', async () => {
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/measures/${ids.measureId}/history`);
  const history = await page.locator('main').innerText();
  for (const s of ['試行窓口での運用開始', '窓口支援システムの試行を開始', '担当課が追加した進捗', '政策企画課']) assert.ok(history.includes(s), `history: ${s}`);
  await assertAxeClean(page, 'measure history');
  const versions = (await api(srv.url, `/api/v1/plans/${ids.planId}/versions`)).json;
  await page.goto(`${srv.url}/plans/${ids.planId}/compare?from=${versions.items[0].id}&to=draft`);
  const cmp = await page.locator('main').innerText();
  for (const s of ['スケジュール', '進捗', '担当', '試行窓口での運用開始', '担当課が追加した進捗', '目標値', '60']) assert.ok(cmp.includes(s), `compare: ${s}`);
  assert.doesNotMatch(cmp, /"schedule"|\{"fy"/, 'words, not JSON');
  await page.screenshot({ path: '/tmp/shots/plan-keeping-compare.png', fullPage: true });
});
