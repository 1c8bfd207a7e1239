'use strict';
// In Chromium, as the office of 江津市 (issue 12, point 2): the organisation's departments
// (部署: 部 and the 課 under them). From the organisation's page 「部署を編集」 opens the tree;
// a 部 and a 課 under it are added through the form, the 課 is renamed, given a contact e-mail
// and moved under another 部, and put first among its new siblings — each change shows in the
// tree and in GET /api/v1/orgs/322075 (and the e-mail in the department's inbox API). A bad code
// or e-mail shows its error at the field and saves nothing; making a 部 the child of its own 課
// (a cycle) is refused in words. Deleting 窓口担当課, which measures name and a reporter belongs
// to, is refused with the reasons in words and 廃止 offered; 廃止 keeps it listed with its badge
// and id. A department without history is deleted. A reporter gets 403; axe-core finds no
// violations; the add form works with JavaScript off; a 375 px screenshot is taken.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { api } = require('../lib/server');
const {
  startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn,
} = require('../lib/browser');

let srv;
let br;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

const departments = async () => (await api(srv.url, '/api/v1/orgs/322075')).json.departments;
const byCode = async (code) => (await departments()).find((d) => d.code === code);
const listUrl = () => `${srv.url}/orgs/322075/departments`;

/** Fills the add form (code, name, parent by its label) and submits it; returns the response. */
async function addDepartment(page, code, name, parentLabel) {
  const form = page.locator('main form[action="/orgs/322075/departments"]');
  await form.getByLabel('部署コード').fill(code);
  await form.getByLabel('名称').fill(name);
  if (parentLabel) await form.getByLabel('上位の部署').selectOption({ label: parentLabel });
  return submitAndWait(page, () => form.getByRole('button', { name: '追加する' }).click());
}

/** The names of the departments right under the tree item of department id, in order. */
const childrenOf = (page, id) => page.$$eval(`#dept-${id} > ul > li > a`, (as) => as.map((a) => a.textContent.trim()));

test('add a 部 and a 課 under it, rename it, set its e-mail, move it and reorder it', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/orgs/322075`);
  await page.getByRole('link', { name: '部署を編集' }).click();
  assert.equal(new URL(page.url()).pathname, '/orgs/322075/departments');
  assert.equal(await page.locator('h1').innerText(), '部署の編集');
  assert.ok(await page.locator('#dept-tree a', { hasText: '窓口担当課' }).first().isVisible());
  // the count of measures in charge is the API's
  let named = 0;
  for (const p of (await api(srv.url, '/api/v1/orgs/322075/plans')).json.items)
    for (const m of (await api(srv.url, `/api/v1/plans/${p.id}/measures?limit=1000`)).json.items)
      if (m.departments.includes('窓口担当課')) named++;
  assert.ok(named > 0);
  const mado = await byCode('madoguchi');
  assert.equal(await page.locator(`#dept-${mado.id}`).innerText(), `窓口担当課 madoguchi・担当施策 ${named}件`);
  await assertNoAxeViolations(page, 'departments list');

  const count = (await departments()).length;
  let resp = await addDepartment(page, 'shimin-bu', '市民部');
  assert.equal(resp.status(), 303);
  assert.equal(await page.locator('#dept-done').innerText(), '「市民部」を追加しました。');
  resp = await addDepartment(page, 'somu-bu', '総務部');
  assert.equal(resp.status(), 303);
  resp = await addDepartment(page, 'shimin-ka', '市民課', '市民部');
  assert.equal(resp.status(), 303);
  const bu = await byCode('shimin-bu');
  const somu = await byCode('somu-bu');
  const ka = await byCode('shimin-ka');
  assert.equal((await departments()).length, count + 3);
  assert.equal(ka.name, '市民課');
  assert.equal(ka.parent, 'shimin-bu');
  assert.equal(bu.parent, undefined);
  assert.deepEqual(await childrenOf(page, bu.id), ['市民課'], 'the 課 is listed under its 部');
  assert.match(await page.locator(`#dept-${ka.id}`).innerText(), /shimin-ka・担当施策 0件/);

  // edit: rename, e-mail, move under 総務部
  await page.locator(`#dept-${ka.id} > a`).click();
  assert.equal(new URL(page.url()).pathname, `/departments/${ka.id}/edit`);
  assert.equal(await page.locator('h1').innerText(), '部署の編集：市民課');
  assert.equal(await page.getByLabel('上位の部署').inputValue(), 'shimin-bu');
  assert.equal(await page.getByLabel('順序').inputValue(), '1');
  await assertNoAxeViolations(page, 'department edit form');
  await page.getByLabel('名称').fill('市民窓口課');
  await page.getByLabel('メール通知先').fill('shimin@city.gotsu.example.jp');
  await page.getByLabel('上位の部署').selectOption({ label: '総務部' });
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 303);
  assert.equal(new URL(page.url()).pathname, '/orgs/322075/departments');
  assert.equal(await page.locator('#dept-done').innerText(), '「市民窓口課」を保存しました。');
  assert.deepEqual(await childrenOf(page, somu.id), ['市民窓口課'], 'moved under 総務部');
  assert.deepEqual(await childrenOf(page, bu.id), [], 'no longer under 市民部');
  assert.match(await page.locator(`#dept-${ka.id}`).innerText(), /shimin@city\.gotsu\.example\.jp/);
  const moved = await byCode('shimin-ka');
  assert.equal(moved.id, ka.id);
  assert.equal(moved.name, '市民窓口課');
  assert.equal(moved.parent, 'somu-bu');
  assert.equal((await api(srv.url, `/api/v1/departments/${ka.id}/inbox`)).json.department.email, 'shimin@city.gotsu.example.jp');

  // a second 課 under 総務部 goes last; put first, it comes before 市民窓口課
  resp = await addDepartment(page, 'shomu', '庶務課', '総務部');
  assert.equal(resp.status(), 303);
  assert.deepEqual(await childrenOf(page, somu.id), ['市民窓口課', '庶務課']);
  const shomu = await byCode('shomu');
  await page.goto(`${srv.url}/departments/${shomu.id}/edit`);
  assert.equal(await page.getByLabel('順序').inputValue(), '2');
  await page.getByLabel('順序').fill('1');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 303);
  assert.deepEqual(await childrenOf(page, somu.id), ['庶務課', '市民窓口課']);
  const order = (await departments()).map((d) => d.code);
  assert.ok(order.indexOf('shomu') < order.indexOf('shimin-ka'), `the API's order: ${order.join(' ')}`);

  // the e-mail cleared
  await page.goto(`${srv.url}/departments/${ka.id}/edit`);
  await page.getByLabel('メール通知先').fill('');
  assert.equal((await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click())).status(), 303);
  assert.equal((await api(srv.url, `/api/v1/departments/${ka.id}/inbox`)).json.department.email, null);

  await page.setViewportSize({ width: 375, height: 812 });
  fs.mkdirSync('/tmp/shots', { recursive: true });
  await page.goto(listUrl());
  await page.screenshot({ path: '/tmp/shots/departments.png', fullPage: true });
  await page.goto(`${srv.url}/departments/${ka.id}/edit`);
  await page.screenshot({ path: '/tmp/shots/departments_edit.png', fullPage: true });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'no sideways scrolling at 375 px');
  await page.close();
});

test('a bad code or e-mail shows the error at the field and saves nothing', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const before = await departments();
  const kaikei = before.find((d) => d.code === 'kaikei');

  // the add form
  await page.goto(listUrl());
  let resp = await addDepartment(page, 'Bad Code!', '不正な課');
  assert.equal(resp.status(), 422);
  const code = page.locator('main form[action="/orgs/322075/departments"] input[name="code"]');
  assert.equal(await code.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#code-error').innerText(), '半角英小文字・数字・「-」「_」だけで、64文字までにしてください。');
  assert.equal(await code.inputValue(), 'Bad Code!', 'what was typed is kept');
  assert.ok(await page.locator('#error-summary').isVisible());
  await assertNoAxeViolations(page, 'add form with errors');
  assert.equal((await departments()).length, before.length, 'nothing added');

  // a code in use
  resp = await addDepartment(page, 'kaikei', '別の会計課');
  assert.equal(resp.status(), 409);
  assert.equal(await page.locator('#code-error').innerText(), 'この番号はすでに使われています。');
  assert.equal((await departments()).length, before.length, 'nothing added');

  // the edit form: a bad code with a new name saves neither
  await page.goto(`${srv.url}/departments/${kaikei.id}/edit`);
  await page.getByLabel('部署コード').fill('会計');
  await page.getByLabel('名称').fill('保存されない名前');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.getByLabel('部署コード').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('#code-error').isVisible());
  assert.equal(await page.getByLabel('名称').inputValue(), '保存されない名前');

  // a bad e-mail
  await page.getByLabel('部署コード').fill('kaikei');
  await page.getByLabel('メール通知先').fill('kaikei at city');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.getByLabel('メール通知先').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#email-error').innerText(), 'メールアドレスの形で入力してください（例：name@example.jp）。');
  assert.equal(await page.locator('#code-error').count(), 0);
  await assertNoAxeViolations(page, 'edit form with errors');

  // a bad order
  await page.getByLabel('メール通知先').fill('');
  await page.getByLabel('順序').fill('0');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 422);
  assert.ok(await page.locator('#position-error').isVisible());

  const after = (await departments()).find((d) => d.id === kaikei.id);
  assert.deepEqual(after, kaikei, 'nothing saved');
  assert.equal((await api(srv.url, `/api/v1/departments/${kaikei.id}/inbox`)).json.department.email, null);
  await page.close();
});

test('a 部 cannot be put under its own 課: refused in words', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(listUrl());
  assert.equal((await addDepartment(page, 'kenko-bu', '健康福祉部')).status(), 303);
  assert.equal((await addDepartment(page, 'kenko-ka', '健康推進課', '健康福祉部')).status(), 303);
  const bu = await byCode('kenko-bu');
  await page.goto(`${srv.url}/departments/${bu.id}/edit`);
  const labels = await page.getByLabel('上位の部署').locator('option').allInnerTexts();
  assert.ok(!labels.includes('健康福祉部'), 'a department is not offered as its own parent');
  await page.getByLabel('上位の部署').selectOption({ label: '健康福祉部 ／ 健康推進課' });
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.getByLabel('上位の部署').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#parent-error').innerText(),
    '「健康推進課」はこの部署自身か、その下にある部署なので、上位の部署にはできません。');
  assert.doesNotMatch(await page.locator('main').innerText(), /is this department|parent/);
  assert.equal((await byCode('kenko-bu')).parent, undefined, 'nothing saved');
  assert.equal((await byCode('kenko-ka')).parent, 'kenko-bu');
  await page.close();
});

test('deleting 窓口担当課 is refused with the reasons; 廃止 keeps it listed with its id', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const mado = await byCode('madoguchi');
  await page.goto(`${srv.url}/departments/${mado.id}/edit`);
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'この部署を削除する' }).click());
  assert.equal(resp.status(), 409);
  const refusal = await page.locator('#delete-refused').innerText();
  assert.match(refusal, /^履歴があるため削除できません。代わりに廃止してください。/);
  assert.match(refusal, /担当課にしている施策 \d+件/);
  assert.match(refusal, /この部署の報告担当者 1人/);
  assert.doesNotMatch(refusal, /measure|history|abolish/i, 'words, not the store\'s English');
  await assertNoAxeViolations(page, 'delete refused');
  assert.ok(await byCode('madoguchi'), 'still there');

  const abolish = await submitAndWait(page, () => page.locator('#abolish-form').getByRole('button', { name: '廃止する' }).click());
  assert.equal(abolish.status(), 303);
  assert.equal(new URL(page.url()).pathname, '/orgs/322075/departments');
  const item = page.locator(`#dept-${mado.id}`);
  assert.match(await item.innerText(), /窓口担当課\s*廃止/);
  assert.equal(await item.locator('.badge-abolished').count(), 1);
  const after = await byCode('madoguchi');
  assert.equal(after.id, mado.id);
  assert.equal(after.abolished, true);
  assert.equal(after.name, '窓口担当課');

  // the edit form shows it abolished, and un-ticking brings it back
  await page.goto(`${srv.url}/departments/${mado.id}/edit`);
  assert.equal(await page.getByLabel('廃止する').isChecked(), true);
  await page.getByLabel('廃止する').uncheck();
  assert.equal((await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click())).status(), 303);
  assert.equal((await byCode('madoguchi')).abolished, undefined);
  await page.close();
});

test('a department without history is deleted', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(listUrl());
  assert.equal((await addDepartment(page, 'ichiji', '一時作業課')).status(), 303);
  const d = await byCode('ichiji');
  await page.goto(`${srv.url}/departments/${d.id}/edit`);
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: 'この部署を削除する' }).click());
  assert.equal(resp.status(), 303);
  assert.equal(await page.locator('#dept-done').innerText(), '削除しました。');
  assert.equal(await byCode('ichiji'), undefined);
  assert.equal(await page.locator(`#dept-${d.id}`).count(), 0);
  await page.close();
});

test('a reporter gets 403 and sees no link', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'reporter');
  const mado = await byCode('madoguchi');
  let resp = await page.goto(listUrl());
  assert.equal(resp.status(), 403);
  resp = await page.goto(`${srv.url}/departments/${mado.id}/edit`);
  assert.equal(resp.status(), 403);
  await page.goto(`${srv.url}/orgs/322075`);
  assert.equal(await page.getByRole('link', { name: '部署を編集' }).count(), 0);
  // a POST with the reporter's session and CSRF token is refused too
  const s = await srv.session('reporter');
  const r = await fetch(`${srv.url}/departments/${mado.id}/delete`, {
    method: 'POST', redirect: 'manual',
    headers: { Cookie: s.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `csrf=${encodeURIComponent(s.csrf)}`,
  });
  assert.equal(r.status, 403);
  assert.ok(await byCode('madoguchi'));
  await useRole(page, srv, 'viewer');
  assert.equal((await page.goto(listUrl())).status(), 403);
  await page.close();
});

test('in English', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${listUrl()}?lang=en`);
  assert.equal(await page.locator('h1').innerText(), 'Edit departments');
  assert.match(await page.locator('#dept-tree').innerText(), /measures in charge/);
  await page.goto(`${listUrl()}?lang=ja`);
  await page.close();
});

test('without JavaScript, the add and edit forms post and redirect', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await signIn(page, srv, 'office');
    await page.goto(listUrl());
    assert.equal((await addDepartment(page, 'nojs-ka', 'スクリプトなし課')).status(), 303);
    const d = await byCode('nojs-ka');
    assert.equal(d.name, 'スクリプトなし課');
    assert.ok(await page.locator(`#dept-${d.id}`).isVisible());
    await page.locator(`#dept-${d.id} > a`).click();
    await page.getByLabel('名称').fill('スクリプトなし係');
    assert.equal((await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click())).status(), 303);
    assert.equal((await byCode('nojs-ka')).name, 'スクリプトなし係');
  } finally {
    await nojs.close();
  }
});
