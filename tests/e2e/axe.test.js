'use strict';
// axe-core on every page type (SPEC §5: every page passes axe-core with no violations), each
// seen by whom it is for (issue 4): the public pages and the published plan anonymously, the
// working drafts and their forms signed in as the office, the admin pages as the admin, and the
// answers to those without the right: the sign-in page (401) and 「権限がありません」 (403).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, runAxe, formatViolations, submitAndWait, useRole } = require('../lib/browser');

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

/** Opens a page as who (a demo role, or null: anonymous), checks its status and runs axe on it. */
async function axeOn(name, who, open, expectStatus = 200) {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, who);
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

const published = () => `/plans/${ids.planId}/published`;

// the public: anonymous visitors
test('axe: home', () => axeOn('home', null, goto('/')));
test('axe: organisation', () => axeOn('org', null, goto('/orgs/322075')));
test('axe: organisations of a prefecture', () => axeOn('orgs by prefecture', null, goto(`/orgs?prefecture=${encodeURIComponent('島根県')}`)));
test('axe: organisations found by name', () => axeOn('orgs search', null, goto(`/orgs?q=${encodeURIComponent('江津')}`)));
test('axe: the open data catalogue', () => axeOn('open data', null, goto('/open-data')));
test('axe: published plan', () => axeOn('published plan', null, goto(published())));
test('axe: logic model', () => axeOn('logic model', null, goto(`/plans/${ids.planId}/logic-model`)));
test('axe: a plan without a logic model', () => axeOn('logic model (none)', 'admin', goto(`/plans/${ids.inzaiPlanId}/logic-model`)));
test('axe: published measure sheet with the feedback form', () => axeOn('published measure', null, goto(`${published()}/measures/1-1-3`)));
test('axe: the 404 page', () => axeOn('404', null, goto('/no-such-page'), 404));
test('axe: the sign-in page of a page that needs it (401)', () => axeOn('401 sign-in required', null, async (page) => {
  const resp = await page.goto(`${srv.url}/plans/${ids.planId}/periods`);
  assert.match(await page.locator('main').innerText(), /このページを見るにはログインしてください。/);
  return resp;
}, 401));

// the working drafts, as the office
test('axe: home signed in', () => axeOn('home (office)', 'office', goto('/')));
test('axe: plan', () => axeOn('plan', 'office', goto(`/plans/${ids.planId}`)));
test('axe: measure sheet', () => axeOn('measure', 'office', goto(`/measures/${ids.measureId}`)));
test('axe: measure edit form', () => axeOn('measure edit', 'office', goto(`/measures/${ids.measureId}/edit`)));
test('axe: KPI list of a measure', () => axeOn('kpi list', 'office', goto(`/measures/${ids.measureId}/kpis`)));
test('axe: KPI edit form', () => axeOn('kpi edit', 'office', goto(`/kpis/${ids.kpiId}/edit`)));
test('axe: KPI with chart, table and form', () => axeOn('kpi', 'office', goto(`/kpis/${ids.kpiId}`)));
test('axe: KPI without measurements', () => axeOn('kpi (no data)', 'office', goto(`/kpis/${ids.plan.pillars[0].themes[0].measures[0].kpis[0].id}`)));
test('axe: search results', () => axeOn('search', 'office', goto(`/plans/${ids.planId}/search?q=${encodeURIComponent('窓口')}`)));
test('axe: search with no results', () => axeOn('search (none)', 'office', goto(`/plans/${ids.planId}/search?q=${encodeURIComponent('該当なしの言葉')}`)));
test('axe: departments', () => axeOn('departments', 'office', goto('/orgs/322075/departments')));
test('axe: department edit form', () => axeOn('department edit', 'office', async (page) => {
  const d = (await api(srv.url, '/api/v1/orgs/322075')).json.departments.find((x) => x.code === 'madoguchi');
  return page.goto(`${srv.url}/departments/${d.id}/edit`);
}));
test('axe: a department\'s workload inventory with its forms', () => axeOn('inventory', 'reporter', async (page) => {
  const d = (await api(srv.url, '/api/v1/orgs/322075')).json.departments.find((x) => x.code === 'madoguchi');
  return page.goto(`${srv.url}/departments/${d.id}/inventory`);
}));
test('axe: the catalogue of means with its forms', () => axeOn('means', 'office', goto('/orgs/322075/workload/means')));
test('axe: plan edit form', () => axeOn('plan edit', 'office', goto(`/plans/${ids.planId}/edit`)));
test('axe: plan structure', () => axeOn('plan structure', 'office', goto(`/plans/${ids.planId}/structure`)));
test('axe: Inzai plan structure', () => axeOn('inzai structure', 'admin', goto(`/plans/${ids.inzaiPlanId}/structure`)));
test('axe: logic model editor', () => axeOn('logic model editor', 'office', goto(`/plans/${ids.planId}/logic-model/edit`)));

test('axe: the measurement form with errors (422)', () => axeOn('measurement form with errors', 'office', async (page) => {
  await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
  await page.locator('input[name="period"]').fill('2025-06-30');
  await page.locator('input[name="value"]').fill('abc');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '追加する' }).click());
  assert.equal(await page.locator('input[name="value"]').getAttribute('aria-invalid'), 'true');
  return resp;
}, 422));

test('axe: the measure edit form with errors (422)', () => axeOn('measure edit with errors', 'office', async (page) => {
  await page.goto(`${srv.url}/measures/${ids.measureId}/edit`);
  await page.locator('input[name="title"]').fill('');
  await page.locator('input[name="new_since"]').fill('そのうち');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(await page.locator('input[name="title"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('input[name="new_since"]').getAttribute('aria-invalid'), 'true');
  return resp;
}, 422));

// the promotion organisation's forms: DX推進委員会 has 21 members and six meetings
const committee = async () => (await api(srv.url, '/api/v1/orgs/322075/bodies')).json.items.find((b) => b.code === 'dx-committee');
test('axe: body edit form', () => axeOn('body edit', 'office', async (page) => page.goto(`${srv.url}/bodies/${(await committee()).id}/edit`)));
test('axe: new body form', () => axeOn('body new', 'office', goto('/orgs/322075/bodies/new')));
test('axe: meeting edit form', () => axeOn('meeting edit', 'office', async (page) => page.goto(`${srv.url}/meetings/${(await committee()).meetings[0].id}/edit`)));


// 印西市's draft (a strategy with goals and principles): the admin reads every organisation's
test('axe: plan of Inzai (strategy with goals and principles)', () => axeOn('inzai plan', 'admin', goto(`/plans/${ids.inzaiPlanId}`)));

// the administration of users, and the answer to a role without the right
test('axe: the user administration page (admin)', () => axeOn('/admin/users', 'admin', async (page) => {
  const resp = await page.goto(`${srv.url}/admin/users`);
  assert.equal(await page.locator('h1').innerText(), 'ユーザー管理');
  return resp;
}));
test('axe: the user form with errors (422)', () => axeOn('/admin/users with errors', 'admin', async (page) => {
  await page.goto(`${srv.url}/admin/users`);
  await page.locator('#login').fill('NOT a login!');
  const resp = await submitAndWait(page, () => page.locator('main form[action="/admin/users"] button[type=submit]').click());
  assert.equal(await page.locator('#login').getAttribute('aria-invalid'), 'true');
  return resp;
}, 422));
test('axe: 「権限がありません」 (403): the viewer opens /admin/users', () => axeOn('403', 'viewer', async (page) => {
  const resp = await page.goto(`${srv.url}/admin/users`);
  assert.equal(await page.locator('h1').innerText(), '権限がありません');
  return resp;
}, 403));

// A citizen on a phone: wide tables scroll sideways in labelled, focusable regions.
const onPhone = (p) => async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const resp = await page.goto(srv.url + p);
  const overflow = await page.$$eval('.table-scroll', (els) => els.some((e) => e.scrollWidth > e.clientWidth));
  assert.ok(overflow, `${p}: at 390 px some table should scroll sideways`);
  return resp;
};
test('axe: the published measure sheet on a phone (390 px)', () => axeOn('measure (phone)', null, onPhone(`${published()}/measures/1-1-3`)));
test('axe: the published plan on a phone (390 px)', () => axeOn('plan (phone)', null, onPhone(published())));
test('axe: the draft measure sheet on a phone (390 px)', () => axeOn('draft measure (phone)', 'office', onPhone(`/measures/${ids.measureId}`)));

// in English (the language is a cookie: these come last)
test('axe: the measure sheet in English', () => axeOn('measure (en)', 'office', goto(`/measures/${ids.measureId}?lang=en`)));
test('axe: the KPI page in English', () => axeOn('kpi (en)', 'office', goto(`/kpis/${ids.kpiId}?lang=en`)));
test('axe: the sign-in page in English (401)', () => axeOn('401 (en)', null, goto(`/plans/${ids.planId}/periods?lang=en`), 401));
test('axe: the 403 page in English', () => axeOn('403 (en)', 'viewer', goto('/admin/users?lang=en'), 403));
test('axe: the open data catalogue in English', () => axeOn('open data (en)', null, goto('/open-data?lang=en')));

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
