'use strict';
// A write that cannot get the database in time (issue 13, point 8): while another connection
// holds the write lock (the sqlite3 command line tool in BEGIN IMMEDIATE), the server waits
// $KAWARU_BUSY_MS (300 ms here, 5 s by default) and then answers 503 with Retry-After and
// {"error":{"code":"busy"}} — an HTML page for a browser's form — never 500, and nothing
// changes; once the lock is gone the same write succeeds. A command run by hand (`kawaru token
// create`) waits for a write lock held longer than the server's 5 s instead of failing with
// "database is locked".
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { startServer, api, demoIds, BIN } = require('../lib/server');

process.env.KAWARU_BUSY_MS = '300';      // the server's wait for the lock (inherited by serve)

let srv;
let ids;
let token;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  await srv.session('admin');             // signed in before the lock: sign-in writes too
  token = execFileSync(BIN, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', 'busy'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000 }).trim();
});
after(() => srv && srv.stop());

/**
 * Holds the write lock of db from another connection: resolves once BEGIN IMMEDIATE succeeded,
 * with release(), which commits and waits for the tool to exit. The tool is killed after
 * maxMs whatever happens, so the test cannot hang on it.
 */
function holdWriteLock(db, maxMs = 20000) {
  const child = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), maxMs);
  const exited = new Promise((resolve) => child.once('exit', (code) => { clearTimeout(killer); resolve(code); }));
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('locked-now')) {
        resolve({
          release: async () => {
            child.stdin.end('COMMIT;\n.quit\n');
            assert.equal(await exited, 0, `sqlite3: ${err}`);
          },
          exited,
        });
      }
    });
    exited.then((code) => reject(new Error(`sqlite3 exited (${code}) before holding the lock: ${err}`)));
    child.stdin.write(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'locked-now';\n");
  });
}

const measurements = async () => {
  const r = await api(srv.url, `/api/v1/kpis/${ids.kpiId}`);
  assert.equal(r.status, 200, r.text);
  return r.json.measurements;
};

function assertBusy(r, what) {
  assert.equal(r.status, 503, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get('retry-after') || '', /^[1-9][0-9]*$/, `${what}: Retry-After`);
}

const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

test('while another connection holds the write lock, writes answer 503 busy with Retry-After and change nothing', async () => {
  const first = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
    method: 'POST', body: { period: '2025-03-31', value: 12.5 } });
  assert.equal(first.status, 201, first.text);             // one to correct and to delete
  const beforeRows = await measurements();
  const s = await srv.session('admin');
  const m0 = beforeRows[0];
  const lock = await holdWriteLock(srv.db);
  try {
    // the API, signed in: one value, a correction, a delete
    const one = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
      method: 'POST', body: { period: '2025-09-30', value: 77.5 } });
    assertBusy(one, 'POST measurement');
    assert.equal(one.json?.error?.code, 'busy', one.text);
    assert.equal(typeof one.json.error.message, 'string');
    const patch = await api(srv.url, `/api/v1/measurements/${m0.id}`, { method: 'PATCH', body: { value: 99.25 } });
    assertBusy(patch, 'PATCH measurement');
    assert.equal(patch.json?.error?.code, 'busy', patch.text);
    const del = await api(srv.url, `/api/v1/measurements/${m0.id}`, { method: 'DELETE' });
    assertBusy(del, 'DELETE measurement');
    // another system with an API token, one value and a CSV file
    const ingest = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
      method: 'POST', as: null, headers: { Authorization: `Bearer ${token}` }, body: { period: '2025-12-31', value: 1 } });
    assertBusy(ingest, 'POST measurement with a token');
    assert.equal(ingest.json?.error?.code, 'busy', ingest.text);
    const csv = await api(srv.url, `/api/v1/plans/${ids.planId}/measurements.csv`, {
      method: 'POST', as: null, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      body: '施策コード,指標名,時点,値\r\n1-1-3,窓口の平均対応時間削減割合,2026-03-31,5\r\n' });
    assertBusy(csv, 'POST measurements.csv');
    assert.equal(csv.json?.error?.code, 'busy', csv.text);
    // a browser's form: the busy page, in HTML
    const page = await api(srv.url, `/kpis/${ids.kpiId}/measurements`, {
      method: 'POST', as: s, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form({ csrf: s.csrf, period: '2025-09-30', value: '77.5', note: '' }) });
    assertBusy(page, 'the form of a measurement');
    assert.match(page.headers.get('content-type') || '', /^text\/html/);
    assert.match(page.text, /<html/i);
    // reads go on while the lock is held
    assert.deepEqual(await measurements(), beforeRows);
  } finally {
    await lock.release();
  }
  assert.deepEqual(await measurements(), beforeRows, 'nothing was written');
  const again = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
    method: 'POST', body: { period: '2025-09-30', value: 77.5 } });
  assert.equal(again.status, 201, again.text);
  assert.equal((await measurements()).length, beforeRows.length + 1);
  assert.doesNotMatch(srv.logs(), /SQL error/, 'the busy writes are not logged as SQL errors');
});

test('a command run by hand waits for a write lock held longer than the server waits (5 s)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-busy-'));
  try {
    const db = path.join(dir, 'cli.db');
    execFileSync(BIN, ['init', '--demo', db], { stdio: 'pipe', timeout: 30000 });
    const lock = await holdWriteLock(db);
    const env = { ...process.env };
    delete env.KAWARU_BUSY_MS;           // the defaults: the server's 5 s, a command's 30 s
    const cli = spawn(BIN, ['token', 'create', '--db', db, '--org', '322075', '--name', 'waits'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    cli.stdout.on('data', (d) => { out += d; });
    cli.stderr.on('data', (d) => { err += d; });
    const killer = setTimeout(() => cli.kill('SIGKILL'), 40000);
    const done = new Promise((resolve) => cli.once('exit', (code) => { clearTimeout(killer); resolve(code); }));
    let finishedWhileLocked = false;
    done.then(() => { finishedWhileLocked = !released; });
    let released = false;
    await Promise.race([done, new Promise((r) => setTimeout(r, 6000))]);
    released = true;
    await lock.release();
    const code = await done;
    assert.equal(finishedWhileLocked, false, `the command gave up while the lock was held: ${err}`);
    assert.equal(code, 0, `token create: ${err}`);
    assert.match(out.trim(), /^kwt_/);
    assert.doesNotMatch(err, /locked|busy/i);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
