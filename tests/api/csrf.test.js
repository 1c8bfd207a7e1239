'use strict';
// CSRF (issue 4 point 3): a signed-in form post needs the session's token in its csrf field
// (read here from the page's form), an API write carrying the session cookie needs it in the
// X-CSRF-Token header; without it, or with a wrong one: 403 and nothing changed. Bearer API
// tokens are unaffected. Sign-out needs it too. Since issue 4 (roles enforced) a write without
// a session is no longer allowed at all: an anonymous form post or API write gets 401 and
// changes nothing (before, it was not CSRF-checked and went through). The requests here are
// made with explicit cookies ({as: null}: no default session of tests/lib/server.js).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
let cookie;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  const r = spawnSync(srv.bin, ['user', 'add', '--db', srv.db, '--org', '322075', '--login', 'csrf-office', '--name',
    'CSRF 事務局', '--role', 'office'], { input: 'password-csrf\n', encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  cookie = await signIn();
});
after(() => srv && srv.stop());

async function post(path, form, headers = {}) {
  const res = await fetch(srv.url + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function getPage(path, c) {
  const res = await fetch(srv.url + path, { headers: c ? { Cookie: c } : {} });
  return res.text();
}

async function signIn() {
  // the sign-in form's pre-session cookie and token first (login CSRF: tests/api/login.test.js)
  const form = await fetch(srv.url + '/login');
  const pre = form.headers.get('set-cookie').split(';')[0];
  const token = /name="login_csrf" value="([^"]+)"/.exec(await form.text())[1];
  const r = await post('/login', { login: 'csrf-office', password: 'password-csrf', next: '/', login_csrf: token },
    { Cookie: pre });
  assert.equal(r.status, 303, r.text);
  return r.headers.get('set-cookie').split(';')[0];
}

/** The csrf field of the form posting to action on the page at path. */
async function formToken(path, action, c = cookie) {
  const html = await getPage(path, c);
  const form = html.split('<form').find((f) => f.includes(`action="${action}"`));
  assert.ok(form, `a form posting to ${action} on ${path}`);
  const m = /<input type="hidden" name="csrf" value="([A-Za-z0-9_-]{43})">/.exec(form);
  assert.ok(m, `a csrf field in the form posting to ${action}`);
  return m[1];
}

const measurementCount = async () => (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;

test('anonymous pages carry no csrf field; signed-in forms and the sign-out form do', async () => {
  assert.doesNotMatch(await getPage(`/kpis/${ids.kpiId}`), /name="csrf"/);
  const token = await formToken(`/kpis/${ids.kpiId}`, `/kpis/${ids.kpiId}/measurements`);
  assert.equal(await formToken('/', '/logout'), token, 'one token per session');
});

test('a signed-in form post without, or with a wrong, csrf field → 403 and nothing added', async () => {
  const path = `/kpis/${ids.kpiId}/measurements`;
  const before = await measurementCount();
  const missing = await post(path, { period: '2026-03-31', value: '41' }, { Cookie: cookie });
  assert.equal(missing.status, 403);
  assert.match(missing.text, /送信を受け付けられません/);
  const token = await formToken(`/kpis/${ids.kpiId}`, path);
  const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  for (const csrf of [wrong, '', token + 'x']) {
    const r = await post(path, { period: '2026-03-31', value: '41', csrf }, { Cookie: cookie });
    assert.equal(r.status, 403, `csrf=${csrf}`);
  }
  assert.equal(await measurementCount(), before, 'nothing written');
  const ok = await post(path, { period: '2026-03-31', value: '41', csrf: token }, { Cookie: cookie });
  assert.equal(ok.status, 303, ok.text);
  assert.equal(await measurementCount(), before + 1);
});

test('another session\'s token is refused', async () => {
  const other = await signIn();
  const token = await formToken(`/plans/${ids.planId}/rating-scale`, `/plans/${ids.planId}/rating-scale`, other);
  const r = await post(`/plans/${ids.planId}/rating-scale`, { action: 'letters', csrf: token }, { Cookie: cookie });
  assert.equal(r.status, 403);
});

test('the same form without a session cookie → 401, the sign-in form, and nothing added', async () => {
  const before = await measurementCount();
  const r = await post(`/kpis/${ids.kpiId}/measurements`, { period: '2026-03-31', value: '43' });
  assert.equal(r.status, 401, r.text);
  assert.match(r.text, /<form[^>]*action="\/login"/, 'the sign-in form');
  assert.equal(await measurementCount(), before, 'nothing written');
  // a stale token without its cookie does not help
  const token = await formToken(`/kpis/${ids.kpiId}`, `/kpis/${ids.kpiId}/measurements`);
  const t = await post(`/kpis/${ids.kpiId}/measurements`, { period: '2026-03-31', value: '43', csrf: token });
  assert.equal(t.status, 401, t.text);
  assert.equal(await measurementCount(), before, 'nothing written');
});

test('an API write with the session cookie needs X-CSRF-Token; without a cookie it is 401', async () => {
  const p = `/api/v1/kpis/${ids.kpiId}`;
  const token = await formToken('/', '/logout');
  const body = { perspective: 'citizen' };
  const refused = await api(srv.url, p, { method: 'PATCH', body: { perspective: 'business' }, headers: { Cookie: cookie }, as: null });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'csrf');
  const wrong = await api(srv.url, p, { method: 'PATCH', body: { perspective: 'business' }, headers: { Cookie: cookie, 'X-CSRF-Token': 'x'.repeat(43) }, as: null });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.json.error.code, 'csrf');
  // another session's (valid) token does not fit this cookie
  const admin = await srv.session('admin');
  const other = await api(srv.url, p, { method: 'PATCH', body: { perspective: 'business' }, headers: { Cookie: cookie, 'X-CSRF-Token': admin.csrf }, as: null });
  assert.equal(other.status, 403);
  assert.equal(other.json.error.code, 'csrf');
  const anon = await api(srv.url, p, { method: 'PATCH', body: { perspective: 'business' }, as: null });
  assert.equal(anon.status, 401, anon.text);
  assert.equal(anon.json.error.code, 'unauthorized');
  assert.notEqual((await api(srv.url, p)).json.perspective, 'business', 'nothing changed');
  const ok = await api(srv.url, p, { method: 'PATCH', body, headers: { Cookie: cookie, 'X-CSRF-Token': token }, as: null });
  assert.equal(ok.status, 200, ok.text);
  const read = await api(srv.url, p, { headers: { Cookie: cookie }, as: null });
  assert.equal(read.status, 200, 'a GET needs no token');
  assert.equal(read.json.perspective, 'citizen');
});

test('a Bearer API token authenticates an ingestion call even beside a cookie; elsewhere it does not excuse the cookie', async () => {
  const t = spawnSync(srv.bin, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', 'csrf-ingest'], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stderr);
  const auth = `Bearer ${t.stdout.trim()}`;
  const add = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`,
    { method: 'POST', body: { period: '2026-03-31', value: 44 }, headers: { Cookie: cookie, Authorization: auth }, as: null });
  assert.equal(add.status, 201, add.text);
  const patch = await api(srv.url, `/api/v1/kpis/${ids.kpiId}`,
    { method: 'PATCH', body: { perspective: 'citizen' }, headers: { Cookie: cookie, Authorization: auth }, as: null });
  assert.equal(patch.status, 403);
  assert.equal(patch.json.error.code, 'csrf');
});

test('sign-out needs the token: without it 403 and still signed in; with it signed out', async () => {
  const c = await signIn();
  const refused = await post('/logout', {}, { Cookie: c });
  assert.equal(refused.status, 403);
  assert.match(await getPage('/', c), /CSRF 事務局/);
  const token = await formToken('/', '/logout', c);
  const out = await post('/logout', { csrf: token }, { Cookie: c });
  assert.equal(out.status, 303);
  assert.doesNotMatch(await getPage('/', c), /CSRF 事務局/);
});
