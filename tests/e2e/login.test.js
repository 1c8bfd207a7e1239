'use strict';
// Signing in through the form (issue 4 point 1): demo-office signs in with the password that
// `kawaru init --demo` wrote next to the database, sees its name in the header, signs out and
// sees the sign-in link again. The login page and its error state pass axe-core.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startServerAndBrowser, assertAxeClean, submitAndWait } = require('../lib/browser');

let srv;
let br;
let page;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  page = await br.context.newPage();
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

/** The demo password of login, from <db>.demo-users (role, login, password per line). */
function demoPassword(login) {
  const lines = fs.readFileSync(srv.db + '.demo-users', 'utf8').trim().split('\n');
  const row = lines.map((l) => l.split('\t')).find((c) => c[1] === login);
  assert.ok(row, `${login} in the demo users file`);
  return row[2];
}

test('the demo users file is private and holds one user per role', () => {
  const st = fs.statSync(srv.db + '.demo-users');
  assert.equal(st.mode & 0o777, 0o600);
  const roles = fs.readFileSync(srv.db + '.demo-users', 'utf8').trim().split('\n').map((l) => l.split('\t')[0]);
  assert.deepEqual(roles, ['admin', 'office', 'reporter', 'viewer']);
});

test('a wrong password shows the error, and the page passes axe', async () => {
  await page.goto(srv.url + '/login');
  await assertAxeClean(page, 'login page');
  await page.fill('#login', 'demo-office');
  await page.fill('#password', 'not-the-password');
  await submitAndWait(page, () => page.click('main button[type=submit]'));
  assert.match(await page.textContent('.error-summary'), /ログインIDまたはパスワードが違います/);
  await assertAxeClean(page, 'login page with an error');
  await page.fill('#login', '');
  await submitAndWait(page, () => page.click('main button[type=submit]'));
  assert.match(await page.textContent('#login-error'), /ログインIDを入力してください/);
  await assertAxeClean(page, 'login page with field errors');
});

test('demo-office signs in, sees its name, and signs out', async () => {
  await page.goto(srv.url + '/orgs/322075');
  await Promise.all([page.waitForURL(/\/login\?next=/), page.click('header a[href^="/login"]')]);
  await page.fill('#login', 'demo-office');
  await page.fill('#password', demoPassword('demo-office'));
  await submitAndWait(page, () => page.click('main button[type=submit]'));
  assert.match(page.url(), /\/orgs\/322075$/);
  assert.match(await page.textContent('header'), /デモ事務局/);
  await submitAndWait(page, () => page.click('header form[action="/logout"] button'));
  const header = await page.textContent('header');
  assert.doesNotMatch(header, /デモ事務局/);
  assert.match(header, /ログイン/);
});
