'use strict';
// In Chromium, the office edits the KPIs (指標) of 江津市's 書かない窓口 (issue 12, point 2):
// the measure edit page links to the list of its KPIs; a KPI's target goes from 未決定 to a value
// typed in full-width digits and shows on the KPI page and in the API; a KPI is added and moved to
// the top; a fresh KPI is deleted, one with measurements is refused with the history message and
// abolished instead (廃止 shown); bad numbers are shown at their field and save nothing; a taken
// code is refused; a reporter and a viewer get 403; axe-core finds no violations; the form works
// with JavaScript off; the pages are usable 375 px wide (screenshots in /tmp/shots).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { api, demoIds } = require('../lib/server');
const {
  startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn,
} = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  fs.mkdirSync('/tmp/shots', { recursive: true });
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

const kpiApi = async (id) => (await api(srv.url, `/api/v1/kpis/${id}`, { as: 'office' })).json;
const measureKpis = async () => (await api(srv.url, `/api/v1/measures/${ids.measureId}`, { as: 'office' })).json.kpis;
const save = (page, name = '保存する') => submitAndWait(page, () => page.getByRole('button', { name, exact: true }).click());

/** Adds a KPI through the form of /measures/{id}/kpis/new; returns its id (the newest of the measure). */
async function addKpi(page, fields) {
  await page.goto(`${srv.url}/measures/${ids.measureId}/kpis/new`);
  if (fields.name) await page.getByLabel('指標名', { exact: true }).fill(fields.name);
  else await page.getByLabel('指標名なし（指標未設定）').check();
  if (fields.unit) await page.getByLabel('単位').fill(fields.unit);
  if (fields.direction) await page.getByLabel('方向').selectOption({ label: fields.direction });
  if (fields.target === 'none') await page.getByLabel('なし', { exact: true }).check();
  const resp = await save(page, '追加する');
  assert.equal(resp.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/measures/${ids.measureId}/kpis`);
  const kpis = await measureKpis();
  return Math.max(...kpis.map((k) => k.id));
}

test('the measure edit page links to the KPI list; the KPI page links to its form (office only)', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/measures/${ids.measureId}/edit`);
  await page.getByRole('link', { name: '指標を編集' }).click();
  assert.equal(new URL(page.url()).pathname, `/measures/${ids.measureId}/kpis`);
  assert.equal(await page.locator('h1').innerText(), '指標の編集');
  const row = await page.locator('#kpi-list tbody tr').first().innerText();
  assert.match(row, /窓口の平均対応時間削減割合\s+単位：%\s+目標値：50%\s*（2026年度/);
  await assertNoAxeViolations(page, 'KPI list');
  await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
  await page.getByRole('link', { name: '編集', exact: true }).click();
  assert.equal(new URL(page.url()).pathname, `/kpis/${ids.kpiId}/edit`);
  assert.equal(await page.getByLabel('指標名', { exact: true }).inputValue(), '窓口の平均対応時間削減割合');
  await assertNoAxeViolations(page, 'KPI form');
  await useRole(page, srv, 'reporter');
  await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
  assert.equal(await page.getByRole('link', { name: '編集', exact: true }).count(), 0, 'no edit link for a reporter');
  await page.close();
});

test('a target goes from 未決定 to a value typed in full-width digits', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
  await page.getByLabel('未決定').check();
  assert.equal((await save(page)).status(), 303);
  assert.deepEqual((await kpiApi(ids.kpiId)).target, { state: 'undecided' });
  assert.match(await page.locator('.facts').innerText(), /目標値\s+未決定/);

  await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
  assert.ok(await page.getByLabel('未決定').isChecked());
  await page.getByLabel('目標値を定める').check();
  await page.getByLabel('目標値', { exact: true }).fill('５０');
  await page.getByLabel('目標年度').fill('令和9年度');
  await page.getByLabel('基準値', { exact: true }).fill('約１０');
  await page.getByLabel('基準年度').fill('R6');
  await page.getByLabel('視点').selectOption({ label: '職員目線' });
  await page.getByLabel('データの出所').fill('窓口受付システムの月次集計');
  const resp = await save(page);
  assert.equal(resp.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/kpis/${ids.kpiId}`);
  const facts = await page.locator('.facts').innerText();
  assert.match(facts, /目標値\s+50%\s*（2027年度（令和9年度））/);
  assert.match(facts, /基準値\s+10%/);
  assert.match(facts, /職員目線/);
  const k = await kpiApi(ids.kpiId);
  assert.deepEqual(k.target, { value: 50, fy: 2027 });
  assert.deepEqual(k.baseline, { value: 10, fy: 2024 });
  assert.equal(k.perspective, 'staff');
  assert.equal(k.source, '窓口受付システムの月次集計');
  assert.equal(k.name, '窓口の平均対応時間削減割合', 'the name is kept');
  await page.close();
});

test('bad numbers are shown at their field, and nothing is saved', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const before = await kpiApi(ids.kpiId);
  await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
  await page.getByLabel('単位').fill('件');
  await page.getByLabel('目標値を定める').check();
  await page.getByLabel('目標値', { exact: true }).fill('abc');
  await page.getByLabel('基準値', { exact: true }).fill('10000000000000000');   // 1e16
  await page.getByLabel('基準年度').fill('');
  let resp = await save(page);
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator('#target_value').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#target_value-error').innerText(), /数値を入力してください/);
  assert.match(await page.locator('#baseline_value-error').innerText(), /大きすぎます/);
  assert.match(await page.locator('#error-summary').innerText(), /入力内容を確認してください/);
  assert.equal(await page.getByLabel('単位').inputValue(), '件', 'what was typed is kept');
  await assertNoAxeViolations(page, 'KPI form with errors');

  await page.getByLabel('目標値', { exact: true }).fill('1e16');
  await page.getByLabel('基準値', { exact: true }).fill('5');
  resp = await save(page);
  assert.equal(resp.status(), 422);
  assert.match(await page.locator('#target_value-error').innerText(), /数値を入力してください/);
  assert.match(await page.locator('#baseline_fy-error').innerText(), /基準年度も入力してください/);

  await page.getByLabel('目標値', { exact: true }).fill('');
  await page.getByLabel('基準値', { exact: true }).fill('');
  await page.getByLabel('指標名なし（指標未設定）').check();
  resp = await save(page);
  assert.equal(resp.status(), 422);
  assert.match(await page.locator('#target_value-error').innerText(), /入力してください/);
  assert.match(await page.locator('#name-error').innerText(), /指標名を空にしてください/);
  assert.deepEqual(await kpiApi(ids.kpiId), before, 'nothing saved');
  await page.close();
});

test('a KPI is added, moved to the top, and a taken code is refused', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const id = await addKpi(page, { name: '申請書の記入枚数', unit: '枚', direction: '減らす', target: 'none' });
  let rows = page.locator('#kpi-list tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(1).innerText(), /申請書の記入枚数\s+単位：枚\s+目標値：なし/);
  const added = await kpiApi(id);
  assert.equal(added.direction, 'decrease');
  assert.deepEqual(added.target, { state: 'none' });
  await page.screenshot({ path: '/tmp/shots/kpi-list-1280.png', fullPage: true });

  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '上へ：申請書の記入枚数' }).click());
  assert.equal(resp.status(), 303);
  rows = page.locator('#kpi-list tbody tr');
  assert.match(await rows.nth(0).innerText(), /^1\s+申請書の記入枚数/);
  assert.match(await rows.nth(1).innerText(), /^2\s+窓口の平均対応時間削減割合/);
  assert.deepEqual((await measureKpis()).map((k) => k.id), [id, ids.kpiId], 'the API has the new order');
  await submitAndWait(page, () => page.getByRole('button', { name: '下へ：申請書の記入枚数' }).click());
  assert.deepEqual((await measureKpis()).map((k) => k.id), [ids.kpiId, id], 'and down again');
  await submitAndWait(page, () => page.getByRole('button', { name: '上へ：申請書の記入枚数' }).click());
  assert.deepEqual((await measureKpis()).map((k) => k.id), [id, ids.kpiId]);

  // a code is unique within the measure
  await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
  await page.getByLabel('指標番号（任意）').fill('K1');
  assert.equal((await save(page)).status(), 303);
  assert.equal((await kpiApi(ids.kpiId)).code, 'K1');
  await page.goto(`${srv.url}/kpis/${id}/edit`);
  await page.getByLabel('指標番号（任意）').fill('K1');
  assert.equal((await save(page)).status(), 409);
  assert.match(await page.locator('#code-error').innerText(), /すでに使われています/);
  await page.getByLabel('指標番号（任意）').fill('K/2');
  assert.equal((await save(page)).status(), 422);
  assert.match(await page.locator('#code-error').innerText(), /「\/」は使えません/);
  assert.equal((await kpiApi(id)).code, undefined);
  await page.close();
});

test('a fresh KPI is deleted; one with measurements is refused and abolished instead', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const fresh = await addKpi(page, {});
  assert.equal((await kpiApi(fresh)).name, undefined, 'no name: 指標未設定');
  assert.match(await page.locator(`#kpi-${fresh}`).innerText(), /指標未設定/);
  await page.goto(`${srv.url}/kpis/${fresh}/edit`);
  assert.ok(await page.getByLabel('指標名なし（指標未設定）').isChecked());
  let resp = await save(page, '削除する');
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('#kpi-notice').innerText(), /削除しました/);
  assert.equal(await page.locator(`#kpi-${fresh}`).count(), 0);
  assert.equal((await api(srv.url, `/api/v1/kpis/${fresh}`, { as: 'office' })).status, 404);

  const kept = await addKpi(page, { name: '書かない申請の件数', unit: '件' });
  const m = await api(srv.url, `/api/v1/kpis/${kept}/measurements`, { method: 'POST', as: 'office', body: { period: '2025-03-31', value: 12 } });
  assert.equal(m.status, 201, m.text);
  await page.goto(`${srv.url}/kpis/${kept}/edit`);
  resp = await save(page, '削除する');
  assert.equal(resp.status(), 409);
  assert.match(await page.locator('#error-summary').innerText(), /履歴があるため削除できません。代わりに廃止してください。/);
  assert.equal((await kpiApi(kept)).name, '書かない申請の件数', 'it still exists');
  await assertNoAxeViolations(page, 'KPI delete refused');
  await page.getByRole('link', { name: '「廃止する」に印を付けて保存する' }).click();
  await page.getByLabel('廃止する').check();
  assert.equal((await save(page)).status(), 303);
  assert.match(await page.locator('h1').innerText(), /書かない申請の件数/);
  const k = await kpiApi(kept);
  assert.equal(k.abolished, true);
  assert.equal(k.measurements.length, 1, 'its history is kept');
  await page.goto(`${srv.url}/measures/${ids.measureId}/kpis`);
  assert.match(await page.locator(`#kpi-${kept}`).innerText(), /書かない申請の件数\s*廃止/);
  assert.equal(await page.locator(`#kpi-${kept} .badge-abolished`).count(), 1);
  await page.goto(`${srv.url}/kpis/${kept}/edit`);
  assert.match(await page.locator('h1').innerText(), /廃止/);
  assert.ok(await page.getByLabel('廃止する').isChecked());
  await page.close();
});

test('a reporter and a viewer may not edit KPIs (403)', async () => {
  for (const as of ['reporter', 'viewer']) {
    for (const p of [`/kpis/${ids.kpiId}/edit`, `/measures/${ids.measureId}/kpis`, `/measures/${ids.measureId}/kpis/new`]) {
      const r = await api(srv.url, p, { as });
      assert.equal(r.status, 403, `${as} GET ${p}`);
    }
  }
  const page = await br.context.newPage();
  await useRole(page, srv, 'reporter');
  const resp = await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
  assert.equal(resp.status(), 403);
  assert.match(await page.locator('main').innerText(), /権限がありません/);
  await page.close();
});

test('at 375 px wide the list and the form are usable', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [p, shot] of [[`/measures/${ids.measureId}/kpis`, 'kpi-list'], [`/kpis/${ids.kpiId}/edit`, 'kpi-edit']]) {
    await page.goto(srv.url + p);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${p} does not scroll sideways (${width} px)`);
    await page.screenshot({ path: `/tmp/shots/${shot}.png`, fullPage: true });
  }
  await page.close();
});

test('without JavaScript the form posts and saves', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await signIn(page, srv, 'office');
    await page.goto(`${srv.url}/kpis/${ids.kpiId}/edit`);
    await page.getByLabel('単位').fill('％');
    await page.getByLabel('定義').fill('JavaScriptなしで更新した定義');
    const resp = await save(page);
    assert.equal(resp.status(), 303);
    assert.equal(new URL(page.url()).pathname, `/kpis/${ids.kpiId}`);
    const k = await kpiApi(ids.kpiId);
    assert.equal(k.unit, '％');
    assert.equal(k.definition, 'JavaScriptなしで更新した定義');
    await page.goto(`${srv.url}/measures/${ids.measureId}/kpis`);
    const first = (await measureKpis())[0].name;
    await submitAndWait(page, () => page.getByRole('button', { name: `下へ：${first}` }).click());
    assert.notEqual((await measureKpis())[0].name, first, 'the move form works without JavaScript too');
  } finally {
    await nojs.close();
  }
});
