'use strict';
// Plan versions in the browser (issue 3): the revision history shows the seed's 1.0 → 1.1 →
// 1.2; after a KPI target is set in the working draft, the office publishes 1.3 with a change
// note, and the comparison of 1.2 and 1.3 shows the target 未決定 → 50. axe-core on each page.
// The revision history is public (an anonymous visitor reaches it from the published plan, with
// neither the comparison nor the publish form); publishing is the office's (demo-office).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, assertAxeClean, submitAndWait, signIn } = require('../lib/browser');

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

const axe = (name) => assertAxeClean(page, name);

test('the revision history shows the seed versions', async () => {
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  assert.equal(new URL(page.url()).pathname, `/plans/${ids.planId}/published`, 'anonymous: the published plan');
  await page.getByRole('link', { name: '改訂履歴' }).first().click();
  await page.waitForURL(`**/plans/${ids.planId}/versions`);
  assert.equal(await page.getByRole('button', { name: '新しい版を発行する' }).count(), 0, 'no publish form for the public');
  assert.equal(await page.getByRole('button', { name: '版の比較' }).count(), 0, 'no comparison for the public');
  const rows = await page.locator('#history-table tbody th').allInnerTexts();
  assert.deepEqual(rows, ['1.0', '1.1', '1.2']);
  assert.match(await page.locator('#history-table').innerText(), /初版発行/);
  await axe('versions');
});

test('a target set in the draft, published as 1.3, shows in the comparison', async () => {
  let kpi;
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures)
        for (const k of m.kpis) if (!kpi && k.target.state === 'undecided') kpi = k;
  const r = await api(srv.url, `/api/v1/kpis/${kpi.id}`, { method: 'PATCH', body: { target: { value: 50, fy: 2026 } } });
  assert.equal(r.status, 200, r.text);
  await signIn(page, srv, 'office', { next: `/plans/${ids.planId}/versions` });
  // publishing without a label is refused next to the field
  let resp = await submitAndWait(page, () => page.getByRole('button', { name: '新しい版を発行する' }).click());
  assert.equal(resp.status(), 422);
  assert.ok(await page.locator('#label-error').isVisible());
  await axe('versions with an error');
  await page.locator('#label').fill('1.3');
  await page.locator('#date').fill('2026-04-01');
  await page.locator('#notes').fill('KPI目標を設定\n\n');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '新しい版を発行する' }).click());
  assert.equal(resp.status(), 303);
  assert.deepEqual(await page.locator('#history-table tbody th').allInnerTexts(), ['1.0', '1.1', '1.2', '1.3']);
  await page.locator('#from').selectOption({ label: '1.2（2024-03-26）' });
  await page.locator('#to').selectOption({ label: '1.3（2026-04-01）' });
  await page.getByRole('button', { name: '版の比較' }).click();
  await page.waitForLoadState('load');
  const table = await page.locator('#diff-table').innerText();
  assert.match(table, new RegExp(`${kpi.name ?? '指標未設定'}[\\s\\S]*目標値：未決定 → 50（2026年度`));   // the seed names no indicator; fields in words
  assert.match(table, /版：1\.2 → 1\.3/);
  await axe('comparison');
});

test('the published version: the plan and a measure sheet, as 1.3 holds them', async () => {
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  await page.getByRole('link', { name: '公開版を見る' }).click();
  assert.match(await page.locator('.notice').first().innerText(), /公開版：1\.3/);
  await axe('published plan');
  await page.getByRole('link', { name: '書かない窓口' }).click();
  assert.match(await page.locator('h1').innerText(), /書かない窓口/);
  assert.match(page.url(), /\/published\/measures\/1-1-3$/);
  await axe('published measure sheet');
});
