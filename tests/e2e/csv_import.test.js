'use strict';
// In Chromium: upload a small CSV file of measurements through /plans/{id}/measurements/import
// and see how many were added (and the KPI page showing them); a bad file comes back with its
// line-numbered problems next to the form; the API token admin page makes a token shown once.
// axe-core reports no violations on the form, its error state, and the token pages. The import
// is the office's work (demo-office), the tokens the admin's (demo-admin); both sign in through
// the form once.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, runAxe, formatViolations, submitAndWait, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  // bypassCSP lets axe's injected script run (the CSP itself is tested in tests/api/headers.test.js)
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
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

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

const KPI = '窓口の平均対応時間削減割合';
const importUrl = () => `${srv.url}/plans/${ids.planId}/measurements/import`;

test('upload a CSV file through the page: the count is shown and the KPI has the values', () => withPage('office', async (page) => {
  const before = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;
  await page.goto(importUrl());
  assert.equal(await page.locator('h1').innerText(), '実績値のCSV取込');
  await assertNoAxeViolations(page, 'import form');
  const csv = `施策コード,指標名,時点,値,備考\n1-1-3,${KPI},2025/3/31,12.5,画面から\n1-1-3,${KPI},2025-06-30,18,\n`;
  await page.locator('input[type="file"]').setInputFiles({ name: '窓口実績.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '取り込む' }).click());
  assert.equal(resp.status(), 303, 'Post, Redirect, Get');
  assert.match(page.url(), /\/measurements\/import\?added=2$/);
  assert.equal((await page.locator('#import-result').innerText()).trim(), '2件の実績値を追加しました。');
  await assertNoAxeViolations(page, 'import result');
  const k = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
  assert.equal(k.measurements.length, before + 2);
  const m = k.measurements.find((x) => x.note === '画面から');
  assert.equal(m.source, '窓口実績.csv');
  assert.equal(m.recorded_by, srv.users.office.login, 'recorded by the signed-in user');
  await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
  assert.ok((await page.locator('#measurement-table').innerText()).includes('画面から'));
}));

test('a bad file comes back with its problems by line next to the form (422), nothing added', () => withPage('office', async (page) => {
  const before = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;
  await page.goto(importUrl());
  const csv = `施策コード,指標名,時点,値\n1-1-3,${KPI},2025-12-31,20\n1-1-3,${KPI},2025-13-01,abc\n`;
  await page.locator('#file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '取り込む' }).click());
  assert.equal(resp.status(), 422);
  const items = await page.locator('#import-errors li').allInnerTexts();
  assert.deepEqual(items.map((t) => t.replace(/（.*/, '')), ['3行目：時点：日付を 2025-03-31 または 2025/3/31 の形で入力してください', '3行目：値：数値ではありません']);
  assert.equal(await page.locator('#file').getAttribute('aria-invalid'), 'true');
  await assertNoAxeViolations(page, 'import form with errors');
  assert.equal((await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length, before);
}));

test('the API token admin page: make a token, see it once, revoke it; no axe violations', () => withPage('admin', async (page) => {
  await page.goto(`${srv.url}/admin/tokens`);
  assert.equal(await page.locator('h1').innerText(), 'APIトークン');
  await assertNoAxeViolations(page, 'token admin page');
  await page.locator('#org').selectOption('322075');
  await page.locator('#name').fill('ブラウザから');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'トークンを発行する' }).click());
  assert.equal(resp.status(), 201);
  const token = await page.locator('#new-token-value').inputValue();
  assert.match(token, /^kwt_[A-Za-z0-9_-]{43}$/);
  assert.match(await page.locator('main').innerText(), /今だけ/);
  await assertNoAxeViolations(page, 'new token page');
  const r = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
    method: 'POST', body: { period: '2026-03-31', value: 30 }, headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 201, r.text);
  await page.goto(`${srv.url}/admin/tokens`);
  const row = page.locator('tr', { hasText: 'ブラウザから' });
  assert.ok((await row.innerText()).includes(token.slice(0, 12)));
  assert.ok(!(await page.content()).includes(token), 'the list never shows the token');
  await assertNoAxeViolations(page, 'token admin page with a token');
  await submitAndWait(page, () => row.getByRole('button', { name: /失効させる/ }).click());
  assert.match(page.url(), /\/admin\/tokens$/);
  assert.ok((await page.locator('tr', { hasText: 'ブラウザから' }).innerText()).includes('失効'));
  const refused = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
    method: 'POST', body: { period: '2026-03-31', value: 31 }, headers: { Authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 401);
}));

test('the token form with an error (422) has no axe violations', () => withPage('admin', async (page) => {
  await page.goto(`${srv.url}/admin/tokens`);
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'トークンを発行する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator('#name').getAttribute('aria-invalid'), 'true');
  await assertNoAxeViolations(page, 'token form with errors');
}));

test('the import page and the token page in English', () => withPage('office', async (page) => {
  await page.goto(`${importUrl()}?lang=en`);
  assert.equal(await page.locator('h1').innerText(), 'Import measurements from CSV');
  await assertNoAxeViolations(page, 'import form (en)');
  await useRole(page, srv, 'admin');
  await page.goto(`${srv.url}/admin/tokens?lang=en`);
  assert.equal(await page.locator('h1').innerText(), 'API tokens');
  await assertNoAxeViolations(page, 'token admin page (en)');
  await page.goto(`${srv.url}/admin/tokens?lang=ja`);      // the language is a cookie: back to Japanese
}));
