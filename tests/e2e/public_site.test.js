'use strict';
// The public site signed out (issue 16, point 4): a resident walks from the organisation page to
// the published plan, its summary for residents, a measure sheet with its ratings by quarter, a
// KPI's chart and table, the revision history with a comparison of two versions, and the logic
// model — at 375 px, in Japanese and in English, each page clean under axe-core and none wider than
// the phone; then the same walk with JavaScript turned off. Only ratings the office confirmed are
// public: a report sent but not confirmed, or still being written, appears nowhere.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, assertAxeClean } = require('../lib/browser');
const { publicData } = require('../lib/public_data');

let srv;
let br;
let nojs;
let d;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ viewport: { width: 375, height: 800 }, bypassCSP: true }));
  nojs = await launchBrowser({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
  d = await publicData(srv);
});
after(async () => {
  if (nojs) await nojs.close();
  if (br) await br.close();
  if (srv) await srv.stop();
});

const P = () => `/plans/${d.ids.planId}`;
const text = (page) => page.locator('main').innerText();

/** Opens path signed out at 375 px: 200, no sideways scrolling of the page, axe-clean. */
async function open(page, path, { axe = true } = {}) {
  const resp = await page.goto(srv.url + path);
  assert.equal(resp.status(), 200, `${path} answers ${resp.status()}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 1, `${path}: the page scrolls sideways by ${wide} px at 375 px`);
  if (axe) await assertAxeClean(page, path);
  return resp;
}

async function withPage(context, fn) {
  const page = await context.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

test('Japanese: organisation → published plan → summary → sheet → ratings → KPI → revisions → compare → logic model', () => withPage(br.context, async (page) => {
  await open(page, '/orgs/322075');
  const summaryLink = page.locator(`a[href="${P()}/summary"]`);
  assert.equal(await summaryLink.count(), 1, 'the organisation page links the summary for residents');

  await open(page, `${P()}/published`);
  assert.ok(await page.getByRole('link', { name: '市民向けのまとめ' }).isVisible(), 'the published plan links its summary prominently');
  assert.equal(await page.locator(`main a[href="${P()}/versions"]`).count() >= 1, true, 'and its revision history');

  // the summary: big figures, improved KPIs, what changed in 1.3
  await page.getByRole('link', { name: '市民向けのまとめ' }).click();
  await page.waitForURL(`**${P()}/summary`);
  await assertAxeClean(page, 'summary');
  const s = await text(page);
  const onTrack = page.locator('#ps-measures ~ .ps-figure, .ps-section:has(#ps-measures) .ps-figure').first();
  assert.equal(await onTrack.locator('.ps-number').innerText(), '1', 'one measure on track: the confirmed 順調 alone');
  assert.match(await onTrack.innerText(), /全31件のうち/);
  assert.match(await onTrack.innerText(), /2025年度（令和7年度） 第3四半期の評価による/);
  const byRating = Object.fromEntries(await page.$$eval('.ps-section:has(#ps-measures) .ps-counts li',
    (lis) => lis.map((li) => [li.querySelector('span').textContent.trim(), li.querySelector('strong').textContent.trim()])));
  assert.equal(byRating['順調'], '1件', JSON.stringify(byRating));
  assert.equal(byRating['遅れ'], '0件', 'the report sent but not confirmed is not counted');
  assert.equal(byRating['やや遅れ'], '0件', 'nor the draft');
  assert.equal(byRating['評価なし'], '30件');
  const improved = await page.locator('.ps-improved').innerText();
  assert.match(improved, /窓口の平均対応時間削減割合/);
  assert.match(improved, /0%[\s\S]*基準値[\s\S]*→[\s\S]*20%[\s\S]*2025-12-31/, 'from the baseline 0% to 20%');
  assert.match(s, /第1\.2版から第1\.3版への変更/);
  assert.match(await page.locator('.ps-section:has(#ps-changes)').innerText(), new RegExp(`加わった施策[\\s\\S]*${d.added.title}`));
  assert.ok(s.includes(d.note), 'the revision notes of 1.3');
  for (const code of ['on_track', 'delayed', 'minor_delay', 'submitted', 'confirmed', 'null', 'undefined'])
    assert.ok(!s.includes(code), `no internal code "${code}" on the summary`);

  // the measure sheet: ratings by quarter, confirmed only; the KPI linked
  await open(page, `${P()}/published/measures/1-1-3`);
  const ratings = await page.locator('#ratings-table').innerText();
  assert.match(ratings, /2025年度（令和7年度） 第3四半期\s+順調/);
  const kpiLink = page.locator(`main a[href="/kpis/${d.ids.kpiId}"]`);
  assert.equal(await kpiLink.count(), 1, 'the sheet links its KPI');
  for (const code of ['1-1-2', '1-1-1']) {
    await open(page, `${P()}/published/measures/${code}`);
    assert.equal(await page.locator('#ratings-table').count(), 0, `${code}: no rating shown`);
    assert.match(await page.locator('.public-ratings').innerText(), /市が確認した評価は、まだありません/);
    assert.ok(!(await text(page)).includes('遅れ'), `${code}: the unconfirmed rating appears nowhere`);
  }

  // the KPI: chart and table, baseline, measurement and target told apart, no form
  await open(page, `/kpis/${d.ids.kpiId}`);
  assert.equal(page.url(), `${srv.url}/kpis/${d.ids.kpiId}`, 'not redirected');
  assert.equal(await page.locator('main h1').innerText(), '窓口の平均対応時間削減割合');
  assert.equal(await page.locator('figure.chart svg').count(), 1, 'the chart');
  const rowsOf = (table) => page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => [tr.className, tr.innerText.replace(/\s+/g, ' ').trim()]));
  const rows = await rowsOf('#measurement-table');
  assert.deepEqual(rows.map((r) => r[0]), ['row-actual']);
  assert.match(rows[0][1], /^2025-12-31 20/);
  const refs = await rowsOf('#reference-table');
  assert.deepEqual(refs.map((r) => r[0]).filter((c) => c !== 'row-forecast'), ['row-baseline', 'row-target']);
  assert.match(refs[0][1], /^基準値 2024-04-01 0/);
  assert.match(refs[1][1], /^目標値 2027-03-31 50/);
  assert.equal(await page.locator('form[action$="/measurements"]').count(), 0, 'no form for the public');
  assert.match(await text(page), /公開版\s1\.3/);

  // revision history → compare 1.2 with 1.3
  await open(page, `${P()}/versions`);
  const link = page.getByRole('link', { name: '前の版との違い（1.2）' });
  assert.ok(await link.isVisible(), 'the history links the comparison of 1.3 with 1.2');
  await link.click();
  await page.waitForURL(/\/compare\?/);
  await assertAxeClean(page, 'compare');
  assert.match(await text(page), new RegExp(d.added.title));

  await open(page, `${P()}/logic-model`);
  assert.ok(await page.locator('main h1').isVisible());
}));

test('English: the same pages in English words', () => withPage(br.context, async (page) => {
  await open(page, `${P()}/summary?lang=en`);
  const s = await text(page);
  for (const want of ['Summary for residents', 'How the measures are doing', 'measures on track', 'out of 31', 'KPIs that improved',
    'From version 1.2 to version 1.3', 'Measures added', 'Read the whole plan'])
    assert.ok(s.includes(want), `the English summary says "${want}"`);
  await open(page, `${P()}/published/measures/1-1-3?lang=en`);
  assert.match(await page.locator('#ratings-table').innerText(), /FY2025.*Q3\s+On track/);
  await open(page, `/kpis/${d.ids.kpiId}?lang=en`);
  assert.match(await page.locator('#measurements').innerText(), /^Measurements$/);
  assert.match(await page.locator('#reference-table').innerText(), /Baseline[\s\S]*Target/);
  await open(page, `${P()}/versions?lang=en`);
  assert.ok(await page.getByRole('link', { name: 'Changes from the version before (1.2)' }).isVisible());
}));

test('without JavaScript: the walk works and shows the same content', () => withPage(nojs.context, async (page) => {
  for (const [path, want] of [
    [`${P()}/published`, '市民向けのまとめ'],
    [`${P()}/summary`, '改善した数値目標'],
    [`${P()}/published/measures/1-1-3`, '四半期ごとの評価'],
    [`/kpis/${d.ids.kpiId}`, '推移グラフ'],
    [`${P()}/versions`, '改訂履歴'],
    [`${P()}/compare?from=${d.versions[0].id}&to=${d.versions[1].id}`, d.added.title],
    [`${P()}/logic-model`, 'ロジックモデル'],
  ]) {
    await open(page, path, { axe: false });
    assert.ok((await text(page)).includes(want), `${path} shows ${want} without JavaScript`);
  }
}));

test('what the public may not read: a KPI the published version lacks, the draft in a comparison', async () => {
  const k = await api(srv.url, `/api/v1/measures/${d.ids.measureId}/kpis`,
    { method: 'POST', as: 'office', body: { name: '未発行の指標', unit: '件', direction: 'increase', target: { state: 'undecided' } } });
  assert.equal(k.status, 201, k.text);
  assert.equal((await api(srv.url, `/kpis/${k.json.id}`, { as: null })).status, 404, 'a KPI not in the published version: 404');
  assert.equal((await api(srv.url, `/kpis/${k.json.id}`, { as: 'office' })).status, 200, 'its members read it');
  const draft = await api(srv.url, `${P()}/compare?from=${d.versions[1].id}&to=draft`, { as: null });
  assert.equal(draft.status, 404, 'the public compares published versions only');
  assert.equal((await api(srv.url, `${P()}/compare?from=${d.versions[1].id}&to=draft`, { as: 'office' })).status, 200);
  const json = await api(srv.url, `/api/v1/plans/${d.ids.planId}/compare?from=${d.versions[0].id}&to=${d.versions[1].id}`, { as: null });
  assert.equal(json.status, 200, json.text);
  assert.ok(json.json.changes.some((c) => c.entity === 'measure' && c.kind === 'added' && c.title === d.added.title), json.text);
  assert.equal((await api(srv.url, `/api/v1/plans/${d.ids.planId}/compare?from=${d.versions[1].id}&to=draft`, { as: null })).status, 404,
    'the API too: the draft is its members\'');
  const summary = await api(srv.url, `${P()}/summary`, { as: null });
  assert.equal(summary.status, 200);
  assert.ok(summary.headers.get('etag'), 'the summary is cacheable (an ETag)');
  assert.equal((await api(srv.url, '/plans/999999/summary', { as: null })).status, 404);
  const never = await api(srv.url, '/api/v1/orgs/122319/plans', { method: 'POST', as: 'admin', body: { title: '未公開の計画', kind: 'strategy' } });
  assert.equal(never.status, 201, never.text);
  assert.equal((await api(srv.url, `/plans/${never.json.id}/summary`, { as: null })).status, 404, 'a plan never published has no summary');
});
