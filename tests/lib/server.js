'use strict';
// Starts a real kawaru server on a fresh database for one test file, and a tiny HTTP helper.
//
//   const { startServer, api } = require('../lib/server');
//   let srv; before(async () => { srv = await startServer(); }); after(() => srv.stop());
//   const r = await api(srv.url, '/api/v1/orgs');   // {status, headers, json, text}
//
// Users and roles (issue 4): a demo database has one user per role (admin, office, reporter,
// viewer; srv.users[role] = {login, password}). Requests made with api(srv.url, …) are signed
// in as srv.defaultRole ('admin' unless startServer({as}) says otherwise; null: anonymous);
// pass {as: null} for an anonymous request, {as: 'viewer'} for another demo role, or
// {as: session} for a session of srv.session(role) / srv.signIn(login, password).
//
// The binary is $KAWARU_BIN, or <repo>/build/kawaru. Servers listen on 127.0.0.1 only.
//
// With $KAWARU_TEST_PG (a PostgreSQL server's URI without a database, e.g.
// postgresql://kawaru@127.0.0.1:5433, as scripts/pg.sh starts one) each server gets a fresh
// database of its own there instead of a SQLite file, dropped by stop(); srv.db is its URI, which
// every CLI command takes as it takes a file. A test of what only SQLite has (its file) asks
// `sqliteOnly` for its skip reason. startServer({sameDbAs: srv}) starts another server on srv's
// database (no init; srv's demo users; its stop() leaves the database alone — stop it before srv).
const { spawn, execFileSync } = require('node:child_process');
const assert = require('node:assert/strict');
const http = require('node:http');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(process.env.KAWARU_BIN || path.join(REPO, 'build', 'kawaru'));   // absolute: init runs in the temp dir
const PG = process.env.KAWARU_TEST_PG || '';
/** For test(name, {skip: sqliteOnly}, …): false on SQLite, the reason on PostgreSQL. */
const sqliteOnly = PG ? 'SQLite only (its database file)' : false;

/** Runs one SQL command on the test PostgreSQL server's maintenance database. */
function pgAdmin(sql) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', PG + '/postgres', '-c', sql],
    { stdio: 'pipe', timeout: 30000 });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Servers and temp dirs still alive when the test process exits without its after() hooks
// (a crash, an uncaught error) are killed and removed here, synchronously.
const live = new Set();
process.on('exit', () => {
  for (const { child, dir, dropDb } of live) {
    try { if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); } catch { /* gone */ }
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
    if (dropDb) dropDb();
  }
});

async function waitHealthy(url, child, deadline, logs) {
  let lastErr;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`kawaru serve exited (${child.exitCode ?? child.signalCode}) before answering:\n${logs()}`);
    try {
      const res = await fetch(url + '/healthz', { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      lastErr = new Error(`/healthz answered ${res.status}`);
    } catch (e) {
      lastErr = e;
    }
    await sleep(50);
  }
  throw new Error(`kawaru serve did not answer /healthz within 10 s (${lastErr && lastErr.message}):\n${logs()}`);
}

/**
 * Creates a temp dir, runs `kawaru init [--demo] DB`, starts `kawaru serve` on a free loopback
 * port and waits for /healthz. Returns {url, db, dir, bin, stop, restart, halt, logs}; stop() kills
 * the server and removes the temp dir (safe to call twice); halt() only stops the server, leaving
 * its database for a command to read (stop() still removes it).
 * sqlite: a SQLite file even when $KAWARU_TEST_PG is set (a test of moving from SQLite).
 * existing: serve that database (a path or URI) as it is, without init; it is not removed by stop().
 * users: the demo users' passwords (another server's srv.users), for an existing database.
 * sameDbAs: another server on that server's database (existing and users of it).
 * serveArgs: more arguments of `kawaru serve`.
 */
async function startServer({ demo = true, as = 'admin', sqlite = false, existing = null, users: given = null,
  sameDbAs = null, serveArgs = [] } = {}) {
  if (sameDbAs) {
    existing = sameDbAs.db;
    given = sameDbAs.users;
  }
  if (!fs.existsSync(BIN))
    throw new Error(`kawaru binary not found at ${BIN}; build it or set KAWARU_BIN`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-test-'));
  // PostgreSQL: a database named after the temp dir, bytewise collation as SQLite compares text
  const pg = PG && !sqlite && !existing;
  const pgName = pg ? 't_' + path.basename(dir).replace(/[^a-zA-Z0-9]/g, '_').toLowerCase() : null;
  const db = existing || (pg ? `${PG}/${pgName}` : path.join(dir, 'kawaru.db'));
  const usersFile = pg ? path.join(dir, pgName + '.demo-users') : db + '.demo-users';
  const dropDb = () => { if (pg) try { pgAdmin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`); } catch { /* gone */ } };
  try {
    if (pg) pgAdmin(`CREATE DATABASE ${pgName} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
    if (!existing)
      execFileSync(BIN, demo ? ['init', '--demo', db] : ['init', db], { stdio: 'pipe', timeout: 30000, cwd: dir });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    dropDb();
    throw new Error(`kawaru init failed: ${e.message}\n${e.stderr || ''}`);
  }
  let child;
  let out = '';
  let url;
  const entry = { child: null, dir, dropDb };
  live.add(entry);
  async function spawnServe() {
    // A port can be taken between freePort() and bind(): try a few times.
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      out = '';
      child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...serveArgs], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      entry.child = child;
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { out += d; });
      try {
        await waitHealthy(url, child, Date.now() + 10000, () => out);
        // Do not keep the test process alive because of the child's pipes.
        child.stdout.unref?.();
        child.stderr.unref?.();
        return;
      } catch (e) {
        const exited = child.exitCode !== null || child.signalCode !== null;
        if (!exited) child.kill('SIGKILL');
        if (!(exited && /cannot listen/.test(out)) || attempt === 4) throw e;
      }
    }
  }
  async function kill(signal) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
  }
  try {
    await spawnServe();
  } catch (e) {
    live.delete(entry);
    fs.rmSync(dir, { recursive: true, force: true });
    dropDb();
    throw e;
  }
  let stopped = false;
  const users = { ...(given || {}) };
  if (demo && !existing && fs.existsSync(usersFile))
    for (const line of fs.readFileSync(usersFile, 'utf8').split('\n')) {
      const [role, login, password] = line.split('\t');
      if (password) users[role] = { login, password };
    }
  const sessions = new Map();
  const srv = {
    url, db, dir, bin: BIN, users,
    usersFile,                      // the demo users' file `kawaru init --demo` wrote (DB.demo-users, or ./NAME.demo-users)
    defaultRole: demo ? as : null,
    logs: () => out,
    /** Signs in with POST /api/v1/session: {cookie, csrf, user} (throws when refused). */
    async signIn(login, password) {
      const res = await fetch(srv.url + '/api/v1/session', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`sign-in of ${login} answered ${res.status}: ${text}`);
      const body = JSON.parse(text);
      return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token, user: body.user };
    },
    /** The session of a demo role, signed in once per server. */
    async session(role) {
      if (!sessions.has(role)) {
        const u = users[role];
        if (!u) throw new Error(`no demo user with role ${role}`);
        sessions.set(role, srv.signIn(u.login, u.password));
      }
      return sessions.get(role);
    },
    /** The answer of the server's database to q as text: rows on lines, columns split by |
     *  (the sqlite3 tool on SQLite, psql on PostgreSQL; booleans are 1/0 and t/f). */
    sql(q) {
      const args = db.startsWith('postgresql://') ? ['psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', db, '-c', q]]
        : ['sqlite3', ['-cmd', '.timeout 5000', db, q]];
      return execFileSync(args[0], args[1], { encoding: 'utf8' }).trim();
    },
    /** The rows of q as objects by column name. */
    sqlRows(q) {
      const out = db.startsWith('postgresql://') ? srv.sql(`SELECT coalesce(json_agg(r), '[]') FROM (${q}) r`)
        : execFileSync('sqlite3', ['-json', '-cmd', '.timeout 5000', db, q], { encoding: 'utf8' });
      return out.trim() ? JSON.parse(out) : [];
    },
    /** The names of the database's tables, one per line (the catalogue differs by engine). */
    tables() {
      return srv.sql(PG ? 'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename'
        : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    },
    /** Adds a user with `kawaru user add` (password on stdin); departments: codes. */
    addUser({ login, name = login, role, org = '322075', departments = [], password = 'password-' + login }) {
      const args = ['user', 'add', '--db', db, '--org', org, '--login', login, '--name', name, '--role', role];
      for (const d of departments) args.push('--dept', d);
      execFileSync(BIN, args, { input: password + '\n', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30000 });
      return { login, password };
    },
    /** Stops the server (SIGTERM), keeping its database and temp dir. */
    async halt() {
      servers.delete(srv.url);
      await kill('SIGTERM');
    },
    /** Kills the server and removes the temp dir (safe to call twice). */
    async stop() {
      if (stopped) return;
      stopped = true;
      servers.delete(srv.url);
      await kill('SIGTERM');
      live.delete(entry);
      fs.rmSync(dir, { recursive: true, force: true });
      dropDb();
    },
    /** Kills the server with signal (SIGKILL: no clean shutdown) and serves the same database
     *  again on a new port; srv.url is updated and returned. */
    async restart(signal = 'SIGTERM') {
      await kill(signal);
      const old = srv.url;
      await spawnServe();
      srv.url = url;
      servers.delete(old);
      servers.set(url, srv);
      return url;
    },
  };
  servers.set(url, srv);
  return srv;
}

// The servers started by this process by URL, for api()'s default session.
const servers = new Map();

/** The headers that sign a request in: {} for anonymous. as: undefined (the server's default
 *  role), null, a role name or a session object. */
async function sessionHeaders(url, as) {
  const srv = servers.get(url);
  if (as === undefined) as = srv ? srv.defaultRole : null;
  if (as === null) return {};
  const s = typeof as === 'string' ? await srv.session(as) : as;
  return { Cookie: s.cookie, 'X-CSRF-Token': s.csrf };
}

/**
 * One request to url + p from localAddress (a loopback address such as 127.0.0.7: the server
 * counts its limits per client address) on a connection of its own: {status, headers, text, json}.
 * body: a string or Buffer as it is, anything else as JSON (with its Content-Type).
 */
function requestFrom(url, localAddress, method, p, { body, headers = {}, timeout = 60000 } = {}) {
  const json = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
  const data = body === undefined ? null : Buffer.from(json ? JSON.stringify(body) : body);
  const u = new URL(url + p);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, path: u.pathname + u.search, method, localAddress, agent: false,
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...headers,
        ...(data ? { 'content-length': data.length } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json: parsed });
      });
    });
    req.setTimeout(timeout, () => req.destroy(new Error(`${method} ${p} from ${localAddress}: no answer in ${timeout / 1000} s`)));
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * One HTTP request. body: a string/Buffer is sent as is; anything else as JSON. as: who signs
 * it (see the top of this file); headers given override the session's.
 * Returns {status, headers (a Headers object), json (parsed, or undefined), text}.
 */
async function api(url, p, { method = 'GET', body, headers = {}, as } = {}) {
  const h = { ...(await sessionHeaders(url, as)), ...headers };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array) {
      payload = body;
    } else {
      payload = JSON.stringify(body);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
    }
  }
  const res = await fetch(url + p, { method, body: payload, headers: h, redirect: 'manual' });
  const text = await res.text();
  let json;
  if ((res.headers.get('content-type') || '').includes('json')) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** api() that asserts the answer's status (the message shows the request and the answer);
 * returns the parsed JSON. */
async function expectApi(url, method, p, body, status, as) {
  const r = await api(url, p, { method, body, as });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}

/** Path with a URL-encoded query: withQuery('/plans/2/search', {q: '窓口'}) */
function withQuery(p, params) {
  const s = new URLSearchParams(params).toString();
  return s ? `${p}?${s}` : p;
}

/** The ids a test needs from the demo data: Gotsu's plan, 書かない窓口 and its KPI. */
async function demoIds(url) {
  const plans = await api(url, '/api/v1/orgs/322075/plans');
  if (plans.status !== 200) throw new Error(`GET /api/v1/orgs/322075/plans answered ${plans.status}`);
  const planId = plans.json.items.find((p) => p.title.includes('スマートシティ江津')).id;
  const plan = await api(url, `/api/v1/plans/${planId}`);
  let measure;
  for (const pi of plan.json.pillars)
    for (const t of pi.themes)
      for (const m of t.measures)
        if (m.title === '書かない窓口') measure = m;
  if (!measure) throw new Error('書かない窓口 is not in the demo plan');
  const kpi = measure.kpis.find((k) => k.name === '窓口の平均対応時間削減割合');
  const inzai = await api(url, '/api/v1/orgs/122319/plans');
  /** The id of the 江津市 measure with this code. */
  const measureOf = (code) => {
    for (const pi of plan.json.pillars)
      for (const t of pi.themes)
        for (const m of t.measures)
          if (m.code === code) return m.id;
    throw new Error(`no measure ${code} in the demo plan`);
  };
  return { planId, measureId: measure.id, kpiId: kpi.id, plan: plan.json, inzaiPlanId: inzai.json.items[0].id, measureOf };
}

/** The text a reader sees of a page: scripts and styles dropped, tags (with their attributes)
 *  removed, entities decoded, white space folded. */
function visibleText(html) {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** 全国地方公共団体コード: 5 digits and the check digit (SPEC §2). */
function orgCode(five) {
  const d = String(five).split('').map(Number);
  const s = 6 * d[0] + 5 * d[1] + 4 * d[2] + 3 * d[3] + 2 * d[4];
  return `${five}${(11 - (s % 11)) % 10}`;
}

module.exports = { startServer, requestFrom, sqliteOnly, PG, pgAdmin, api, visibleText, expectApi, sessionHeaders, withQuery, demoIds, freePort, orgCode, BIN, REPO };
