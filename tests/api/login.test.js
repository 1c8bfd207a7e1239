'use strict';
// Sign-in and sign-out (issue 4 point 1): users made with `kawaru user add` against the test
// server's database; POST /login wrong → 401 with the message and no cookie; right → 303 with
// an HttpOnly SameSite=Lax session cookie; the header shows the name; a new sign-in makes a new
// token (no fixation) and an old cookie stays only its own session; /logout ends it; Secure
// behind X-Forwarded-Proto: https; pages with a session are never served from the cache.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { startServer } = require('../lib/server');

let srv;
before(async () => {
  srv = await startServer();
  addUser('login-hanako', '江津 花子', 'office', 'password-hanako');
  addUser('login-taro', '江津 太郎', 'viewer', 'password-taro');
});
after(() => srv && srv.stop());

function addUser(login, name, role, password) {
  const r = spawnSync(srv.bin, ['user', 'add', '--db', srv.db, '--org', '322075', '--login', login, '--name', name,
    '--role', role], { input: password + '\n', encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
}

async function post(path, form, headers = {}) {
  const res = await fetch(srv.url + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function get(path, cookie) {
  const res = await fetch(srv.url + path, { headers: cookie ? { Cookie: cookie } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Signs in; returns "kawaru_session=…" and the Set-Cookie header. */
async function signIn(login, password, extra = {}, headers = {}) {
  const r = await post('/login', { login, password, next: '/orgs/322075', ...extra }, headers);
  assert.equal(r.status, 303, r.text);
  const set = r.headers.get('set-cookie');
  assert.match(set, /^kawaru_session=[A-Za-z0-9_-]{43};/);
  return { cookie: set.split(';')[0], set, location: r.headers.get('location') };
}

test('the login page has labelled fields and a sign-in link is in the header', async () => {
  const r = await get('/login');
  assert.equal(r.status, 200);
  assert.match(r.text, /<label for="login">ログインID<\/label>/);
  assert.match(r.text, /<label for="password">パスワード<\/label>/);
  assert.match(r.text, /type="password"/);
  const home = await get('/orgs/322075');
  assert.match(home.text, /href="\/login\?next=%2Forgs%2F322075"/);
});

test('a wrong password gives the message and no cookie', async () => {
  const r = await post('/login', { login: 'login-hanako', password: 'nope-nope' });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get('set-cookie'), null);
  assert.match(r.text, /ログインIDまたはパスワードが違います。/);
  const unknown = await post('/login', { login: 'nobody-here', password: 'nope-nope' });
  assert.equal(unknown.status, 401);
  assert.match(unknown.text, /ログインIDまたはパスワードが違います。/);
  const empty = await post('/login', { login: '', password: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /id="login-error"/);
  assert.match(empty.text, /id="password-error"/);
});

test('the right password gives a 303 to next with an HttpOnly SameSite=Lax cookie', async () => {
  const s = await signIn('login-hanako', 'password-hanako');
  assert.equal(s.location, '/orgs/322075');
  assert.match(s.set, /; Path=\//);
  assert.match(s.set, /; HttpOnly/);
  assert.match(s.set, /; SameSite=Lax/);
  assert.doesNotMatch(s.set, /Secure/);
  const page = await get('/orgs/322075', s.cookie);
  assert.match(page.text, /江津 花子/);
  assert.match(page.text, /action="\/logout"/);
});

test('next must be a local path', async () => {
  for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const s = await signIn('login-hanako', 'password-hanako', { next });
    assert.equal(s.location, '/');
  }
});

test('Secure is set behind a proxy that says https', async () => {
  const s = await signIn('login-hanako', 'password-hanako', {}, { 'X-Forwarded-Proto': 'https' });
  assert.match(s.set, /; Secure/);
});

test('a new sign-in makes a new token; the old cookie is its own session; logout ends it', async () => {
  const first = await signIn('login-hanako', 'password-hanako');
  // signed in, the sign-in form carries the session's CSRF token (tests/api/csrf.test.js)
  const firstCsrf = /<input type="hidden" name="csrf" value="([^"]+)">/.exec((await get('/login', first.cookie)).text)[1];
  const second = await signIn('login-taro', 'password-taro', { csrf: firstCsrf }, { Cookie: first.cookie });
  assert.notEqual(first.cookie, second.cookie);
  assert.match((await get('/', first.cookie)).text, /江津 花子/);
  const taro = await get('/', second.cookie);
  assert.match(taro.text, /江津 太郎/);
  assert.doesNotMatch(taro.text, /江津 花子/);
  const out = await post('/logout', { csrf: firstCsrf }, { Cookie: first.cookie });
  assert.equal(out.status, 303);
  assert.match(out.headers.get('set-cookie'), /^kawaru_session=; .*Max-Age=0/);
  const after = await get('/', first.cookie);
  assert.doesNotMatch(after.text, /江津 花子/);
  assert.match(after.text, /href="\/login\?next=%2F"/);
  assert.match((await get('/', second.cookie)).text, /江津 太郎/);
});

test('a personal page is not cached: two users and an anonymous reader see their own header', async () => {
  const a = await signIn('login-hanako', 'password-hanako');
  const b = await signIn('login-taro', 'password-taro');
  // a page that answers 200 to everyone, cached for anonymous readers (since issue 4 /plans/1,
  // 印西市's unpublished plan, sends the public to a 404, which is never cached)
  const p = '/orgs/322075';
  for (let i = 0; i < 2; i++) {
    const anon = await get(p);
    assert.equal(anon.status, 200);
    assert.ok(anon.headers.get('etag'), 'the anonymous page is cacheable');
    assert.doesNotMatch(anon.text, /江津 (花子|太郎)/);
    const pa = await get(p, a.cookie);
    const pb = await get(p, b.cookie);
    assert.equal(pa.status, 200);
    assert.equal(pb.status, 200);
    assert.match(pa.text, /江津 花子/);
    assert.doesNotMatch(pa.text, /江津 太郎/);
    assert.match(pb.text, /江津 太郎/);
    assert.doesNotMatch(pb.text, /江津 花子/);
    assert.equal(pa.headers.get('etag'), null);
    assert.equal(pa.headers.get('cache-control'), 'no-store');
  }
});

test('a disabled user cannot sign in', async () => {
  addUser('login-gone', '退職 者', 'viewer', 'password-gone');
  const s = await signIn('login-gone', 'password-gone');
  // used a few times first, so that every server thread remembers the session (session_cache.c)
  for (let i = 0; i < 6; i++)
    assert.match((await get('/', s.cookie)).text, /退職 者/);
  const r = spawnSync(srv.bin, ['user', 'disable', '--db', srv.db, 'login-gone'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // another process wrote: the server sees it through its watch of the file, within moments
  let shown = true;
  for (let i = 0; i < 40 && shown; i++) {
    shown = /退職 者/.test((await get('/', s.cookie)).text);
    if (shown) await new Promise((done) => setTimeout(done, 50));
  }
  assert.equal(shown, false, 'the disabled user is still signed in 2 s later');
  for (let i = 0; i < 6; i++)
    assert.doesNotMatch((await get('/', s.cookie)).text, /退職 者/);
  const again = await post('/login', { login: 'login-gone', password: 'password-gone' });
  assert.equal(again.status, 401);
});
