'use strict';
// Signing in through the form (issue 4 point 1): demo-office signs in with the password that
// `kawaru init --demo` wrote next to the database, sees its name in the header, signs out and
// sees the sign-in link again. The login page and its error state pass axe-core. Signed in, the
// forms it submits (a measurement, a CSV upload) carry the session's CSRF token and succeed.
// Login CSRF (issue 13 point 9): a page of another origin that posts a login and password to
// /login from the browser is refused (403) and the browser stays signed out, although the
// browser has the pre-session cookie of an earlier visit; the real form still signs in.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const { startServerAndBrowser, assertAxeClean, submitAndWait } = require('../lib/browser');
const { api, demoIds } = require('../lib/server');

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

/** The demo password of login, from the demo users' file (role, login, password per line). */
function demoPassword(login) {
  const lines = fs.readFileSync(srv.usersFile, 'utf8').trim().split('\n');
  const row = lines.map((l) => l.split('\t')).find((c) => c[1] === login);
  assert.ok(row, `${login} in the demo users file`);
  return row[2];
}

test('the demo users file is private and holds one user per role', () => {
  const st = fs.statSync(srv.usersFile);
  assert.equal(st.mode & 0o777, 0o600);
  const roles = fs.readFileSync(srv.usersFile, 'utf8').trim().split('\n').map((l) => l.split('\t')[0]);
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

test('signed in, demo-office submits real forms (they carry the CSRF token) and they succeed', async () => {
  const ids = await demoIds(srv.url);
  const count = async () => (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;
  await page.goto(srv.url + '/login?next=' + encodeURIComponent(`/kpis/${ids.kpiId}`));
  await page.fill('#login', 'demo-office');
  await page.fill('#password', demoPassword('demo-office'));
  await submitAndWait(page, () => page.click('main button[type=submit]'));
  assert.match(await page.textContent('header'), /デモ事務局/);
  const form = page.locator(`form[action="/kpis/${ids.kpiId}/measurements"]`);
  assert.equal(await form.locator('input[name="csrf"]').count(), 1);
  const before = await count();
  await page.fill('#period', '2026-03-31');
  await page.fill('#value', '37');
  const resp = await submitAndWait(page, () => form.locator('button[type=submit]').click());
  assert.equal(resp.status(), 303);
  assert.equal(await count(), before + 1);
  await page.goto(`${srv.url}/plans/${ids.planId}/measurements/import`);
  const csv = '施策コード,指標名,時点,値,備考\n1-1-3,窓口の平均対応時間削減割合,2026-06-30,38,ブラウザから\n';
  await page.locator('input[type="file"]').setInputFiles({ name: 'csrf.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const up = await submitAndWait(page, () => page.locator('main form button[type=submit]').click());
  assert.equal(up.status(), 303);
  assert.equal(await count(), before + 2);
  await submitAndWait(page, () => page.click('header form[action="/logout"] button'));
  assert.doesNotMatch(await page.textContent('header'), /デモ事務局/);
});

test('a page of another origin cannot sign the browser in (login CSRF)', async () => {
  // another origin on loopback whose page posts the demo viewer's login to kawaru's /login
  const { login, password } = srv.users.viewer;
  const esc = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<!doctype html><html lang="en"><title>elsewhere</title><form method="post" action="${srv.url}/login">
    <input name="login" value="${esc(login)}"><input name="password" value="${esc(password)}">
    <input name="next" value="/"><button id="go">go</button></form></html>`;
  const other = http.createServer((req, res) => { res.setHeader('Content-Type', 'text/html'); res.end(html); });
  await new Promise((done) => other.listen(0, '127.0.0.1', done));
  try {
    await page.goto(srv.url + '/login');                  // the browser has its pre-session cookie
    const cookies = await br.context.cookies(srv.url);
    assert.ok(cookies.some((c) => c.name === 'kawaru_pre' && c.httpOnly), 'an HttpOnly kawaru_pre cookie');
    await page.goto(`http://127.0.0.1:${other.address().port}/`);
    const resp = await submitAndWait(page, () => page.click('#go'));
    assert.equal(resp.status(), 403);
    assert.ok(!(await br.context.cookies(srv.url)).some((c) => c.name === 'kawaru_session'), 'no session');
    assert.match(await page.textContent('.error-summary'), /フォームの確認用の値が一致しませんでした/);
    // the form shown again is this browser's own: it signs in
    await page.fill('#login', login);
    await page.fill('#password', password);
    const ok = await submitAndWait(page, () => page.click('main button[type=submit]'));
    assert.equal(ok.status(), 303);
    assert.match(await page.textContent('header'), /デモ閲覧者/);
    await submitAndWait(page, () => page.click('header form[action="/logout"] button'));
  } finally {
    other.closeAllConnections();                           // the browser's kept-alive ones
    await new Promise((done) => other.close(done));
  }
});
