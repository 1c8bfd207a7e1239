'use strict';
// The audit log's pages in Chromium: /audit shows writes made through the API with the changed
// fields, its GET filter form narrows the list, a measure's page links to its history, and
// axe-core finds no violations on any of them (SPEC §5). The audit log is the admin's
// (demo-admin signs in through the form); a measure's history is for its organisation's members.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, runAxe, formatViolations, signIn } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  // bypassCSP lets axe's injected script run (as in axe.test.js)
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  const p = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body: { title: '書かない窓口（監査）' } });
  assert.equal(p.status, 200, p.text);
  const m = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-03-31', value: 12.5 } });
  assert.equal(m.status, 201, m.text);
  const page = await br.context.newPage();
  await signIn(page, srv, 'admin');
  await page.close();
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function withPage(fn) {
  const page = await br.context.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

async function assertNoViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

/** The rows of the outer audit table as {cells: [time, user, entity, action], changes: [[field, before, after]]}. */
const auditRows = (page) => page.$$eval('table.audit > tbody > tr', (trs) => trs.map((tr) => {
  const cells = [...tr.children].map((td) => td.textContent.trim());
  const changes = [...tr.querySelectorAll('table.diff tbody tr')].map((r) =>
    [...r.children].map((c) => c.textContent.trim()));
  return { cells: cells.slice(0, 4), changes };
}));

test('/audit lists the PATCH with the changed field before and after, and passes axe', () => withPage(async (page) => {
  const resp = await page.goto(`${srv.url}/audit`);
  assert.equal(resp.status(), 200);
  assert.equal(await page.locator('h1').textContent(), '変更記録（監査ログ）');
  const rows = await auditRows(page);
  const patch = rows.find((r) => r.cells[2].startsWith('施策') && r.cells[3] === '変更');
  assert.ok(patch, `a measure update row: ${JSON.stringify(rows)}`);
  assert.deepEqual(patch.changes, [['名称', '書かない窓口', '書かない窓口（監査）']], 'only the changed field, in words');
  assert.match(patch.cells[0], /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/, 'Japan time in the one format');
  assert.match(patch.cells[1], new RegExp(srv.users.admin.login), 'the row names who made the change');
  const created = rows.find((r) => r.cells[2].startsWith('実績値') && r.cells[3] === '作成');
  assert.ok(created, 'the measurement row');
  assert.ok(created.changes.some(([f, b, a]) => f === '値' && b === '—' && a === '12.5'), JSON.stringify(created.changes));
  await assertNoViolations(page, '/audit');
}));

test('the filter form narrows the list by entity (a plain GET form)', () => withPage(async (page) => {
  await page.goto(`${srv.url}/audit`);
  await page.getByLabel('対象', { exact: true }).selectOption('kpi_measurement');
  await Promise.all([page.waitForURL(/entity=kpi_measurement/), page.getByRole('button', { name: '絞り込む' }).click()]);
  const rows = await auditRows(page);
  assert.ok(rows.length >= 1);
  for (const r of rows) assert.ok(r.cells[2].startsWith('実績値'), r.cells[2]);
  assert.equal(await page.getByLabel('対象', { exact: true }).inputValue(), 'kpi_measurement', 'the choice is kept');
  await assertNoViolations(page, '/audit?entity=kpi_measurement');
}));

test('a bad date comes back as a form error that passes axe', () => withPage(async (page) => {
  const resp = await page.goto(`${srv.url}/audit?from=2025-02-30`);
  assert.equal(resp.status(), 400);
  assert.equal(await page.locator('#audit-from').getAttribute('aria-invalid'), 'true');
  await assertNoViolations(page, '/audit with an error');
}));

test("the measure's page links to its history, which shows the PATCH and the measurement", () => withPage(async (page) => {
  await page.goto(`${srv.url}/measures/${ids.measureId}`);
  await Promise.all([page.waitForURL(/\/history$/), page.getByRole('link', { name: 'この施策の変更履歴' }).click()]);
  assert.match(await page.locator('h1').textContent(), /1-1-3\s*書かない窓口（監査）/);
  const rows = await auditRows(page);
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.equal(rows[0].cells[2].split(' ')[0], '実績値');
  assert.equal(rows[1].cells[2].split(' ')[0], '施策');
  assert.deepEqual(rows[1].changes, [['名称', '書かない窓口', '書かない窓口（監査）']]);
  await assertNoViolations(page, 'measure history');
}));

test('the history in English passes axe', () => withPage(async (page) => {
  const resp = await page.goto(`${srv.url}/measures/${ids.measureId}/history?lang=en`);
  assert.equal(resp.status(), 200);
  assert.match(await page.locator('h1').textContent(), /^History/);
  assert.equal(await page.locator('table.audit > tbody > tr').count(), 2);
  await assertNoViolations(page, 'measure history (en)');
}));

test('an unknown measure has no history page (404)', () => withPage(async (page) => {
  const resp = await page.goto(`${srv.url}/measures/999999/history`);
  assert.equal(resp.status(), 404);
}));
