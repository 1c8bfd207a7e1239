'use strict';
// A department's workload inventory in Chromium (issue 14 point 1): the demo reporter (窓口担当課),
// with JavaScript off, adds a business with two steps, changes a step's minutes and sees the
// business's hours change by the amount this test computes (volume × Δminutes ÷ 60), removes a
// step by ticking it, and types minutes that are not a number: the form comes back (422) with the
// field marked and nothing changed. The page passes axe-core, with and without the marked form;
// at 375 px nothing but its tables' own regions scrolls sideways. Screenshots at 1366 and 375 px
// go to /tmp/inventory-1366.png and /tmp/inventory-375.png.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn } =
  require('../lib/browser');

let srv;
let br;
let dept;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  dept = srv.sql("SELECT id FROM department WHERE code = 'madoguchi'");
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const FY = 2030;
const pagePath = () => `/departments/${dept}/inventory?fy=${FY}`;
/** The page's figure "12,345.5" as a number. */
const figure = async (page, sel) => Number((await page.locator(sel).innerText()).replace(/,/g, ''));
const inventory = async () => (await api(srv.url, `/api/v1/departments/${dept}/inventory?fy=${FY}`, { as: 'office' })).json;

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

/** Fills step row i of the form whose fields begin with prefix. */
async function fillStep(page, prefix, i, [number, name, minutes, staff, channel, flags]) {
  const f = (field) => page.locator(`[name="${prefix}-steps-${field}-${i}"]`);
  await f('number').fill(String(number));
  await f('name').fill(name);
  await f('minutes').fill(String(minutes));
  await f('staff').selectOption(staff);
  await f('channel').selectOption(channel);
  for (const flag of flags) await f(flag).check();
}

test('without JavaScript a reporter adds a business, changes and removes steps; a bad value changes nothing', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await signIn(page, srv, 'reporter', { next: pagePath() });
    assert.equal(new URL(page.url()).pathname, `/departments/${dept}/inventory`);
    assert.match(await page.locator('#no-business').innerText(), /まだ登録されていません/);

    // a business with two steps
    await page.locator('#new-code').fill('E01');
    await page.locator('#new-name').fill('転出届の受付');
    await page.locator('#new-volume').fill('2,400');
    await fillStep(page, 'new', 0, [1, '受付', 10, 'regular', 'counter', ['paper', 'in_person']]);
    await fillStep(page, 'new', 1, [2, '入力', 5, 'fiscal_year', 'internal', ['transcription']]);
    let resp = await submitAndWait(page, () => page.getByRole('button', { name: '業務を追加する' }).click());
    assert.equal(resp.status(), 303);
    assert.match(await page.locator('#inventory-result').innerText(), /保存しました/);
    const b = (await inventory()).businesses[0];
    assert.equal(b.code, 'E01');
    const hours = `#b${b.id}-hours`;
    assert.equal(await figure(page, hours), 2400 * (10 + 5) / 60);
    assert.equal(await figure(page, '#dept-hours'), 600);
    assert.equal(await page.locator(`#b${b.id}-table tbody tr`).count(), 2);
    assert.match(await page.locator(`#b${b.id}-table`).innerText(), /紙・対面/);

    // step 1's minutes 10 → 12: the hours go up by 2,400 × 2 ÷ 60 = 80
    const p = `b${b.id}`;
    await page.locator(`#${p}-edit summary`).click();
    await page.locator(`[name="${p}-steps-minutes-0"]`).fill('12');
    resp = await submitAndWait(page, () => page.locator(`#${p}-edit`).getByRole('button', { name: '業務を保存する' }).click());
    assert.equal(resp.status(), 303);
    assert.equal(await figure(page, hours), 600 + 2400 * 2 / 60);
    const stepIds = (await inventory()).businesses[0].steps.map((s) => s.id);
    assert.deepEqual(stepIds, b.steps.map((s) => s.id), 'the steps keep their ids');

    // step 2 removed by ticking it
    await page.locator(`#${p}-edit summary`).click();
    await page.locator(`[name="${p}-steps-remove-1"]`).check();
    resp = await submitAndWait(page, () => page.locator(`#${p}-edit`).getByRole('button', { name: '業務を保存する' }).click());
    assert.equal(resp.status(), 303);
    assert.equal(await page.locator(`#b${b.id}-table tbody tr`).count(), 1);
    assert.equal(await figure(page, hours), 2400 * 12 / 60);

    // minutes that are not a number: the form again, the field marked, nothing changed
    const stored = await inventory();
    await page.locator(`#${p}-edit summary`).click();
    await page.locator(`[name="${p}-steps-minutes-0"]`).fill('十二分');
    resp = await submitAndWait(page, () => page.locator(`#${p}-edit`).getByRole('button', { name: '業務を保存する' }).click());
    assert.equal(resp.status(), 422);
    assert.ok(await page.locator(`#${p}-edit`).evaluate((d) => d.open), 'the form is open');
    const field = page.locator(`[name="${p}-steps-minutes-0"]`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await field.inputValue(), '十二分', 'what was typed stays');
    assert.match(await page.locator('#error-summary').innerText(), /入力内容を確認/);
    assert.match(await page.locator(`#${p}-steps-error`).innerText(), /1行目/);
    assert.deepEqual(await inventory(), stored, 'nothing changed');
  } finally {
    await nojs.close();
  }
});

test('the page passes axe-core, with and without a marked form, and another reporter sees no forms', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'reporter');
    await page.goto(srv.url + pagePath());
    assert.ok(await page.locator('#new-code').count(), 'the add form');
    await assertNoAxeViolations(page, pagePath());
    const b = (await inventory()).businesses[0];
    await page.locator(`#b${b.id}-edit summary`).click();
    await page.locator(`#b${b.id}-volume`).fill('-5');
    const resp = await submitAndWait(page, () => page.locator(`#b${b.id}-edit`).getByRole('button', { name: '業務を保存する' }).click());
    assert.equal(resp.status(), 422);
    assert.equal(await page.locator(`#b${b.id}-volume`).getAttribute('aria-invalid'), 'true');
    await assertNoAxeViolations(page, `${pagePath()} with errors`);
    await useRole(page, srv, 'viewer');
    await page.goto(srv.url + pagePath());
    assert.equal(await page.locator('form[method=post][action$="/inventory"]').count(), 0, 'a viewer reads only');
    assert.equal(await figure(page, `#b${b.id}-hours`), 480);
  } finally {
    await page.close();
  }
});

test('links: the workload page\'s departments and the inbox lead to the inventory', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'reporter');
    await page.goto(`${srv.url}/departments/${dept}/inbox`);
    await Promise.all([page.waitForURL(/\/inventory/), page.locator('#inventory-link').click()]);
    assert.equal(new URL(page.url()).pathname, `/departments/${dept}/inventory`);
    await page.goto(`${srv.url}/orgs/322075/workload?fy=${FY}`);
    await Promise.all([page.waitForURL(/\/inventory/), page.locator('#by-dept-table a', { hasText: '窓口担当課' }).click()]);
    assert.equal(new URL(page.url()).search, `?fy=${FY}`);
  } finally {
    await page.close();
  }
});

test('at 375 px only the tables scroll sideways; screenshots at 1366 and 375 px', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'reporter');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(srv.url + pagePath());
    await page.locator('details.inv-edit summary').first().click();
    const o = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.table-scroll')) continue;
        if (el.getBoundingClientRect().right > width + 1) out.push(`${el.tagName}#${el.id}.${el.className}`);
      }
      return { scroll: document.documentElement.scrollWidth, width, out };
    });
    assert.ok(o.scroll <= o.width && !o.out.length, `${o.scroll} px on ${o.width}: ${o.out.slice(0, 5).join(', ')}`);
    await page.screenshot({ path: '/tmp/inventory-375.png', fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: '/tmp/inventory-1366.png', fullPage: true });
  } finally {
    await page.close();
  }
});
