'use strict';
// Sign-in and sign-out (issue 4 point 1): users made with `kawaru user add` against the test
// server's database; POST /login wrong → 401 with the message and no cookie; right → 303 with
// an HttpOnly SameSite=Lax session cookie; the header shows the name; a new sign-in makes a new
// token (no fixation) and an old cookie stays only its own session; /logout ends it; Secure
// behind X-Forwarded-Proto: https; pages with a session are never served from the cache.
// Login CSRF (issue 13 point 9): the form carries a token derived from a pre-session cookie
// (kawaru_pre) that GET /login sets; a POST /login without both, or with a token of another
// cookie, is 403 with the form anew and no session, and its password is not even checked; the
// API's sign-in takes application/json only (415 otherwise), which no form of another site can send.
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

/** The sign-in form as a browser gets it: {pre: "kawaru_pre=…", token, text, headers}. cookie:
 *  the cookies the browser already sends (a session, an earlier kawaru_pre). */
async function loginForm(cookie) {
  const r = await get('/login', cookie);
  assert.equal(r.status, 200);
  const set = r.headers.get('set-cookie');
  const pre = set ? set.split(';')[0] : cookie.split('; ').find((c) => c.startsWith('kawaru_pre='));
  const m = /<input type="hidden" name="login_csrf" value="([A-Za-z0-9_-]{43})">/.exec(r.text);
  assert.ok(m, 'the form has a login_csrf field');
  return { pre, token: m[1], text: r.text, headers: r.headers };
}

/** POST /login as the form does: with the pre-session cookie and token of a fresh GET /login
 *  (headers.Cookie, a session, is sent with both requests). */
async function postLogin(form, headers = {}) {
  const f = await loginForm(headers.Cookie);
  const cookie = headers.Cookie ? `${headers.Cookie}; ${f.pre}` : f.pre;
  return post('/login', { login_csrf: f.token, ...form }, { ...headers, Cookie: cookie });
}

/** Signs in; returns "kawaru_session=…" and the Set-Cookie header. */
async function signIn(login, password, extra = {}, headers = {}) {
  const r = await postLogin({ login, password, next: '/orgs/322075', ...extra }, headers);
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
  const r = await postLogin({ login: 'login-hanako', password: 'nope-nope' });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get('set-cookie'), null);
  assert.match(r.text, /ログインIDまたはパスワードが違います。/);
  const unknown = await postLogin({ login: 'nobody-here', password: 'nope-nope' });
  assert.equal(unknown.status, 401);
  assert.match(unknown.text, /ログインIDまたはパスワードが違います。/);
  const empty = await postLogin({ login: '', password: '' });
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
  const again = await postLogin({ login: 'login-gone', password: 'password-gone' });
  assert.equal(again.status, 401);
});

test('the sign-in form carries a token of an HttpOnly pre-session cookie, and is never cached', async () => {
  const a = await loginForm();
  const b = await loginForm();
  assert.match(a.headers.get('set-cookie'), /^kawaru_pre=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  assert.notEqual(a.pre, b.pre, 'each browser its own cookie');
  assert.notEqual(a.token, b.token);
  assert.ok(!a.text.includes(a.pre.split('=')[1]), 'the page does not hold the cookie itself');
  assert.equal(a.headers.get('etag'), null, 'not cacheable');
  // a browser that has the cookie keeps it and gets the same token
  const again = await loginForm(a.pre);
  assert.equal(again.headers.get('set-cookie'), null);
  assert.equal(again.token, a.token);
  // the sign-in form of a page that needs a session carries one too
  const needs = await get('/audit');
  assert.equal(needs.status, 401);
  assert.match(needs.headers.get('set-cookie'), /^kawaru_pre=/);
  assert.match(needs.text, /name="login_csrf" value="[A-Za-z0-9_-]{43}"/);
});

test('a sign-in without the form\'s pre-session token → 403, the form anew, no session, nothing checked', async () => {
  addUser('login-csrf', 'ログイン CSRF', 'viewer', 'password-csrf');
  const a = await loginForm();
  const b = await loginForm();
  const right = { login: 'login-csrf', password: 'password-csrf', next: '/' };
  const forged = [
    ['no cookie, no token', right, {}],
    ['a token without its cookie', { ...right, login_csrf: a.token }, {}],
    ['the cookie without a token', right, { Cookie: a.pre }],
    ['another cookie\'s token', { ...right, login_csrf: b.token }, { Cookie: a.pre }],
    ['a token one letter off', { ...right, login_csrf: a.token.slice(0, -1) + (a.token.endsWith('A') ? 'B' : 'A') }, { Cookie: a.pre }],
    ['an empty token', { ...right, login_csrf: '' }, { Cookie: a.pre }],
  ];
  for (const [what, form, headers] of forged) {
    const r = await post('/login', form, headers);
    assert.equal(r.status, 403, `${what}: ${r.status}`);
    assert.doesNotMatch(r.headers.get('set-cookie') || '', /kawaru_session=[^;]/, `${what}: a session cookie`);
    assert.match(r.text, /フォームの確認用の値が一致しませんでした/, what);
    assert.match(r.text, /name="login_csrf" value="[A-Za-z0-9_-]{43}"/, `${what}: the form anew`);
  }
  // wrong passwords sent that way are not checked: they do not count towards the lock
  for (let i = 0; i < 6; i++)
    assert.equal((await post('/login', { ...right, password: 'wrong-password' }, { Cookie: a.pre })).status, 403);
  // the form as the browser has it signs in, and its pre-session cookie is cleared
  const ok = await post('/login', { ...right, login_csrf: a.token }, { Cookie: a.pre });
  assert.equal(ok.status, 303, ok.text);
  const set = ok.headers.get('set-cookie');          // the Set-Cookie headers joined by ", "
  assert.match(set, /(^|, )kawaru_session=[A-Za-z0-9_-]{43};/);
  assert.match(set, /(^|, )kawaru_pre=; [^,]*Max-Age=0/);
});

test('the API sign-in takes application/json only: a cross-site form cannot send it', async () => {
  const json = JSON.stringify({ login: 'login-hanako', password: 'password-hanako' });
  // what a form of another site can send: text/plain (which can be made to look like JSON) and
  // urlencoded (multipart bodies are split before any handler runs)
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
    const res = await fetch(srv.url + '/api/v1/session', { method: 'POST', body: json, headers: { 'Content-Type': type } });
    assert.equal(res.status, 415, `${type}: ${res.status}`);
    assert.equal(res.headers.get('set-cookie'), null, `${type}: a cookie`);
    assert.equal((await res.json()).error.code, 'unsupported_media_type');
  }
  const ok = await fetch(srv.url + '/api/v1/session', {
    method: 'POST', body: json, headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
  assert.equal(ok.status, 201);
});
