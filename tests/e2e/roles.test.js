'use strict';
// Browser tests sign in as each demo role and show what each may and may not do (issue 4: roles
// enforced everywhere). One Chromium, one page; each role signs in through the /login form once
// and the tests switch between them (useRole). In order:
//   anonymous  the public: published plans only (drafts redirect to the published version), the
//              feedback form, and the sign-in form (401) for officials' pages;
//   viewer     the HQ (signs in from a 401 page and lands back there): reads drafts, periods and
//              the HQ pack, records a decision; no edit, report, office or publish forms;
//   reporter   窓口担当課: edits and reports on its department's measures only (403 otherwise);
//   office     事務局 of 江津市: opens a quarter, confirms a report, edits any of its measures;
//              not the users' page, not 印西市;
//   admin      adds a user through /admin/users who then signs in, and disables it.
// A quarter (2025 Q3) with 書かない窓口's report submitted is set up through the API first.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, submitAndWait, signIn, signOut, useRole, SESSION_COOKIE } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
let q3;                                       // id of 2025 Q3, opened through the API
let depts;                                    // 江津市's departments by name
before(async () => {
  ({ srv, br } = await startServerAndBrowser());
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
  const org = (await api(srv.url, '/api/v1/orgs/322075')).json;
  depts = Object.fromEntries(org.departments.map((d) => [d.name, d.id]));
  const p = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`, {
    method: 'POST', body: { fy: 2025, quarter: 3, deadline: '2099-01-15' }, as: 'office' });
  assert.equal(p.status, 201, p.text);
  q3 = p.json.id;
  const r = await api(srv.url, `/api/v1/periods/${q3}/measures/${ids.measureId}/review`, {
    method: 'PUT', as: 'reporter',
    body: { rating: 'on_track', text: '窓口業務のBPRを実施した。', submit: true } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.review.state, 'submitted');
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

// ---- helpers ----------------------------------------------------------------------------------

/** The id of the 江津市 measure with this code, and of its first KPI. */
function measure(code) {
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures)
        if (m.code === code) return { id: m.id, kpiId: m.kpis[0].id, title: m.title };
  throw new Error(`no measure ${code}`);
}
const OWN = '1-1-3';                          // 書かない窓口: 窓口担当課 only
const FOREIGN = '1-1-5';                      // リモート窓口: 収納窓口担当課 and 政策企画課
const GIKAI = '2-2-1';                        // 市議会資料のペーパーレス化: 議会事務局, …

/** Opens path; returns {status, path, redirect} (redirect: the status of a redirect on the way). */
async function open(path) {
  const resp = await page.goto(srv.url + path);
  const from = resp.request().redirectedFrom();
  return { status: resp.status(), path: new URL(page.url()).pathname, redirect: from ? (await from.response()).status() : null };
}
const mainText = () => page.locator('main').innerText();
const headerText = () => page.locator('header').innerText();
const h1 = () => page.locator('main h1').innerText();
const count = (role, name) => page.getByRole(role, { name, exact: true }).count();
const editButton = () => count('link', '施策を編集');
const kpiForm = () => count('heading', '実績値を追加');

async function assertForbidden(path) {
  const r = await open(path);
  assert.equal(r.status, 403, `${path}: HTTP ${r.status}`);
  assert.equal(await h1(), '権限がありません', path);
}

async function assertSignInRequired(path) {
  const r = await open(path);
  assert.equal(r.status, 401, `${path}: HTTP ${r.status}`);
  assert.equal(r.path, path.split('?')[0], 'no redirect');
  assert.match(await mainText(), /このページを見るにはログインしてください。/, path);
  assert.equal(await page.locator('main form[action="/login"] input[name="next"]').inputValue(), path.split('?')[0]);
}

/** The CSRF token of the page's session (every signed-in page has one in its sign-out form). */
const csrfToken = () => page.locator('header form[action="/logout"] input[name="csrf"]').inputValue();

/** The state shown for a measure in the period's table. */
async function stateIn(periodId, code) {
  await open(`/periods/${periodId}`);
  return (await page.locator(`#measure-table tr[data-measure="${code}"] td:nth-child(4)`).innerText()).trim();
}

// ---- anonymous --------------------------------------------------------------------------------

test('anonymous: the home page and the organisations list only published plans, linked to the published version', async () => {
  await open('/');
  const link = page.getByRole('link', { name: 'スマートシティ江津推進構想アクションプラン' });
  assert.equal(await link.getAttribute('href'), `/plans/${ids.planId}/published`);
  // 印西市's plan as its published 案 (a draft for public comment), marked 案
  const inzai = page.locator('section', { has: page.getByRole('heading', { name: /印西市/ }) });
  assert.match(await inzai.innerText(), /版 案/);
  assert.equal(await inzai.getByRole('link', { name: /印西市行政改革実行戦略/ }).getAttribute('href'),
    `/plans/${ids.inzaiPlanId}/published`);
  assert.equal(await count('link', 'ログイン'), 1, 'a sign-in link');
  assert.equal(await count('link', 'ユーザー管理'), 0);
  await open('/orgs/122319');
  assert.equal(await page.getByRole('link', { name: /印西市行政改革実行戦略/ }).getAttribute('href'),
    `/plans/${ids.inzaiPlanId}/published`);
  await open('/orgs/322075');
  assert.equal(await page.getByRole('link', { name: 'スマートシティ江津推進構想アクションプラン' }).getAttribute('href'),
    `/plans/${ids.planId}/published`);
});

test('anonymous: the draft plan and a measure answer 303 to the published version, a KPI shows its published page; search finds them', async () => {
  const sheet = `/plans/${ids.planId}/published/measures/${OWN}`;
  for (const [from, to] of [
    [`/plans/${ids.planId}`, `/plans/${ids.planId}/published`],
    [`/measures/${ids.measureId}`, sheet],
  ]) {
    const r = await open(from);
    assert.deepEqual([r.redirect, r.status, r.path], [303, 200, to], from);
  }
  const kpi = await open(`/kpis/${ids.kpiId}`);            // the published version's chart and table, in place
  assert.deepEqual([kpi.redirect, kpi.status, kpi.path], [null, 200, `/kpis/${ids.kpiId}`]);
  assert.match(await page.locator('main').innerText(), /公開版/);
  // the published plan has a search box; its results link to the published sheets
  await open(`/plans/${ids.planId}/published`);
  await page.getByRole('searchbox', { name: /検索/ }).fill('書かない窓口');
  await page.getByRole('search').getByRole('button').click();
  await page.waitForURL(/\/search\?q=/);
  assert.match(await page.getByRole('status').innerText(), /「書かない窓口」 1件/);
  await page.getByRole('link', { name: /書かない窓口/ }).first().click();
  await page.waitForURL((u) => u.pathname === sheet);
  // the published sheet: no edit button, no KPI form, the citizens' feedback form
  await open(sheet);
  assert.match(await h1(), /書かない窓口/);
  assert.equal(await editButton(), 0);
  assert.equal(await kpiForm(), 0);
  assert.ok(await page.getByRole('heading', { name: 'ご意見をお寄せください' }).isVisible());
  assert.ok(await page.getByRole('button', { name: '送信する' }).isVisible());
});

test('anonymous: 印西市\'s plan answers 303 to its published 案, not to the working draft', async () => {
  const r = await open(`/plans/${ids.inzaiPlanId}`);
  assert.deepEqual([r.redirect, r.status, r.path], [303, 200, `/plans/${ids.inzaiPlanId}/published`]);
  assert.match(await h1(), /印西市行政改革実行戦略（案）/);
  assert.match(await mainText(), /公開版：案/);
});

test('anonymous: officials\' pages answer 401 with the sign-in form, which returns to the page', async () => {
  for (const p of [`/plans/${ids.planId}/periods`, `/periods/${q3}`, `/periods/${q3}/pack`, `/measures/${ids.measureId}/edit`,
    `/measures/${ids.measureId}/history`, `/plans/${ids.planId}/measurements/import`, '/orgs/322075/feedback',
    `/departments/${depts['窓口担当課']}/inbox`, '/admin/users', '/admin/tokens', '/audit'])
    await assertSignInRequired(p);
});

test('anonymous: forms posted without signing in are refused (401) and change nothing', async () => {
  const before = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
  const m = await page.request.post(`${srv.url}/kpis/${ids.kpiId}/measurements`, { form: { period: '2025-03-31', value: '99' }, maxRedirects: 0 });
  assert.equal(m.status(), 401);
  const e = await page.request.post(`${srv.url}/measures/${ids.measureId}/edit`, {
    form: { title: '乗っ取り', current: 'x', ideal: 'y', status: 'active' }, maxRedirects: 0 });
  assert.equal(e.status(), 401);
  assert.equal((await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length, before.measurements.length);
  assert.equal((await api(srv.url, `/api/v1/measures/${ids.measureId}`)).json.title, '書かない窓口');
});

// ---- viewer (HQ) ------------------------------------------------------------------------------

test('viewer: signs in from the 401 page of the quarter and lands back on it', async () => {
  await assertSignInRequired(`/periods/${q3}`);
  await signIn(page, srv, 'viewer', { here: true });
  assert.equal(new URL(page.url()).pathname, `/periods/${q3}`);
  assert.match(await h1(), /2025年度（令和7年度） 第3四半期/);
  assert.match(await headerText(), /デモ閲覧者/);
});

test('viewer: reads the quarter, the HQ pack and the draft; no close, open, edit, KPI, import or publish form', async () => {
  await open(`/periods/${q3}`);
  assert.equal(await page.locator('#measure-table tbody tr').count(), 30);
  assert.equal(await count('button', 'この期間を締め切る'), 0);
  await page.getByRole('link', { name: '本部会議資料' }).click();
  await page.waitForURL(`**/periods/${q3}/pack`);
  assert.ok(await page.locator('#changes-table').isVisible());

  assert.equal((await open(`/plans/${ids.planId}/periods`)).status, 200);
  assert.equal(await count('button', '見直しを開始する'), 0);
  const plan = await open(`/plans/${ids.planId}`);
  assert.deepEqual([plan.status, plan.path], [200, `/plans/${ids.planId}`], 'the draft plan');
  assert.equal(await count('link', '四半期見直し'), 1);
  assert.equal(await count('link', '実績値のCSV取込'), 0);
  assert.equal(await count('link', '評価の段階'), 0);
  const sheet = await open(`/measures/${ids.measureId}`);
  assert.equal(sheet.path, `/measures/${ids.measureId}`, 'the draft sheet');
  assert.equal(await editButton(), 0);
  await open(`/kpis/${ids.kpiId}`);
  assert.equal(await kpiForm(), 0);
  assert.equal(await count('button', '追加する'), 0);
  await open(`/plans/${ids.planId}/versions`);
  assert.equal(await count('button', '版の比較'), 1);
  assert.equal(await count('button', '新しい版を発行する'), 0);

  await assertForbidden(`/measures/${ids.measureId}/edit`);
  await assertForbidden(`/plans/${ids.planId}/measurements/import`);
  await assertForbidden('/orgs/322075/feedback');
  await assertForbidden('/admin/users');
});

test('viewer: records a decision on the submitted report; the report and office forms are not shown, and a report posted anyway is refused (403)', async () => {
  const review = `/periods/${q3}/measures/${ids.measureId}`;
  await open(review);
  assert.match(await mainText(), /窓口業務のBPRを実施した。/, 'the report is shown');
  assert.equal(await page.locator('#text').count(), 0, 'no report form');
  for (const b of ['提出する', '下書き保存', '確認する', '差し戻す']) assert.equal(await count('button', b), 0, b);
  await page.locator('#decision').selectOption('continue');
  await page.locator('#decision_note').fill('次の四半期も続ける');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '記録する' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await mainText(), /本部の判断：継続　次の四半期も続ける/);

  const post = await page.request.post(srv.url + review, {
    form: { csrf: await csrfToken(), action: 'submit', rating: 'delayed', text: '閲覧者が書き換えた報告' }, maxRedirects: 0 });
  assert.equal(post.status(), 403);
  assert.match(await post.text(), /権限がありません/);
  const rv = (await api(srv.url, `/api/v1${review}/review`)).json.review;
  assert.equal(rv.state, 'submitted');
  assert.equal(rv.text, '窓口業務のBPRを実施した。');
});

// ---- reporter (窓口担当課) ----------------------------------------------------------------------

test('reporter: edits its own 書かない窓口 through the form and sees the change', async () => {
  await useRole(page, srv, 'reporter');
  await open(`/measures/${ids.measureId}`);
  assert.match(await headerText(), /デモ報告者/);
  await page.getByRole('link', { name: '施策を編集' }).click();
  await page.waitForURL(`**/measures/${ids.measureId}/edit`);
  await page.getByLabel('現状', { exact: true }).fill('窓口担当課が書き換えた現状です。');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/measures/${ids.measureId}`);
  const box = page.locator('section', { has: page.getByRole('heading', { name: '現状', exact: true }) });
  assert.match(await box.innerText(), /窓口担当課が書き換えた現状です。/);
  await open(`/kpis/${ids.kpiId}`);
  assert.equal(await kpiForm(), 1, 'its KPI takes values from it');
});

test('reporter: another department\'s measure has no edit button or KPI form; its edit form answers 403, and posting it anyway changes nothing', async () => {
  const other = measure(FOREIGN);
  const sheet = await open(`/measures/${other.id}`);
  assert.equal(sheet.path, `/measures/${other.id}`, 'the draft is readable');
  assert.match(await h1(), /リモート窓口/);
  assert.equal(await editButton(), 0);
  await open(`/kpis/${other.kpiId}`);
  assert.equal(await kpiForm(), 0);
  await assertForbidden(`/measures/${other.id}/edit`);

  // its own edit form, sent to the other measure
  const before = (await api(srv.url, `/api/v1/measures/${other.id}`)).json;
  await open(`/measures/${ids.measureId}/edit`);
  await page.locator('main form[method="post"]').evaluate((f, action) => { f.action = action; }, `/measures/${other.id}/edit`);
  await page.getByLabel('現状', { exact: true }).fill('他課の施策を書き換える');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 403);
  assert.equal(await h1(), '権限がありません');
  assert.deepEqual((await api(srv.url, `/api/v1/measures/${other.id}`)).json, before);
});

test('reporter: writes the report of its own measure only; no office or HQ forms; its inbox but not another\'s', async () => {
  const own = measure('1-1-1');              // オンライン申請: 窓口担当課 and 政策企画課
  await open(`/periods/${q3}/measures/${own.id}`);
  assert.equal(await count('button', '確認する'), 0);
  assert.equal(await count('button', '記録する'), 0);
  await page.getByLabel('順調', { exact: true }).check();
  await page.locator('#text').fill('LINEでの申請を試行した。');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '下書き保存' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('[role=status]').innerText(), /下書き/);
  assert.equal(await stateIn(q3, '1-1-1'), '作成中');
  assert.equal(await count('button', 'この期間を締め切る'), 0);

  await open(`/periods/${q3}/measures/${measure(FOREIGN).id}`);
  assert.equal(await page.locator('#text').count(), 0, 'no report form for another department\'s measure');
  assert.equal(await count('button', '提出する'), 0);

  const inbox = await open(`/departments/${depts['窓口担当課']}/inbox`);
  assert.equal(inbox.status, 200);
  assert.equal(await h1(), '受信箱：窓口担当課');
  await assertForbidden(`/departments/${depts['議会事務局']}/inbox`);
  await open(`/plans/${ids.planId}/periods`);
  assert.equal(await count('button', '見直しを開始する'), 0);
  await assertForbidden(`/plans/${ids.planId}/measurements/import`);
  await assertForbidden('/audit');
});

// ---- office (事務局 of 江津市) --------------------------------------------------------------------

test('office: opens a quarter in the browser and confirms a report', async () => {
  await useRole(page, srv, 'office');
  await open(`/plans/${ids.planId}`);
  assert.equal(await count('link', '実績値のCSV取込'), 1);
  assert.equal(await count('link', '評価の段階'), 1);
  await page.getByRole('link', { name: '四半期見直し' }).click();
  await page.waitForURL(`**/plans/${ids.planId}/periods`);
  await page.locator('#fy').fill('2025');
  await page.locator('#quarter').selectOption('4');
  await page.locator('#deadline').fill('2099-04-15');
  const opened = await submitAndWait(page, () => page.getByRole('button', { name: '見直しを開始する' }).click());
  assert.equal(opened.status(), 303);
  assert.match(await h1(), /2025年度（令和7年度） 第4四半期/);
  assert.equal(await count('button', 'この期間を締め切る'), 1);

  await open(`/periods/${q3}/measures/${ids.measureId}`);
  const confirmed = await submitAndWait(page, () => page.getByRole('button', { name: '確認する' }).click());
  assert.equal(confirmed.status(), 303);
  assert.equal(await stateIn(q3, OWN), '確認済み');
});

test('office: edits any measure of its organisation and may publish; not the users page, not 印西市 (403)', async () => {
  await open(`/measures/${measure(FOREIGN).id}`);
  assert.equal(await editButton(), 1);
  await open(`/plans/${ids.planId}/versions`);
  assert.equal(await count('button', '新しい版を発行する'), 1);
  assert.equal((await open('/orgs/322075/feedback')).status, 200);
  await assertForbidden('/admin/users');
  assert.equal(await count('link', 'ユーザー管理'), 0, 'no admin links in the header');
  const inzai = await open(`/plans/${ids.inzaiPlanId}`);       // another organisation's draft: its published 案 instead
  assert.deepEqual([inzai.redirect, inzai.status, inzai.path], [303, 200, `/plans/${ids.inzaiPlanId}/published`]);
  await assertForbidden(`/plans/${ids.inzaiPlanId}/rating-scale`);
});

// ---- admin ------------------------------------------------------------------------------------

const NEW = { login: 'gikai-taro', password: 'gikai-password-1', name: '議会 太郎' };

test('admin: adds a reporter of 議会事務局 through /admin/users, who signs in and may edit only that department\'s measures', async () => {
  await useRole(page, srv, 'admin');
  await open('/');
  for (const l of ['ユーザー管理', 'APIトークン', '監査ログ']) assert.equal(await count('link', l), 1, l);
  await page.getByRole('link', { name: 'ユーザー管理' }).click();
  await page.waitForURL('**/admin/users');
  await page.locator('#org').selectOption('322075');
  await page.locator('#login').fill(NEW.login);
  await page.locator('#name').fill(NEW.name);
  await page.locator('#role-reporter').check();
  await page.locator('#depts').selectOption('322075:gikai-jimukyoku');
  await page.locator('#password').fill(NEW.password);
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '追加する' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.getByRole('status').innerText(), /ユーザーを追加しました。/);
  const row = await page.locator('tr', { hasText: NEW.login }).locator('td').allInnerTexts();
  assert.deepEqual(row.slice(0, 5), [NEW.login, NEW.name, '担当課', '議会事務局', '有効'], 'the department by its name');

  await useRole(page, srv, NEW);              // signs in through the form
  await open(`/measures/${measure(GIKAI).id}`);
  assert.match(await headerText(), /議会 太郎/);
  assert.equal(await editButton(), 1, 'its department\'s measure');
  await open(`/measures/${ids.measureId}`);
  assert.equal(await editButton(), 0, '窓口担当課\'s measure');
});

test('admin: disables the user, whose session ends and who can no longer sign in', async () => {
  await useRole(page, srv, 'admin');
  await open('/admin/users');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: `${NEW.login} 無効にする` }).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.getByRole('status').innerText(), /無効にし/);
  assert.equal((await page.locator('tr', { hasText: NEW.login }).locator('td').nth(4).innerText()).trim(), '無効');

  await useRole(page, srv, NEW);              // its old session cookie
  const r = await open(`/measures/${measure(GIKAI).id}`);
  assert.equal(r.path, `/plans/${ids.planId}/published/measures/${GIKAI}`, 'signed out: the published sheet');
  assert.equal(await count('link', 'ログイン'), 1);
  await open('/login');
  await page.locator('#login').fill(NEW.login);
  await page.locator('#password').fill(NEW.password);
  const refused = await submitAndWait(page, () => page.locator('main form[action="/login"] button[type=submit]').click());
  assert.notEqual(refused.status(), 303);
  assert.match(await page.locator('.error-summary').innerText(), /ログインIDまたはパスワードが違います/);
  assert.doesNotMatch(await headerText(), /議会 太郎/);
});

test('admin: reads every organisation\'s draft and the audit log, which names who did what', async () => {
  await useRole(page, srv, 'admin');
  const inzai = await open(`/plans/${ids.inzaiPlanId}`);
  assert.deepEqual([inzai.status, inzai.path], [200, `/plans/${ids.inzaiPlanId}`]);
  assert.match(await h1(), /印西市行政改革実行戦略（案）/);
  assert.equal((await open('/audit')).status, 200);
  const audit = await page.locator('table.audit').innerText();
  for (const login of [srv.users.viewer.login, srv.users.reporter.login, srv.users.office.login, srv.users.admin.login])
    assert.ok(audit.includes(login), `${login} in the audit log`);
});

test('signing out ends the session: its cookie, put back, no longer opens the admin\'s pages', async () => {
  await useRole(page, srv, 'admin');
  assert.equal((await open('/audit')).status, 200);
  const cookie = (await page.context().cookies(srv.url)).find((c) => c.name === SESSION_COOKIE);
  await signOut(page);
  assert.equal(await count('link', 'ログイン'), 1);
  await page.context().addCookies([cookie]);
  await assertSignInRequired('/audit');
});
