'use strict';
// Starts a real kawaru server on a fresh database for one test file, and a tiny HTTP helper.
//
//   const { startServer, api } = require('../lib/server');
//   let srv; before(async () => { srv = await startServer(); }); after(() => srv.stop());
//   const r = await api(srv.url, '/api/v1/orgs');   // {status, headers, json, text}
//
// The binary is $KAWARU_BIN, or <repo>/build/kawaru. Servers listen on 127.0.0.1 only.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const BIN = process.env.KAWARU_BIN || path.join(REPO, 'build', 'kawaru');

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
  for (const { child, dir } of live) {
    try { if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); } catch { /* gone */ }
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
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
 * port and waits for /healthz. Returns {url, db, dir, bin, stop, restart, logs}; stop() kills the
 * server and removes the temp dir (safe to call twice).
 */
async function startServer({ demo = true } = {}) {
  if (!fs.existsSync(BIN))
    throw new Error(`kawaru binary not found at ${BIN}; build it or set KAWARU_BIN`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-test-'));
  const db = path.join(dir, 'kawaru.db');
  try {
    execFileSync(BIN, demo ? ['init', '--demo', db] : ['init', db], { stdio: 'pipe', timeout: 30000 });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`kawaru init failed: ${e.message}\n${e.stderr || ''}`);
  }
  let child;
  let out = '';
  let url;
  const entry = { child: null, dir };
  live.add(entry);
  async function spawnServe() {
    // A port can be taken between freePort() and bind(): try a few times.
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      out = '';
      child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
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
    throw e;
  }
  let stopped = false;
  const srv = {
    url, db, dir, bin: BIN,
    logs: () => out,
    /** Kills the server and removes the temp dir (safe to call twice). */
    async stop() {
      if (stopped) return;
      stopped = true;
      await kill('SIGTERM');
      live.delete(entry);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Kills the server with signal (SIGKILL: no clean shutdown) and serves the same database
     *  again on a new port; srv.url is updated and returned. */
    async restart(signal = 'SIGTERM') {
      await kill(signal);
      await spawnServe();
      srv.url = url;
      return url;
    },
  };
  return srv;
}

/**
 * One HTTP request. body: a string/Buffer is sent as is; anything else as JSON.
 * Returns {status, headers (a Headers object), json (parsed, or undefined), text}.
 */
async function api(url, p, { method = 'GET', body, headers = {} } = {}) {
  const h = { ...headers };
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
  return { planId, measureId: measure.id, kpiId: kpi.id, plan: plan.json, inzaiPlanId: inzai.json.items[0].id };
}

module.exports = { startServer, api, withQuery, demoIds, freePort, BIN, REPO };
