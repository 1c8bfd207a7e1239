'use strict';
// The STEP3 matrix page in Chromium (issue 14 point 3): as the demo office, after a survey import
// of two departments of 江津市 (`kawaru import --survey`), two means are applied to steps through
// the page's forms; the cells show each reduction and status in words, and the projected hours —
// on the page and from GET /api/v1/orgs/322075/workload — drop by what this test computes from its
// own survey numbers (hours = volume × minutes ÷ 60, a means takes its % off the step). An
// application is changed and removed by the list's forms; a bad reduction is refused with the
// field marked and changes nothing. The page passes axe-core, its table scrolls in its own region
// at 375 px, and the forms work with JavaScript off.
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
before(async () => {
  // bypassCSP lets axe's injected script run (the CSP itself is tested in tests/api/headers.test.js)
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  nojs = await launchBrowser({ javaScriptEnabled: false });
});
after(async () => {
  if (nojs) await nojs.close();
  if (br) await br.close();
  if (srv) await srv.stop();
});

const HEADER = '課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考';
// [department, business code, name, volume, [[step, name, minutes, staff, channel]…]]
const SURVEY = [
  ['madoguchi', 'A01', '住民票の写しの交付', 12000, [[1, '申請書の受付', 5, '正規職員', '窓口'], [2, 'システム入力', 3, '会計年度任用職員', '庁内'], [3, '交付', 2, '正規職員', '窓口']]],
  ['jinji', 'B01', '給与の支払事務', 2400, [[1, '勤務実績の集計', 12, '正規職員', '庁内'], [2, '支払の決裁', 6.5, '正規職員', '庁内']]],
];
const hours = (volume, minutes) => (volume * minutes) / 60;
const BASE = SURVEY.reduce((t, [, , , v, steps]) => t + steps.reduce((s, st) => s + hours(v, st[2]), 0), 0);
const near = (a, b, what, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${what}: ${a} ≠ ${b}`);
/** "1,234.5時間" on the page as a number. */
const figure = async (page, sel) => Number((await page.locator(sel).innerText()).replace(/[,時間h\s]/g, ''));
const workload = async () => (await api(srv.url, '/api/v1/orgs/322075/workload', { as: 'office' })).json;
const matrixUrl = () => `${srv.url}/orgs/322075/workload/matrix`;

async function withPage(context, fn) {
  const page = await context.newPage();
  try {
    await useRole(page, srv, 'office');
    return await fn(page);
  } finally {
    await page.close();
  }
}

test('the office applies two means through the forms; cells and projected hours change by the computed amount', async () => {
  const csv = [HEADER, ...SURVEY.flatMap(([d, code, name, volume, steps]) =>
    steps.map(([n, sname, min, staff, ch]) => `${d},令和6年度,${code},${name},${volume},${n},${sname},${min},${staff},${ch},○,,,,,`))].join('\r\n') + '\r\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-matrix-')), 'survey.csv');
  fs.writeFileSync(file, '\ufeff' + csv);
  execFileSync(srv.bin, ['import', '--db', srv.db, '--survey', file, '--org', '322075'], { stdio: 'pipe' });
  // 江津市's plan takes a 30 % workload-reduction goal on this survey year, as 印西市's has
  const ids = await demoIds(srv.url);
  const goal = { name: '業務量削減率', kind: 'workload_reduction', unit: '%', direction: 'increase', baseline_fy: 2024,
    target: { value: 30, fy: 2026 } };
  const patched = await api(srv.url, `/api/v1/plans/${ids.planId}`, { method: 'PATCH', body: { goals: [goal] }, as: 'office' });
  assert.equal(patched.status, 200, patched.text);
  let w = await workload();
  near(w.baseline_hours, BASE, 'the imported baseline');
  assert.equal(w.goal_percent, 30);
  const means = (await api(srv.url, '/api/v1/orgs/322075/means', { as: 'office' })).json.items;
  const rpaDefault = means.find((m) => m.name === 'RPA').reduction;

  await withPage(br.context, async (page) => {
    let resp = await page.goto(matrixUrl());
    assert.equal(resp.status(), 200);
    near(await figure(page, '#matrix-baseline'), BASE, 'baseline on the page', 0.051);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations('matrix page', violations));

    // ① オンライン申請 at 40 % on 住民票の写しの交付 ① 申請書の受付
    await page.locator('#new-step').selectOption({ label: '住民票の写しの交付 ① 申請書の受付' });
    await page.locator('#new-means').selectOption({ label: `オンライン申請（${means.find((m) => m.name === 'オンライン申請').reduction}%）` });
    await page.locator('#new-reduction').fill('40');
    resp = await submitAndWait(page, () => page.getByRole('button', { name: '適用する' }).click());
    assert.equal(resp.status(), 303);
    // ② RPA at its default on 給与の支払事務 ① 勤務実績の集計, delivered by no measure yet
    await page.locator('#new-step').selectOption({ label: '給与の支払事務 ① 勤務実績の集計' });
    await page.locator('#new-means').selectOption({ label: `RPA（${rpaDefault}%）` });
    resp = await submitAndWait(page, () => page.getByRole('button', { name: '適用する' }).click());
    assert.equal(resp.status(), 303);

    const projected = BASE - hours(12000, 5) * 0.4 - hours(2400, 12) * rpaDefault / 100;
    w = await workload();
    near(w.projected_hours, projected, 'projected hours (API)');
    near(await figure(page, '#matrix-projected'), projected, 'projected hours on the page', 0.051);
    // the progress toward the 30 % goal on the workload page: the reduction and its share of the goal
    const pct = (BASE - projected) / BASE * 100, ofGoal = pct / 30 * 100;
    near(w.projected_reduction_percent, pct, 'projected reduction % (API)', 1e-6);
    await page.goto(`${srv.url}/orgs/322075/workload`);
    const oneDecimal = (v) => String(Math.round(v * 10) / 10);
    assert.equal(await page.locator('#projected-reduction').innerText(),
      `${oneDecimal(pct)}% 削減（目標 30% の ${oneDecimal(ofGoal)}%）`);
    await page.goto(`${srv.url}/orgs/322075/workload?lang=en`);
    assert.equal(await page.locator('#projected-reduction').innerText(),
      `${oneDecimal(pct)}% less (${oneDecimal(ofGoal)}% of the 30% goal)`);
    await page.goto(`${matrixUrl()}?lang=ja`);                       // the language choice is kept
    const cells = await page.locator('#matrix td.applied').allInnerTexts();
    assert.equal(cells.length, 2);
    assert.ok(cells.some((c) => /40%/.test(c) && /予定/.test(c)), cells.join(' | '));
    assert.ok(cells.some((c) => new RegExp(`${rpaDefault}%`).test(c) && /予定/.test(c)), cells.join(' | '));
    const filled = await runAxe(page);
    assert.equal(filled.length, 0, formatViolations('matrix page with its table and forms', filled));
    const head = await page.locator('#matrix thead').innerText();
    assert.match(head, /住民票の写しの交付/);
    assert.match(head, /① 申請書の受付/);

    // the same means twice on a step: refused with the field marked, nothing changed
    const before = JSON.stringify(await workload());
    await page.locator('#new-step').selectOption({ label: '給与の支払事務 ① 勤務実績の集計' });
    await page.locator('#new-means').selectOption({ label: `RPA（${rpaDefault}%）` });
    resp = await submitAndWait(page, () => page.getByRole('button', { name: '適用する' }).click());
    assert.equal(resp.status(), 422);
    assert.match(await page.locator('#new-means-error').innerText(), /すでに適用されています/);
    assert.equal(JSON.stringify(await workload()), before);

    // change the first to 実施中 with a bad reduction: refused, field marked; then right
    const first = (await api(srv.url, '/api/v1/orgs/322075/matrix', { as: 'office' })).json.applications[0].id;
    await page.goto(`${matrixUrl()}#app-${first}`);
    await page.locator(`#app-${first}-reduction`).fill('120');
    resp = await submitAndWait(page, () => page.locator(`#app-${first} button`, { hasText: '変更を保存する' }).click());
    assert.equal(resp.status(), 422);
    assert.equal(await page.locator(`#app-${first}-reduction`).getAttribute('aria-invalid'), 'true');
    assert.equal(JSON.stringify(await workload()), before);
    await page.locator(`#app-${first}-reduction`).fill('50');
    await page.locator(`#app-${first}-status`).selectOption('in_progress');
    resp = await submitAndWait(page, () => page.locator(`#app-${first} button`, { hasText: '変更を保存する' }).click());
    assert.equal(resp.status(), 303);
    assert.match(await page.locator(`#cell-${first}`).innerText(), /50%[\s\S]*実施中/);
    near((await workload()).projected_hours, BASE - hours(12000, 5) * 0.5 - hours(2400, 12) * rpaDefault / 100, 'after the change');

    // 375 px: the page does not scroll sideways, the table scrolls in its own region
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(matrixUrl());
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > 376 && !el.closest('.table-scroll')).map((el) => el.tagName + '#' + el.id + '.' + el.className).slice(0, 8));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'no sideways page scroll: ' + wide.join(' '));
    const region = page.locator('.table-scroll:has(#matrix)');
    assert.ok(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table scrolls in its region');
  });
});

test('without JavaScript: filter, and remove an application by its form', () => withPage(nojs.context, async (page) => {
  const m = (await api(srv.url, '/api/v1/orgs/322075/matrix', { as: 'office' })).json;
  assert.equal(m.applications.length, 2, 'the two applications of the test before');
  let resp = await page.goto(`${matrixUrl()}?dept=jinji`);
  assert.equal(resp.status(), 200);
  assert.doesNotMatch(await page.locator('#matrix thead').innerText(), /住民票/, 'the department filter');
  await page.locator('#dept').selectOption('madoguchi');
  await Promise.all([page.waitForURL(/dept=madoguchi/), page.getByRole('button', { name: '絞り込む' }).click()]);
  assert.match(await page.locator('#matrix thead').innerText(), /住民票/);
  const id = m.applications[0].id;
  await page.goto(`${matrixUrl()}#app-${id}`);
  [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator(`#app-${id} button`, { hasText: '適用を取り消す' }).click(),
  ]);
  assert.equal(resp.status(), 303);
  await page.waitForLoadState('load');
  assert.equal(await page.locator(`#cell-${id}`).count(), 0, 'the cell is gone');
  const rest = (await api(srv.url, '/api/v1/orgs/322075/matrix', { as: 'office' })).json;
  assert.deepEqual(rest.applications.map((a) => a.id), [m.applications[1].id]);
}));
