'use strict';
// The catalogue of means in Chromium (issue 14 point 2): as the demo office with JavaScript off, a
// means is added with two channels and a flag and shows in the table in words and in
// GET /api/v1/orgs/322075/means with the same names; its reduction is changed; a reduction of 120
// is refused with the field marked and nothing changed; it is deleted. A means applied to a step
// (a business and step written with sqlite3, the means applied by the API) cannot be deleted: the
// page comes back (409) saying so and the means stays. A viewer sees the table without forms. The
// page passes axe-core, and at 375 px nothing but its table's own region scrolls sideways.
// A screenshot at 1366 px goes to /tmp/means-1366.png.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn } =
  require('../lib/browser');

let srv;
let br;
let nojs;
let page;         // the office's, without JavaScript
before(async () => {
  // bypassCSP lets axe's injected script run (the CSP itself is tested in tests/api/headers.test.js)
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  nojs = await launchBrowser({ javaScriptEnabled: false });
  page = await nojs.context.newPage();
  await signIn(page, srv, 'office', { next: PATH });
});
after(async () => {
  if (nojs) await nojs.close();
  if (br) await br.close();
  if (srv) await srv.stop();
});

const PATH = '/orgs/322075/workload/means';
const sql = (q) => srv.sql(q);
const catalogue = async () => (await api(srv.url, '/api/v1/orgs/322075/means', { as: 'office' })).json.items;
const byName = async (name) => (await catalogue()).find((m) => m.name === name);
/** The table's row of the means named name: its cells' texts. */
const row = async (p, name) => {
  const tr = p.locator('#means-table tbody tr', { has: p.locator('th', { hasText: name }) });
  return tr.locator('th, td').allInnerTexts();
};

test('without JavaScript the office adds, changes and deletes a means; a bad reduction changes nothing', async () => {
  await page.goto(srv.url + PATH);
  await page.locator('#new-name').fill('テスト手段');
  await page.locator('#new-reduction').fill('35');
  await page.locator('#new-ch-mail').check();
  await page.locator('#new-ch-online').check();
  await page.locator('#new-flag-paper').check();
  await page.locator('#new-note').fill('試験用');
  let resp = await submitAndWait(page, () => page.locator('#add button[type=submit]').click());
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('#means-done').innerText(), /「テスト手段」を追加しました。/);
  assert.deepEqual(await row(page, 'テスト手段'), ['テスト手段', '35%', '郵送・オンライン', '紙', '試験用', '0']);
  const m = await byName('テスト手段');
  assert.deepEqual(m, { id: m.id, name: 'テスト手段', note: '試験用', reduction: 35, channels: ['mail', 'online'], flags: ['paper'] });

  // its reduction changed (its forms are behind a summary)
  await page.locator(`#means-${m.id} > summary`).click();
  await page.locator(`#m${m.id}-reduction`).fill('40');
  resp = await submitAndWait(page, () => page.locator(`#means-${m.id} form[action$="/edit"] button[type=submit]`).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('#means-done').innerText(), /「テスト手段」を保存しました。/);
  assert.equal((await row(page, 'テスト手段'))[1], '40%');
  assert.equal((await byName('テスト手段')).reduction, 40);

  // 120 is refused, the field marked, nothing changed
  const before = await catalogue();
  await page.locator(`#means-${m.id} > summary`).click();
  await page.locator(`#m${m.id}-reduction`).fill('120');
  await page.locator(`#m${m.id}-ch-phone`).check();
  resp = await submitAndWait(page, () => page.locator(`#means-${m.id} form[action$="/edit"] button[type=submit]`).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator(`#m${m.id}-reduction`).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(`#m${m.id}-reduction`).inputValue(), '120', 'the form keeps what was typed');
  assert.ok(await page.locator(`#m${m.id}-ch-phone`).isChecked());
  assert.match(await page.locator('main').innerText(), /0 から 100 までの数を入力してください。/);
  assert.deepEqual(await catalogue(), before);

  // deleted (the form that failed is open)
  resp = await submitAndWait(page, () => page.locator(`#means-${m.id} form[action$="/delete"] button[type=submit]`).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('#means-done').innerText(), /削除しました。/);
  assert.equal(await byName('テスト手段'), undefined);
  assert.equal(await page.locator('#means-table th', { hasText: 'テスト手段' }).count(), 0);
});

test('a means applied to a step cannot be deleted: the page says so (409) and it stays', async () => {
  const d = sql("SELECT d.id FROM department d JOIN org o ON o.id = d.org_id WHERE o.code = '322075' AND d.code = 'madoguchi'");
  sql(`INSERT INTO business (department_id, survey_fy, position, code, name, volume) VALUES (${d}, 2024, 0, 'M1', '業務M1', 100)`);
  const b = sql('SELECT max(id) FROM business');
  sql(`INSERT INTO business_step (business_id, number, name, minutes, staff, channel) VALUES (${b}, 1, '手順1', 10, 'regular', 'counter')`);
  const step = sql('SELECT max(id) FROM business_step');
  const online = await byName('オンライン申請');
  const r = await api(srv.url, `/api/v1/steps/${step}/applications`, { method: 'POST', body: { means_id: online.id } });
  assert.equal(r.status, 201, r.text);

  await page.goto(srv.url + PATH);
  assert.equal((await row(page, 'オンライン申請'))[5], '1', 'applied to one step');
  const before = await catalogue();
  await page.locator(`#means-${online.id} > summary`).click();
  const resp = await submitAndWait(page, () => page.locator(`#means-${online.id} form[action$="/delete"] button[type=submit]`).click());
  assert.equal(resp.status(), 409);
  assert.match(await page.locator('#error-summary').innerText(), /「オンライン申請」は 1 件の手順に適用されているため削除できません。/);
  assert.deepEqual(await catalogue(), before);
  assert.equal(await page.locator('#means-table th', { hasText: 'オンライン申請' }).count(), 1);
  assert.equal(await page.locator(`#means-${online.id}`).getAttribute('open'), '', 'its forms are open');
});

test('a viewer sees the table without forms; the page is linked from the matrix and workload pages', async () => {
  const p = await br.context.newPage();
  try {
    await useRole(p, srv, 'viewer');
    const resp = await p.goto(srv.url + PATH);
    assert.equal(resp.status(), 200);
    assert.ok(await p.locator('#means-table tbody tr').count() > 0);
    assert.equal(await p.locator('main form[method=post]').count(), 0);
    for (const from of ['/orgs/322075/workload/matrix', '/orgs/322075/workload']) {
      await p.goto(srv.url + from);
      assert.equal(await p.locator(`main a[href="${PATH}"]`).count(), 1, from);
    }
  } finally {
    await p.close();
  }
});

test('the page passes axe-core and fits 375 px', async () => {
  const p = await br.context.newPage();
  try {
    await useRole(p, srv, 'office');
    await p.setViewportSize({ width: 1366, height: 900 });
    await p.goto(srv.url + PATH);
    await p.screenshot({ path: '/tmp/means-1366.png', fullPage: true });
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, formatViolations('means', violations));
    await p.setViewportSize({ width: 375, height: 800 });
    await p.goto(srv.url + PATH);
    const widths = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.width, `scrolls sideways: ${JSON.stringify(widths)}`);
    await p.screenshot({ path: '/tmp/means-375.png', fullPage: true });
  } finally {
    await p.close();
  }
});
