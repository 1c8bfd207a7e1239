'use strict';
// Several servers, one database (issue 17 point 4): two kawaru servers, A and B, on one
// PostgreSQL database, and nginx on a loopback port balancing round-robin over them with the
// configuration of docs/postgresql.md ("Several servers behind nginx": the test reads that block,
// so the docs show what runs here). Through nginx and through each server directly:
// - a session made on one server is good on the other; signing out on one ends it on the other;
// - CSRF tokens (a session's, and the sign-in form's pre-session token) made by one are accepted
//   by the other;
// - a write through A is in the next signed-in read on B at once, and in B's cached public reply
//   as soon as B's watcher hears A's NOTIFY (polled for at most 2 s; measured below);
// - the sign-in and opinion limits count attempts spread over both servers as on one;
// - a server whose watcher's connection is killed neither serves a stale cached reply nor keeps
//   deaf: it listens again within about a second.
// PostgreSQL only (KAWARU_TEST_PG); nginx from /usr/sbin/nginx, unprivileged, in a temp dir.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, requestFrom, api, demoIds, freePort, PG, REPO } = require('../lib/server');

const NGINX = '/usr/sbin/nginx';
const skip = !PG ? 'PostgreSQL only: several servers share one database through KAWARU_TEST_PG'
  : !fs.existsSync(NGINX) ? `nginx is not installed (${NGINX}; make deps installs it)` : false;

const PER_ACCOUNT_ADDRESS = 5;         // LOGIN_MAX_FAILS_ACCOUNT_ADDRESS (src/store/store_user.h)
const FEEDBACK_PER_ADDRESS = 5;        // FEEDBACK_PER_ADDRESS (src/store/store_feedback.h)
const FRESH_WITHIN_MS = 2000;          // how long a server may take to hear another's write

let A, B, ids, nginx;
const ports = {};
const users = {};

/** The nginx block of docs/postgresql.md with the test's ports, inside a configuration whose
 *  files are all in dir; every reply says which server made it (X-Upstream). */
function nginxConf(dir) {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'postgresql.md'), 'utf8');
  const m = /## Several servers behind nginx[\s\S]*?```nginx\n([\s\S]*?)```/.exec(doc);
  assert.ok(m, 'docs/postgresql.md has the nginx block of "Several servers behind nginx"');
  let block = m[1];
  for (const [from, to] of [['server 127.0.0.1:8081;', `server 127.0.0.1:${ports.a};`],
    ['server 127.0.0.1:8082;', `server 127.0.0.1:${ports.b};`], ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${ports.nginx};`]]) {
    assert.equal(block.split(from).length, 2, `the docs' nginx block has "${from}" once`);
    block = block.replace(from, to);
  }
  const t = path.join(dir, 'tmp');
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${t}/body; proxy_temp_path ${t}/proxy; fastcgi_temp_path ${t}/fastcgi;
  uwsgi_temp_path ${t}/uwsgi; scgi_temp_path ${t}/scgi;
  add_header X-Upstream $upstream_addr always;
${block}}
`;
}

async function startNginx() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-nginx-'));
  fs.chmodSync(dir, 0o755);            // as root, nginx's workers run as nobody
  fs.mkdirSync(path.join(dir, 'tmp'));
  ports.nginx = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir));
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'),
    '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const url = `http://127.0.0.1:${ports.nginx}`;
  const log = () => err + (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}`);
    try {
      const r = await fetch(url + '/healthz');
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch { /* not yet */ }
    if (i === 100) { child.kill('SIGKILL'); throw new Error(`nginx did not answer within 5 s:\n${log()}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.stderr.unref?.();
  return {
    url, log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');             // by its PID: the master, whose workers end with it
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

before(async () => {
  if (skip) return;
  // as docs/postgresql.md starts them: nginx (on loopback, 127.0.0.1) is the trusted proxy
  A = await startServer({ serveArgs: ['--trusted-proxy', '127.0.0.1'] });
  B = await startServer({ sameDbAs: A, serveArgs: ['--trusted-proxy', '127.0.0.1'] });
  ports.a = new URL(A.url).port;
  ports.b = new URL(B.url).port;
  ids = await demoIds(A.url);
  users.office = A.users.office;       // the demo's office user, for sessions and forms
  for (const login of ['multi-attack', 'multi-nginx'])       // accounts the attacks lock
    users[login] = A.addUser({ login, role: 'viewer' });
  nginx = await startNginx();
});
after(async () => {
  if (nginx) await nginx.stop();
  if (B) await B.stop();               // B first: A's stop drops the database
  if (A) await A.stop();
});

/** One request from localAddress on a connection of its own (tests/lib/server.js). */
const request = (base, localAddress, method, p, opts) => requestFrom(base, localAddress, method, p, { timeout: 30000, ...opts });

/** Signs in as u ({login, password}) with the API at base: {cookie, csrf, user}. */
async function signIn(base, u) {
  const r = await request(base, '127.0.0.1', 'POST', '/api/v1/session', { body: { login: u.login, password: u.password } });
  assert.equal(r.status, 201, `sign-in at ${base}: ${r.text}`);
  return { cookie: r.headers['set-cookie'][0].split(';')[0], csrf: r.json.csrf_token, user: r.json.user };
}

const who = (base, s) => request(base, '127.0.0.1', 'GET', '/api/v1/session', { headers: { cookie: s.cookie } });

/** Asks until ok(answer) or FRESH_WITHIN_MS: {r (the last answer), ms, tries}. */
async function until(ask, ok, within = FRESH_WITHIN_MS) {
  const t0 = performance.now();
  for (let tries = 1; ; tries++) {
    const r = await ask();
    const ms = performance.now() - t0;
    if (ok(r) || ms > within) return { r, ms, tries };
    await new Promise((res) => setTimeout(res, 2));
  }
}

test('nginx balances round-robin over both servers, with the configuration of docs/postgresql.md', { skip }, async () => {
  const seen = [];
  for (let i = 0; i < 4; i++) {
    const r = await request(nginx.url, '127.0.0.1', 'GET', '/healthz');
    assert.equal(r.status, 200);
    seen.push(r.headers['x-upstream']);
  }
  const a = `127.0.0.1:${ports.a}`, b = `127.0.0.1:${ports.b}`;
  assert.deepEqual(new Set(seen), new Set([a, b]), seen.join(' '));
  assert.notEqual(seen[0], seen[1], `round-robin: ${seen.join(' ')}`);
  assert.equal(seen[0], seen[2], `round-robin: ${seen.join(' ')}`);
});

test('a session made on A is good on B and through nginx; signing out on B ends it on A', { skip }, async (t) => {
  const s = await signIn(A.url, users.office);
  for (const base of [A.url, B.url, A.url, B.url]) {          // twice each: the second from the threads' memo
    const r = await who(base, s);
    assert.equal(r.status, 200, `${base}: ${r.text}`);
    assert.equal(r.json.user.login, users.office.login);
    assert.equal(r.json.csrf_token, s.csrf, 'the CSRF token is the same on every server');
  }
  const page = await request(B.url, '127.0.0.1', 'GET', '/', { headers: { cookie: s.cookie } });
  assert.ok(page.text.includes(s.user.display_name), 'B\'s page shows the user signed in on A');
  const via = new Set();
  for (let i = 0; i < 4; i++) {
    const r = await who(nginx.url, s);
    assert.equal(r.status, 200, r.text);
    via.add(r.headers['x-upstream']);
  }
  assert.equal(via.size, 2, 'both servers answered through nginx');
  // signing out on B, with the CSRF token A gave
  const out = await request(B.url, '127.0.0.1', 'DELETE', '/api/v1/session', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
  assert.ok(out.status < 300, out.text);
  assert.equal((await who(B.url, s)).status, 401, 'B, where it ended');
  // A remembered the session (its thread's memo) until its watcher hears B's commit: measured
  // 1–25 ms after the DELETE's answer on a busy 2-core machine (docs/postgresql.md)
  const { r, ms, tries } = await until(() => who(A.url, s), (x) => x.status === 401);
  assert.equal(r.status, 401, `A still takes the ended session after ${ms.toFixed(0)} ms`);
  t.diagnostic(`sign-out on B: A refused the session at read ${tries}, ${ms.toFixed(1)} ms after the sign-out's answer`);
  for (let i = 0; i < 2; i++) assert.equal((await who(nginx.url, s)).status, 401, 'through nginx');
});

test('CSRF: the sign-in form of A posts to B; a form token of A\'s page and a session\'s token are accepted by B', { skip }, async () => {
  const form = await request(A.url, '127.0.0.1', 'GET', '/login');
  const pre = form.headers['set-cookie'][0].split(';')[0];
  const token = /name="login_csrf" value="([^"]+)"/.exec(form.text)[1];
  const post = (base, p, fields, cookie) => request(base, '127.0.0.1', 'POST', p, {
    body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
  const login = { login: users.office.login, password: users.office.password, next: '/' };
  assert.equal((await post(B.url, '/login', { ...login, login_csrf: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') }, pre)).status, 403,
    'a token one letter off is refused (the check is live)');
  const signed = await post(B.url, '/login', { ...login, login_csrf: token }, pre);
  assert.equal(signed.status, 303, signed.text);
  const cookie = signed.headers['set-cookie'].find((c) => c.startsWith('kawaru_session=')).split(';')[0];
  // a form of A's page, posted to B
  const kpiPage = await request(A.url, '127.0.0.1', 'GET', `/kpis/${ids.kpiId}`, { headers: { cookie } });
  const f = kpiPage.text.split('<form').find((x) => x.includes(`action="/kpis/${ids.kpiId}/measurements"`));
  const csrf = /name="csrf" value="([A-Za-z0-9_-]{43})"/.exec(f)[1];
  const count = async () => (await api(A.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;
  const n = await count();
  const add = { period: '2027-03-31', value: '77' };
  assert.equal((await post(B.url, `/kpis/${ids.kpiId}/measurements`, { ...add, csrf: csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A') }, cookie)).status, 403);
  const ok = await post(B.url, `/kpis/${ids.kpiId}/measurements`, { ...add, csrf }, cookie);
  assert.equal(ok.status, 303, ok.text);
  assert.equal(await count(), n + 1, 'A reads the measurement B wrote');
  // the API's token from A's sign-in, on B and through nginx
  const s = await signIn(A.url, users.office);
  for (const base of [B.url, nginx.url, nginx.url]) {
    const r = await request(base, '127.0.0.1', 'PATCH', `/api/v1/kpis/${ids.kpiId}`,
      { body: { perspective: 'citizen' }, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    assert.equal(r.status, 200, `${base}: ${r.text}`);
  }
});

test('a write through A is in B\'s next signed-in read at once, and in B\'s cached public reply within milliseconds', { skip }, async (t) => {
  const m = ids.plan.pillars[0].themes[0].measures[0];
  const apiPath = `/api/v1/measures/${m.id}`;
  const pagePath = `/plans/${ids.planId}/published/measures/${encodeURIComponent(m.code)}`;
  const anon = (base, p, headers = {}) => request(base, '127.0.0.1', 'GET', p, { headers });
  const admin = await A.session('admin');
  const signedIn = (base, p) => request(base, '127.0.0.1', 'GET', p, { headers: { cookie: admin.cookie } });
  // B caches the public's replies: the same ETag, then 304
  const before = {};
  for (const p of [apiPath, pagePath]) {
    const r = await anon(B.url, p);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    before[p] = r.headers.etag;
    assert.ok(before[p], `${p} is cacheable`);
    assert.equal((await anon(B.url, p, { 'if-none-match': before[p] })).status, 304);
    // the ETag is the reply's hash: A gives the same one, so a balanced browser keeps its 304s
    assert.equal((await anon(A.url, p)).headers.etag, before[p], `${p}: A's ETag is B's`);
    assert.equal((await anon(nginx.url, p, { 'if-none-match': before[p] })).status, 304);
    assert.equal((await anon(nginx.url, p, { 'if-none-match': before[p] })).status, 304);
  }
  await signedIn(B.url, apiPath);
  // the draft changes on A: B's next signed-in read has it, with no wait
  const title = `サーバーAで変えた題名 ${Date.now()}`;
  const w = await request(A.url, '127.0.0.1', 'PATCH', apiPath, { body: { title }, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
  assert.equal(w.status, 200, w.text);
  const s = await signedIn(B.url, apiPath);
  assert.equal(s.json.title, title, 'B\'s signed-in read right after A\'s write');
  // the public's reply changes when it is published, through A
  const v = await request(A.url, '127.0.0.1', 'POST', `/api/v1/plans/${ids.planId}/versions`,
    { body: { label: '9.1', date: '2025-04-01' }, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
  assert.equal(v.status, 201, v.text);
  // B's cache is emptied when its watcher hears A's NOTIFY: measured 0–25 ms after the
  // publication's answer on a busy 2-core machine, most often before B's next request
  for (const p of [apiPath, pagePath]) {
    const { r, ms, tries } = await until(() => anon(B.url, p, { 'if-none-match': before[p] }), (x) => x.status === 200);
    assert.equal(r.status, 200, `${p}: B still answers 304 (its cached reply) ${ms.toFixed(0)} ms after A's publication`);
    assert.ok(r.text.includes(title), `${p}: B serves the published title`);
    assert.notEqual(r.headers.etag, before[p]);
    t.diagnostic(`${p}: fresh on B at read ${tries}, ${ms.toFixed(1)} ms after A's publication answered`);
    assert.equal((await anon(A.url, p)).headers.etag, r.headers.etag, `${p}: A and B agree on the new ETag`);
    for (let i = 0; i < 2; i++)
      assert.ok((await anon(nginx.url, p)).text.includes(title), `${p} through nginx`);
  }
});

test('sign-in limits count attempts spread over A and B as on one server, directly and through nginx', { skip }, async () => {
  const wrong = (base, addr) => request(base, addr, 'POST', '/api/v1/session', { body: { login: 'multi-attack', password: 'wrong password' } });
  // 60 parallel wrong passwords from one address, half to A and half to B
  const rs = await Promise.all(Array.from({ length: 60 }, (_, i) => wrong(i % 2 ? B.url : A.url, '127.0.0.2')));
  const counts = rs.reduce((t, r) => ({ ...t, [r.status]: (t[r.status] || 0) + 1 }), {});
  assert.deepEqual(Object.keys(counts).sort(), ['401', '429'], JSON.stringify(counts));
  assert.ok(counts[401] <= PER_ACCOUNT_ADDRESS, `${counts[401]} checked: ${JSON.stringify(counts)}`);
  const right = (base, addr) => request(base, addr, 'POST', '/api/v1/session', { body: { login: 'multi-attack', password: users['multi-attack'].password } });
  assert.equal((await right(A.url, '127.0.0.2')).status, 429, 'A, the attacking address');
  assert.equal((await right(B.url, '127.0.0.2')).status, 429, 'B, the attacking address');
  assert.equal((await right(B.url, '127.0.0.3')).status, 201, 'the owner at another address');
  // through nginx each client is counted at the address nginx forwards (--trusted-proxy): the
  // attempts of 127.0.0.4, balanced over A and B, stop at the limit all the same …
  const via = await Promise.all(Array.from({ length: 20 }, () => request(nginx.url, '127.0.0.4', 'POST', '/api/v1/session',
    { body: { login: 'multi-nginx', password: 'wrong password' } })));
  assert.equal(new Set(via.map((r) => r.headers['x-upstream'])).size, 2, 'both servers had attempts');
  const checked = via.filter((r) => r.status === 401).length;
  assert.ok(checked >= 1 && checked <= PER_ACCOUNT_ADDRESS && checked + via.filter((r) => r.status === 429).length === via.length,
    via.map((r) => r.status).join(' '));
  // … while the owner, another client of nginx, signs in (without --trusted-proxy: 429, nginx's address)
  const owner = await request(nginx.url, '127.0.0.5', 'POST', '/api/v1/session',
    { body: { login: 'multi-nginx', password: users['multi-nginx'].password } });
  assert.equal(owner.status, 201, owner.text);
});

test('the opinion limit per address counts opinions sent to A and to B together', { skip }, async () => {
  const p = `/api/v1/plans/${ids.planId}/published/measures/${encodeURIComponent(ids.plan.pillars[0].themes[0].measures[0].code)}/feedback`;
  for (let i = 1; i <= FEEDBACK_PER_ADDRESS; i++) {
    const r = await request(i % 2 ? A.url : B.url, '127.0.0.9', 'POST', p, { body: { text: `二台のサーバーへの意見 ${i}` } });
    assert.equal(r.status, 201, r.text);
  }
  for (const base of [A.url, B.url])
    assert.equal((await request(base, '127.0.0.9', 'POST', p, { body: { text: '六通目' } })).status, 429, base);
});

test('a server whose watcher\'s connection is killed serves no stale cached reply, and listens again', { skip }, async () => {
  const p = `/api/v1/orgs/122319`;
  const anon = (base, headers = {}) => request(base, '127.0.0.1', 'GET', p, { headers });
  const etag = (await anon(B.url)).headers.etag;
  assert.equal((await anon(B.url, { 'if-none-match': etag })).status, 304, 'cached on B');
  // the database refuses new connections while the watchers' are killed: each server says once
  // why it cannot listen again, and tries on
  const dbName = A.db.slice(A.db.lastIndexOf('/') + 1);
  const maintenance = (q) => execFileSync('psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1',
    A.db.slice(0, A.db.lastIndexOf('/') + 1) + 'kawaru', '-c', q], { encoding: 'utf8' }).trim();
  maintenance(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
  try {
    const killed = maintenance(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
      WHERE application_name = 'kawaru watch' AND datname = '${dbName}'`);
    assert.equal(killed, '2', 'both servers\' watchers were found by their application_name');
    const cannot = /cannot listen for other servers' writes yet \(.*not currently accepting connections.*\); the cache stays off, tried each second/;
    for (const s of [A, B]) {
      const told = await until(async () => s.logs(), (x) => cannot.test(x), 10000);
      assert.match(told.r, cannot);
    }
    await new Promise((res) => setTimeout(res, 2500));   // two more failed tries: said once only
    for (const s of [A, B]) assert.equal(s.logs().split('cannot listen for other servers\' writes yet').length - 1, 1, s.logs());
  } finally {
    maintenance(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
  }
  const lost = await until(async () => B.logs(), (x) => x.includes('lost the database connection that hears of other servers\' writes'));
  assert.match(lost.r, /lost the database connection that hears of other servers' writes/);
  // B's reply, read after B lost its watcher's connection (a cache kept on would keep it now)
  assert.equal((await anon(B.url, { 'if-none-match': etag })).status, 304);
  await anon(B.url);
  const doc = JSON.parse((await api(A.url, '/api/v1/orgs/122319/document')).text);
  doc.org.name = `監視が切れた後の名前 ${Date.now()}`;
  const file = path.join(A.dir, 'org.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  execFileSync(A.bin, ['import', '--db', A.db, '--replace', file], { stdio: 'pipe' });
  const { r, ms } = await until(() => anon(B.url, { 'if-none-match': etag }), (x) => x.status === 200);
  assert.equal(r.status, 200, `B still serves its cached reply ${ms.toFixed(0)} ms after the import`);
  assert.equal(r.json.name, doc.org.name);
  // it listens again (it tries each second: on a loaded machine a try may wait or fail, so the
  // test gives it ten); then it caches, and another write reaches it
  const back = await until(async () => A.sql(`SELECT count(*) FROM pg_stat_activity
    WHERE application_name = 'kawaru watch' AND datname = current_database()`), (x) => x === '2', 10000);
  assert.equal(back.r, '2', `the watchers did not listen again within 10 s:\nA: ${A.logs()}\nB: ${B.logs()}`);
  const etag2 = (await anon(B.url)).headers.etag;
  await anon(B.url);
  doc.org.name += ' (二度目)';
  fs.writeFileSync(file, JSON.stringify(doc));
  execFileSync(A.bin, ['import', '--db', A.db, '--replace', file], { stdio: 'pipe' });
  const again = await until(() => anon(B.url, { 'if-none-match': etag2 }), (x) => x.status === 200);
  assert.equal(again.r.status, 200, `B missed a write after listening again:\n${B.logs()}`);
  assert.equal(again.r.json.name, doc.org.name);
});
