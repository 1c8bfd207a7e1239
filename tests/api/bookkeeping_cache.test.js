'use strict';
// Bookkeeping does not empty the response cache (issue 13; docs/architecture.md, "data version").
// Thousands of signed-in staff write bookkeeping all day — each session's last-seen time, every
// sign-in attempt, the addresses they sign in from — and none of it changes what an anonymous
// page shows, so none of it may drop the cached anonymous responses; a content write must, in
// this process or in another.
//
// How a cache hit is told: the server has no header for it, and the ETag hashes the bytes (a
// rebuilt page has the same one). So the test changes the organisation's name behind the
// server's back with the sqlite3 tool (a write that is not content to kawaru: it does not move
// the content counter, like another process's bookkeeping or a checkpoint). A page served from
// the cache still shows the old name; a page built afresh shows the new one.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const sql = (q) => srv.sql(q);
const anon = (p) => api(srv.url, p, { as: null });
const PAGES = ['/api/v1/orgs', '/'];        // both show the organisation's name and are cached
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Caches the anonymous pages and renames 江津市 behind the server's back; returns [old, new]. */
async function cacheThenRenameQuietly(newName) {
  for (const p of PAGES) {
    assert.equal((await anon(p)).status, 200);
    await anon(p);                                 // cached now, if it was not already
  }
  const old = sql("SELECT name FROM org WHERE code = '322075'");
  assert.ok((await anon('/api/v1/orgs')).text.includes(`"${old}"`));
  sql(`UPDATE org SET name = '${newName}' WHERE code = '322075'`);
  return [old, newName];
}

/** True when every anonymous page still shows name (the cached copy) and not other. */
async function servedFromCache(name, other) {
  for (const p of PAGES) {
    const r = await anon(p);
    assert.equal(r.status, 200);
    if (!r.text.includes(name) || r.text.includes(other)) return false;
  }
  return true;
}

test('sign-ins, failed sign-ins and session touches leave the anonymous pages cached; a content write empties the cache', async () => {
  const [oldName, newName] = await cacheThenRenameQuietly('江津市（裏で改名）');
  // a write that is not content, seen by the file watch, keeps the cache
  await sleep(200);
  assert.ok(await servedFromCache(oldName, newName), 'a write that moved no content counter emptied the cache');

  // sign-ins: two users, each an attempt counted, a session made, an address remembered
  const office = await srv.session('office');
  const viewer = await srv.session('viewer');
  // failed sign-ins: a wrong password (JSON body) and an unknown login, counted and audited
  const failedBefore = Number(sql("SELECT count(*) FROM audit WHERE action = 'login_failed'"));
  for (const login of [srv.users.office.login, 'nobody-here', srv.users.viewer.login]) {
    const r = await api(srv.url, '/api/v1/session', { method: 'POST', as: null, body: { login, password: 'not the password' } });
    assert.equal(r.status, 401, r.text);
  }
  assert.equal(Number(sql("SELECT count(*) FROM audit WHERE action = 'login_failed'")), failedBefore + 3);

  // session touches: last seen two minutes ago (longer than the touch interval), then the
  // sessions' first signed-in requests write their last-seen time
  sql('UPDATE user_session SET last_seen = last_seen - 120');
  const stale = Number(sql("SELECT max(last_seen) FROM user_session"));
  const r2 = await api(srv.url, '/api/v1/session', { method: 'POST', as: null, body: { login: 'nobody-here', password: 'x' } });
  assert.equal(r2.status, 401);                   // another committed attempt: every thread reads afresh
  for (const who of [office, viewer]) {
    for (let i = 0; i < 3; i++) {
      const r = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { as: who });
      assert.equal(r.status, 200, r.text);
    }
  }
  assert.equal(Number(sql(`SELECT count(*) FROM user_session WHERE last_seen > ${stale}`)), 2,
    'each session had its last-seen time written');

  assert.ok(await servedFromCache(oldName, newName),
    'bookkeeping of signed-in users (sign-ins, failed sign-ins, session touches) emptied the anonymous cache');

  // a content write (the office changes a measure of the draft) empties it: the pages are built
  // afresh and show what the database holds
  const w = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', as: office, body: { title: '書かない窓口（改）' } });
  assert.equal(w.status, 200, w.text);
  for (const p of PAGES) {
    const r = await anon(p);
    assert.ok(r.text.includes(newName), `${p} after a content write is still the cached copy`);
  }
  // a sign-out ends sessions that other threads may hold in their memos: content too
  sql(`UPDATE org SET name = '${oldName}' WHERE code = '322075'`);
  const out = await api(srv.url, '/api/v1/session', { method: 'DELETE', as: viewer });
  assert.ok(out.status === 200 || out.status === 204, out.text);
  assert.ok((await anon('/api/v1/orgs')).text.includes(`"${oldName}"`), 'a sign-out did not end the cached copies');
});

test("another process's content write empties the cache at once; its other writes do not", async () => {
  const [oldName, newName] = await cacheThenRenameQuietly('江津市（別プロセス）');
  await sleep(200);
  assert.ok(await servedFromCache(oldName, newName), 'a write that moved no content counter emptied the cache');
  // `kawaru token create` in another process: a content commit (a token and its audit row) that
  // by itself changes no public page; the server must still drop what it cached
  execFileSync(srv.bin, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', '別プロセス'], { stdio: 'pipe' });
  let fresh = false;
  for (let i = 0; i < 50 && !fresh; i++) {
    fresh = (await anon('/api/v1/orgs')).text.includes(`"${newName}"`);
    if (!fresh) await sleep(100);
  }
  assert.ok(fresh, "another process's content write left the cached copy in place");
  for (const p of PAGES) assert.ok((await anon(p)).text.includes(newName), p);
});

test('new values of a KPI — by API token, as CSV, or by the office — leave the anonymous pages cached; the public reads published values only', async () => {
  // the token first: making it is a content write of another process, which empties the cache
  const out = execFileSync(srv.bin, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', '取り込み'], { encoding: 'utf8' });
  const token = out.match(/kwt_[A-Za-z0-9_-]+/)[0];
  // wait until the server has seen it: a quiet rename shows once the cache was emptied for it
  sql("UPDATE org SET name = '江津市（待機）' WHERE code = '322075'");
  let seen = false;
  for (let i = 0; i < 100 && !seen; i++) {
    seen = (await anon('/api/v1/orgs')).text.includes('江津市（待機）');
    if (!seen) await sleep(100);
  }
  assert.ok(seen, "the token made by another process was never seen by the server");
  const kpi = ids.kpiId;                          // 1-1-3's 窓口の平均対応時間削減割合
  const [oldName, newName] = await cacheThenRenameQuietly('江津市（取り込み中）');
  await sleep(200);
  assert.ok(await servedFromCache(oldName, newName), 'a write that moved no content counter emptied the cache');
  const bearer = { Authorization: `Bearer ${token}` };
  for (let i = 0; i < 3; i++) {
    const r = await api(srv.url, `/api/v1/kpis/${kpi}/measurements`,
      { method: 'POST', as: null, headers: bearer, body: { period: `2026-0${i + 1}-28`, value: 10 + i } });
    assert.equal(r.status, 201, r.text);
  }
  const csv = await api(srv.url, `/api/v1/plans/${ids.planId}/measurements.csv`, { method: 'POST', as: null,
    headers: { ...bearer, 'Content-Type': 'text/csv' }, body: '施策コード,指標名,時点,値\r\n1-1-3,窓口の平均対応時間削減割合,2026-04-30,13\r\n' });
  assert.ok(csv.status === 200 || csv.status === 201, csv.text);
  const byOffice = await api(srv.url, `/api/v1/kpis/${kpi}/measurements`, { method: 'POST', as: 'office',
    body: { period: '2026-05-31', value: 14 } });
  assert.equal(byOffice.status, 201, byOffice.text);
  assert.ok(await servedFromCache(oldName, newName), 'new values of a draft KPI emptied the anonymous cache');
  // members read them at once
  const k = await api(srv.url, `/api/v1/kpis/${kpi}`, { as: 'office' });
  assert.ok(k.json.measurements.some((m) => m.period === '2026-05-31'));
  // a change the public reads empties it
  sql(`UPDATE org SET name = '${oldName}' WHERE code = '322075'`);
  const w = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', as: 'office', body: { title: '書かない窓口（再）' } });
  assert.equal(w.status, 200, w.text);
  assert.ok((await anon('/api/v1/orgs')).text.includes(`"${oldName}"`), 'a content write left the cached copy');
});
