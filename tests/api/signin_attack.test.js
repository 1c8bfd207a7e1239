'use strict';
// Sign-in under attack (issue 13 point 9). Requests come from several loopback addresses
// (127.0.0.x, http.request's localAddress): the server takes the client's address from the
// socket and trusts no header for it.
// - 60 parallel wrong passwords at one account from one address, through the API and through
//   the form: at most 5 (the limit per account and address) are answered other than 429, and
//   only those were checked (the audit log has one login_failed entry per checked attempt),
//   because an attempt is counted in the transaction that checks the limit, before any hash.
// - Failures from one address do not lock the owner out at another: there the right password
//   signs in, and even a wrong one is checked (401), while the attacking address gets 429.
// - Guessing spread over many addresses stops at 30 failures per account in 15 minutes for
//   every address but one the owner signed in from lately.
// - Behind a reverse proxy named by `kawaru serve --trusted-proxy`, the address is the one the
//   proxy forwards (the last entry of X-Forwarded-For); from any other peer the header is ignored.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, requestFrom, api } = require('../lib/server');

const PER_ACCOUNT_ADDRESS = 5;         // LOGIN_MAX_FAILS_ACCOUNT_ADDRESS (src/store/store_user.h)
const PER_ACCOUNT = 30;                // LOGIN_MAX_FAILS_ACCOUNT

let srv;
const users = {};
before(async () => {
  srv = await startServer();
  for (const login of ['attack-api', 'attack-page', 'attack-spread'])
    users[login] = srv.addUser({ login, role: 'viewer' });
});
after(() => srv && srv.stop());

/** One request from localAddress on a connection of its own (tests/lib/server.js). */
const request = (localAddress, method, p, { server = srv, ...opts } = {}) => requestFrom(server.url, localAddress, method, p, opts);

const apiSignIn = (addr, login, password, { server = srv, forwarded } = {}) => request(addr, 'POST', '/api/v1/session',
  { body: JSON.stringify({ login, password }), server,
    headers: { 'content-type': 'application/json', ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) } });

/** The sign-in form's pre-session cookie and token, as a browser at addr gets them. */
async function loginForm(addr) {
  const r = await request(addr, 'GET', '/login');
  assert.equal(r.status, 200);
  return { cookie: r.headers['set-cookie'][0].split(';')[0], token: /name="login_csrf" value="([^"]+)"/.exec(r.text)[1] };
}

function pageSignIn(addr, form, login, password) {
  const body = new URLSearchParams({ login, password, next: '/', login_csrf: form.token }).toString();
  return request(addr, 'POST', '/login',
    { body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie } });
}

/** How many attempts at the user's account were checked and failed, from the audit log. */
async function failedChecks(userId) {
  const r = await api(srv.url, `/api/v1/audit?entity=user&id=${userId}&limit=200`, { as: 'admin' });
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((e) => e.action === 'login_failed').length;
}

const tally = (rs) => rs.reduce((t, r) => ({ ...t, [r.status]: (t[r.status] || 0) + 1 }), {});

test('60 parallel wrong passwords through the API: at most 5 are checked, the rest get 429 at once', async () => {
  const rs = await Promise.all(Array.from({ length: 60 }, () => apiSignIn('127.0.0.2', 'attack-api', 'wrong password')));
  const counts = tally(rs);
  const checked = rs.filter((r) => r.status !== 429);
  assert.ok(checked.length <= PER_ACCOUNT_ADDRESS, `${checked.length} answers other than 429: ${JSON.stringify(counts)}`);
  assert.deepEqual(Object.keys(counts).sort(), ['401', '429'], JSON.stringify(counts));
  const locked = rs.find((r) => r.status === 429);
  assert.equal(locked.json.error.code, 'rate_limited');
  assert.equal(locked.headers['retry-after'], '900');
  // the attacking address stays locked, even with the right password
  assert.equal((await apiSignIn('127.0.0.2', 'attack-api', users['attack-api'].password)).status, 429);
  // the owner at another address: a wrong password is checked, the right one signs in
  assert.equal((await apiSignIn('127.0.0.3', 'attack-api', 'another wrong one')).status, 401);
  const owner = await apiSignIn('127.0.0.3', 'attack-api', users['attack-api'].password);
  assert.equal(owner.status, 201, owner.text);
  assert.match(owner.headers['set-cookie'][0], /^kawaru_session=[A-Za-z0-9_-]{43};/);
  // only the attempts answered 401 were checked: 5 from 127.0.0.2 and 1 from 127.0.0.3
  assert.equal(await failedChecks(owner.json.user.id), checked.length + 1);
});

test('60 parallel wrong passwords through the form: at most 5 are checked; the owner elsewhere signs in', async () => {
  const form = await loginForm('127.0.0.5');
  const rs = await Promise.all(Array.from({ length: 60 }, () => pageSignIn('127.0.0.5', form, 'attack-page', 'wrong password')));
  const counts = tally(rs);
  const checked = rs.filter((r) => r.status !== 429);
  assert.ok(checked.length <= PER_ACCOUNT_ADDRESS, `${checked.length} answers other than 429: ${JSON.stringify(counts)}`);
  assert.deepEqual(Object.keys(counts).sort(), ['401', '429'], JSON.stringify(counts));
  assert.match(rs.find((r) => r.status === 429).text, /15分間はログインできません/);
  assert.equal((await pageSignIn('127.0.0.5', form, 'attack-page', users['attack-page'].password)).status, 429);
  const owner = await pageSignIn('127.0.0.6', await loginForm('127.0.0.6'), 'attack-page', users['attack-page'].password);
  assert.equal(owner.status, 303, owner.text);
  assert.match(owner.headers['set-cookie'].join('\n'), /^kawaru_session=[A-Za-z0-9_-]{43};/m);
});

test('guessing from many addresses locks the account at new addresses, never where its owner signed in', async () => {
  const { password } = users['attack-spread'];
  // the owner works from 127.0.0.20
  const first = await apiSignIn('127.0.0.20', 'attack-spread', password);
  assert.equal(first.status, 201, first.text);
  // 30 wrong passwords from 8 addresses, each under its own limit of 5 (4 at once from each)
  const per = PER_ACCOUNT_ADDRESS - 1;
  const rs = [];
  for (let sent = 0; sent < PER_ACCOUNT; sent += per) {
    const addr = `127.0.0.${30 + sent / per}`;
    rs.push(...await Promise.all(Array.from({ length: Math.min(per, PER_ACCOUNT - sent) },
      () => apiSignIn(addr, 'attack-spread', 'wrong password'))));
  }
  assert.deepEqual(tally(rs), { 401: PER_ACCOUNT });
  // now a new address is refused, even with the right password …
  assert.equal((await apiSignIn('127.0.0.50', 'attack-spread', password)).status, 429);
  assert.equal((await apiSignIn('127.0.0.30', 'attack-spread', password)).status, 429);
  // … and the owner's own address is not
  const owner = await apiSignIn('127.0.0.20', 'attack-spread', password);
  assert.equal(owner.status, 201, owner.text);
  assert.equal(await failedChecks(owner.json.user.id), PER_ACCOUNT);
});

test('behind a trusted proxy each client is counted at its forwarded address; no other peer is believed', async () => {
  const behind = await startServer({ serveArgs: ['--trusted-proxy', '127.0.0.1'] });
  try {
    const { password } = behind.addUser({ login: 'attack-proxied', role: 'viewer' });
    srv.addUser({ login: 'attack-proxied', role: 'viewer' });
    const via = (client, pw, from = '127.0.0.1') => apiSignIn(from, 'attack-proxied', pw, { server: behind, forwarded: client });
    // one client's failures, forwarded by the proxy: limited at that client's address …
    const rs = [];
    for (let i = 0; i <= PER_ACCOUNT_ADDRESS; i++) rs.push(await via('10.0.0.66, 198.51.100.7', 'wrong password'));
    assert.deepEqual(tally(rs), { 401: PER_ACCOUNT_ADDRESS, 429: 1 });
    // … the proxy's other clients are not: another forwarded address signs in
    assert.equal((await via('198.51.100.8', password)).status, 201);
    // a peer that is not the proxy writes what it likes: it is counted at its own address,
    // so the address it names is still refused only where that client really is
    assert.equal((await via('198.51.100.7', password, '127.0.0.60')).status, 201);
    assert.equal((await via('198.51.100.7', password)).status, 429);
    // the same requests to a server that trusts no proxy: all one address (the peer's)
    for (let i = 0; i < PER_ACCOUNT_ADDRESS; i++)
      assert.equal((await apiSignIn('127.0.0.61', 'attack-proxied', 'wrong password', { forwarded: `198.51.100.${i}` })).status, 401);
    assert.equal((await apiSignIn('127.0.0.61', 'attack-proxied', password, { forwarded: '198.51.100.99' })).status, 429);
  } finally {
    await behind.stop();
  }
});
