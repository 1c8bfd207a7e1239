'use strict';
// Each role's home after signing in, and from it its task in the quarterly review (issue 15,
// points 1–3): the reporter of 窓口担当課 finds what it owes on 「今期の作業」 — a measure it shares
// with 政策企画課 among them — writes 書かない窓口's report with the KPI's baseline, target and the
// value expected on the quarter's last day in front of it (computed here independently), and
// submits it; 政策企画課's reporter sees the shared measure too and may write it; the office finds
// the report on its desk, sees the submitted value with its status and confirms it; the HQ finds
// the measure rated 遅れ on its dashboard, with the roll-up by pillar, and records a decision. An
// organisation-wide measure (担当：全課 in the seed) is the office's 政策企画課's to report, not a
// department called 全課's. Every page passes axe-core.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, assertAxeClean, submitAndWait, signIn } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
let period;
let seisaku;                                 // a reporter of 政策企画課
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
  seisaku = srv.addUser({ login: 'seisaku-reporter', name: '政策企画課 担当', role: 'reporter', departments: ['seisaku-kikaku'] });
  // FY2026 Q2 (July–September 2026): the quarter before today's, reports due in the future
  const r = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`, {
    method: 'POST', body: { fy: 2026, quarter: 2, deadline: '2099-01-15' }, as: 'office',
  });
  assert.equal(r.status, 201, r.text);
  period = r.json.id;
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const axe = (name) => assertAxeClean(page, name);
const text = (sel) => page.locator(sel).innerText();

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;

/** The number in a figure such as "41.68%". */
const number = (s) => parseFloat(s.replace(/[^0-9.\-]/g, ''));

/** The work item of the home page holding a measure's code. */
const item = (code) => page.locator('.work-item', { has: page.locator('.code', { hasText: code }) });

test('a reporter lands on what its department owes this quarter, shared measures included', async () => {
  await signIn(page, srv, 'reporter');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await text('h1'), '今期の作業');
  assert.match(await text('main'), /窓口担当課/);
  assert.match(await text('main'), /2026年度（令和8年度） 第2四半期/);
  assert.match(await text('main'), /提出期限：2099年1月15日/);
  // 1-1-3 is 窓口担当課's own; 1-1-1 it leads with 政策企画課; 1-2-1 is not its
  assert.equal(await item('1-1-3').count(), 1);
  assert.match(await item('1-1-1').innerText(), /窓口担当課（主担当）、政策企画課/);
  assert.equal(await item('2-2-1').count(), 0);
  assert.match(await text('main'), /未提出 3件/);
  assert.match(await text('main'), /この課の受信箱/);
  await axe('reporter home');
});

test('the report form shows each KPI with its baseline, target and expected value at the quarter end', async () => {
  await item('1-1-3').getByRole('link', { name: '報告を書く' }).click();
  assert.match(await text('h1'), /書かない窓口/);
  const kpi = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`, { as: 'office' })).json;
  const card = page.locator('.kpi-report', { hasText: kpi.name });
  const facts = await card.innerText();
  assert.match(facts, /基準値\s*0%/);
  assert.match(facts, /目標値\s*50%/);
  // expected on 30 September 2026 on the line from the baseline (1 April of its FY) to the target
  // (31 March after its FY), computed here
  const from = day(`${kpi.baseline.fy}-04-01`), to = day(`${kpi.target.fy + 1}-03-31`);
  const expected = kpi.baseline.value + (kpi.target.value - kpi.baseline.value) * (day('2026-09-30') - from) / (to - from);
  const shown = number(await card.locator('div', { has: page.locator('dt', { hasText: '四半期末の期待値' }) }).locator('dd').innerText());
  assert.ok(Math.abs(shown - expected) < 0.01, `expected ${expected}, shown ${shown}`);
  assert.match(await text('main'), /2026年度（令和8年度）のスケジュール/);
  await axe('report form with its figures');
  await page.getByLabel('やや遅れ').check();
  await page.locator('#text').fill('窓口のBPRを実施した。');
  await page.locator('#issues').fill('繁忙期の人員配置');
  await page.locator('#next_steps').fill('申請書様式の統一');
  await page.locator(`#kpi-${ids.kpiId}`).fill('12');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '提出する' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await text('[role=status]'), /提出しました/);
  // the submitted report shows the value it carried, with its status as of the quarter's end
  const view = await page.locator('.kpi-report', { hasText: kpi.name }).innerText();
  assert.match(view, /今期の値\s*12%/);
  assert.match(view, /達成度\s*24%/);
  assert.match(view, /状況\s*遅れ/);
  await page.goto(`${srv.url}/`);
  assert.match(await item('1-1-3').innerText(), /提出済み/);
  assert.match(await text('main'), /未提出 2件/);
});

test('the department sharing a measure sees it and may write its report', async () => {
  await signIn(page, srv, seisaku);
  assert.equal(await text('h1'), '今期の作業');
  assert.equal(await item('1-1-1').count(), 1);
  await item('1-1-1').getByRole('link', { name: '報告を書く' }).click();
  await page.getByLabel('順調', { exact: true }).check();
  await page.locator('#text').fill('申請アプリを2手続に拡大した。');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '提出する' }).click());
  assert.equal(resp.status(), 303);
  const r = await api(srv.url, `/api/v1/periods/${period}/measures/${ids.measureOf('1-1-1')}/review`, { as: 'office' });
  assert.equal(r.json.review.state, 'submitted');
  assert.equal(r.json.review.submitted_by, 'seisaku-reporter');
});

test('an organisation-wide measure (担当：全課) is the office\'s to report, and no department is called 全課', async () => {
  await signIn(page, srv, 'office');
  await page.goto(`${srv.url}/periods/${period}`);
  const row = page.locator('#measure-table tr[data-measure="1-3-1"]');
  assert.match(await row.innerText(), /政策企画課/);
  assert.doesNotMatch(await text('main'), /全課|20業務担当課/);
  await page.goto(`${srv.url}/measures/${ids.measureOf('1-3-1')}`);
  assert.match(await text('.in-charge'), /全庁的に実施/);
});

test('the office confirms the report from its desk', async () => {
  await page.goto(`${srv.url}/`);
  assert.equal(await text('h1'), '事務局の作業');
  assert.match(await text('main'), /確認待ちの報告/);
  assert.match(await text('main'), /計画の点検/);
  assert.match(await text('main'), /掲載を待つ市民の意見/);
  await axe('office desk');
  await item('1-1-3').getByRole('link', { name: '確認する' }).click();
  assert.match(await text('h1'), /書かない窓口/);
  assert.match(await page.locator('.kpi-report').first().innerText(), /今期の値\s*12%/);
  assert.match(await text('main'), /繁忙期の人員配置/);
  await axe('office check with the figures');
  await submitAndWait(page, () => page.getByRole('button', { name: '確認する' }).click());
  assert.equal(await text('[role=status]'), '報告を確認しました。');
  await page.goto(`${srv.url}/`);
  assert.equal(await item('1-1-3').count(), 0, 'confirmed: no longer waiting');
});

test('the HQ decides from its dashboard', async () => {
  await signIn(page, srv, 'viewer');
  assert.equal(await text('h1'), '推進本部ダッシュボード');
  assert.equal(await page.locator('#rollup-table tbody tr').count(), 4);   // three pillars and the total
  assert.match(await text('main'), /判断を求められている施策/);
  assert.match(await item('1-1-3').innerText(), /評価：やや遅れ/);
  await axe('HQ dashboard');
  await item('1-1-3').getByRole('link', { name: '判断する' }).click();
  await page.locator('#decision').selectOption('revise');
  await page.locator('#decision_note').fill('人員配置を見直す');
  await submitAndWait(page, () => page.getByRole('button', { name: '記録する' }).click());
  assert.equal(await text('[role=status]'), '本部の判断を記録しました。');
  await page.goto(`${srv.url}/`);
  assert.equal(await item('1-1-3').count(), 0, 'decided: no longer asking');
});

test('an admin lands on the organisations', async () => {
  await signIn(page, srv, 'admin');
  assert.equal(await text('h1'), '自治体');
  assert.match(await text('main'), /江津市/);
  assert.match(await text('main'), /印西市/);
});
