'use strict';
// axe-core on every page type (SPEC §5: every page passes axe-core with no violations).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, runAxe, formatViolations, submitAndWait } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  // The pages' strict CSP (script-src 'self') blocks addScriptTag's inline <script>; bypassCSP
  // lets axe in. The CSP itself is checked in tests/api/headers.test.js.
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  // a KPI with measurements, so that its chart, table and badges are all drawn
  const r = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { measurements: [
    { period: '2025-03-31', value: 12.5 }, { period: '2025-09-30', value: 20 }] } });
  assert.equal(r.status, 201, r.text);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function axeOn(name, open, expectStatus = 200) {
  const page = await br.context.newPage();
  try {
    const resp = await open(page);
    if (resp) assert.equal(resp.status(), expectStatus, `${name}: HTTP ${resp.status()}`);
    await page.waitForLoadState('load');
    const violations = await runAxe(page);
    if (violations.length) console.log(formatViolations(name, violations));
    assert.equal(violations.length, 0, formatViolations(name, violations));
  } finally {
    await page.close();
  }
}
const goto = (p) => (page) => page.goto(srv.url + p);

test('axe: home', () => axeOn('home', goto('/')));
test('axe: organisation', () => axeOn('org', goto('/orgs/322075')));
test('axe: plan', () => axeOn('plan', goto(`/plans/${ids.planId}`)));
test('axe: plan of Inzai (strategy with goals and principles)', () => axeOn('inzai plan', goto(`/plans/${ids.inzaiPlanId}`)));
test('axe: measure sheet', () => axeOn('measure', goto(`/measures/${ids.measureId}`)));
test('axe: measure edit form', () => axeOn('measure edit', goto(`/measures/${ids.measureId}/edit`)));
test('axe: KPI with chart, table and form', () => axeOn('kpi', goto(`/kpis/${ids.kpiId}`)));
test('axe: KPI without measurements', () => axeOn('kpi (no data)', goto(`/kpis/${ids.plan.pillars[0].themes[0].measures[0].kpis[0].id}`)));
test('axe: search results', () => axeOn('search', goto(`/plans/${ids.planId}/search?q=${encodeURIComponent('窓口')}`)));
test('axe: search with no results', () => axeOn('search (none)', goto(`/plans/${ids.planId}/search?q=${encodeURIComponent('該当なしの言葉')}`)));

test('axe: the measurement form with errors (422)', () => axeOn('measurement form with errors', async (page) => {
  await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
  await page.locator('input[name="period"]').fill('2025-06-30');
  await page.locator('input[name="value"]').fill('abc');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '追加する' }).click());
  assert.equal(await page.locator('input[name="value"]').getAttribute('aria-invalid'), 'true');
  return resp;
}, 422));

test('axe: the measure edit form with errors (422)', () => axeOn('measure edit with errors', async (page) => {
  await page.goto(`${srv.url}/measures/${ids.measureId}/edit`);
  await page.locator('input[name="title"]').fill('');
  await page.locator('input[name="new_since"]').fill('そのうち');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(await page.locator('input[name="title"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('input[name="new_since"]').getAttribute('aria-invalid'), 'true');
  return resp;
}, 422));

test('axe: the 404 page', () => axeOn('404', goto('/no-such-page'), 404));
test('axe: the measure sheet in English', () => axeOn('measure (en)', goto(`/measures/${ids.measureId}?lang=en`)));
test('axe: the KPI page in English', () => axeOn('kpi (en)', goto(`/kpis/${ids.kpiId}?lang=en`)));

// A citizen on a phone: wide tables scroll sideways in labelled, focusable regions.
const onPhone = (p) => async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const resp = await page.goto(srv.url + p);
  const overflow = await page.$$eval('.table-scroll', (els) => els.some((e) => e.scrollWidth > e.clientWidth));
  assert.ok(overflow, `${p}: at 390 px some table should scroll sideways`);
  return resp;
};
test('axe: the measure sheet on a phone (390 px)', () => axeOn('measure (phone)', onPhone(`/measures/${ids.measureId}`)));
test('axe: the plan on a phone (390 px)', () => axeOn('plan (phone)', onPhone(`/plans/${ids.planId}`)));

test('axe is really run: a page with a known violation is reported', async () => {
  const page = await br.context.newPage();
  try {
    await page.goto(`${srv.url}/`);
    await page.evaluate(() => { document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="/x.png"><input type="text">'); });
    const v = await runAxe(page);
    assert.ok(v.some((x) => x.id === 'image-alt'), `image-alt expected in ${v.map((x) => x.id)}`);
    assert.ok(v.some((x) => x.id === 'label'), `label expected in ${v.map((x) => x.id)}`);
  } finally {
    await page.close();
  }
});
