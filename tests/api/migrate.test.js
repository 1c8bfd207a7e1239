'use strict';
// kawaru migrate --from DB --to postgresql://… (SPEC §4.1, docs/postgresql.md "Moving from
// SQLite"): a SQLite installation with history — a measurement, a measure changed, departments
// under one another, a review, an opinion — moved into an empty PostgreSQL database answers the API
// as it did, with the move in its audit log and new rows given new ids; a target that holds data
// is refused and left as it was. Needs a PostgreSQL server: runs only with $KAWARU_TEST_PG.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, api, expectApi, demoIds, PG, pgAdmin, BIN } = require('../lib/server');

const skip = PG ? false : 'needs a PostgreSQL server: set KAWARU_TEST_PG (scripts/pg.sh start DIR PORT)';

/** Runs the kawaru binary: {code, stdout, stderr}. */
function kawaru(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: 120000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

/** A fresh PostgreSQL database as the administrator makes one (docs/postgresql.md). */
const made = [];
function newDatabase(tag) {
  const name = `t_mig_${tag}_${process.pid}_${Date.now() % 100000}`;
  pgAdmin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
  made.push(name);
  return `${PG}/${name}`;
}

let src;          // the SQLite server, halted after the edits
let dst;          // the server on the PostgreSQL database it was moved into
let target;
let ids;
let migrated;     // kawaru migrate's {code, stdout, stderr}
const edits = {};
const answers = new Map();   // path → the SQLite server's JSON

/** The paths compared on both servers, from the ids the edits made. */
const paths = () => [
  '/api/v1/orgs',
  '/api/v1/orgs/322075',
  '/api/v1/orgs/322075/plans',
  '/api/v1/orgs/322075/document',
  '/api/v1/orgs/322075/means',
  `/api/v1/plans/${ids.planId}`,
  `/api/v1/plans/${ids.inzaiPlanId}`,
  `/api/v1/plans/${ids.planId}/versions`,
  `/api/v1/plans/${ids.planId}/periods`,
  `/api/v1/periods/${edits.period}/measures/${ids.measureId}/review`,
  `/api/v1/measures/${ids.measureId}`,
  `/api/v1/measures/${ids.measureId}/history`,
  `/api/v1/kpis/${ids.kpiId}`,
  `/api/v1/orgs/322075/feedback`,
];

before(async () => {
  if (!PG) return;
  src = await startServer({ sqlite: true });
  ids = await demoIds(src.url);
  const call = (method, p, body, status, as) => expectApi(src.url, method, p, body, status, as);
  // history: a measurement, a measure changed, departments under one another, a review, an opinion
  edits.measurement = (await call('POST', `/api/v1/kpis/${ids.kpiId}/measurements`,
    { period: '2025-06-30', value: 42.5, note: '移行前の値' }, 201)).items[0].id;
  await call('PATCH', `/api/v1/measures/${ids.measureId}`, { ideal: '移行の前に書いた理想\n二行目\tタブ \\ 円記号' }, 200);
  edits.parent = (await call('POST', '/api/v1/orgs/322075/departments', { code: 'mig-parent', name: '移行親課' }, 201)).id;
  edits.child = (await call('POST', '/api/v1/orgs/322075/departments',
    { code: 'mig-child', name: '移行子課', parent: 'mig-parent' }, 201)).id;
  edits.period = (await call('POST', `/api/v1/plans/${ids.planId}/periods`,
    { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 201, 'office')).id;
  await call('PUT', `/api/v1/periods/${edits.period}/measures/${ids.measureId}/review`, {
    rating: 'on_track', text: '**BPR** を実施', issues: '人員', next_steps: '試行',
    kpi_values: [{ kpi_id: ids.kpiId, value: 20, note: '窓口集計' }], submit: true,
  }, 200, 'reporter');
  const plan = (await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200));
  let code;
  for (const pi of plan.pillars) for (const t of pi.themes) for (const m of t.measures) if (m.id === ids.measureId) code = m.code;
  edits.opinion = (await call('POST', `/api/v1/plans/${ids.planId}/published/measures/${encodeURIComponent(code)}/feedback`,
    { text: '移行の前の意見です。', name: '江津 花子' }, 201, null)).id;
  for (const p of paths()) answers.set(p, (await call('GET', p, undefined, 200)));
  edits.maxAudit = Number(src.sql('SELECT max(id) FROM audit'));
  await src.halt();
  target = newDatabase('to');
  migrated = await kawaru(['migrate', '--from', src.db, '--to', target]);
  if (migrated.code === 0) dst = await startServer({ existing: target, users: src.users });
});

after(async () => {
  if (dst) await dst.stop();
  if (src) await src.stop();
  for (const name of made) try { pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch { /* gone */ }
});

test('kawaru migrate copies the file and prints every table with its rows on both sides', { skip }, () => {
  assert.equal(migrated.code, 0, migrated.stderr + migrated.stdout);
  assert.match(migrated.stdout, /^table\s+sqlite\s+postgresql\s+values$/m);
  const lines = migrated.stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => /^\d+$/.test(f[1] || ''));
  assert.ok(lines.length > 40, migrated.stdout);
  for (const f of lines) assert.equal(f[3], 'same', f.join(' '));     // every row's values compared
  const rows = Object.fromEntries(lines.map((f) => [f[0], [Number(f[1]), Number(f[2])]]));
  for (const t of ['org', 'department', 'kpi_measurement', 'measure_review', 'feedback', 'audit', 'settings'])
    assert.ok(rows[t] && rows[t][0] > 0 && rows[t][0] === rows[t][1], `${t}: ${JSON.stringify(rows[t])}`);
  assert.ok(!/DIFFER/.test(migrated.stdout));
  assert.match(migrated.stdout, /migrated .* 2 organisations exported identically/);
});

test('the PostgreSQL server answers the API as the SQLite one did', { skip }, async () => {
  for (const p of paths()) {
    const r = await expectApi(dst.url, 'GET', p, undefined, 200);
    assert.deepEqual(r, answers.get(p), p);
  }
  // what the edits wrote, as they wrote it
  const m = await expectApi(dst.url, 'GET', `/api/v1/measures/${ids.measureId}`, undefined, 200);
  assert.equal(m.ideal, '移行の前に書いた理想\n二行目\tタブ \\ 円記号');
  const depts = dst.sqlRows(`SELECT id, parent_id FROM department WHERE id IN (${edits.parent}, ${edits.child}) ORDER BY id`);
  assert.deepEqual(depts, [{ id: edits.parent, parent_id: null }, { id: edits.child, parent_id: edits.parent }]);
  // the KPI aggregates as SQLite kept them, not summed a second time
  const k = dst.sqlRows(`SELECT m_count FROM kpi WHERE id = ${ids.kpiId}`)[0];
  const n = dst.sqlRows(`SELECT count(*) AS n FROM kpi_measurement WHERE kpi_id = ${ids.kpiId}`)[0];
  assert.equal(Number(k.m_count), Number(n.n));
});

test('the audit log holds the move, with its counts', { skip }, async () => {
  const r = await expectApi(dst.url, 'GET', '/api/v1/audit?entity=installation', undefined, 200);
  assert.equal(r.items.length, 1, JSON.stringify(r));
  const e = r.items[0];
  assert.equal(e.action, 'migrate');
  assert.ok(e.id > edits.maxAudit);
  const after = e.after;
  assert.equal(after.from, src.db);
  assert.equal(after.organisations, 2);
  assert.equal(after.counts.feedback, 1);
  assert.equal(after.counts.audit, edits.maxAudit);
  // and the audit page says it in words
  const page = await api(dst.url, '/audit?entity=installation');
  assert.equal(page.status, 200);
  assert.match(page.text, /PostgreSQLへの移行/);
  assert.match(page.text, /システム全体/);
  // every field in words; the tables, the database's own names, folded under a summary
  for (const w of ['移行元', 'データベースの版', '表の数', '自治体の数', '表ごとの行数']) assert.ok(page.text.includes(w), w);
  assert.ok(!page.text.includes('その他の項目'), 'a field without its words');
  assert.match(page.text, /<details><summary>\d+表の内訳を見る<\/summary>/);
});

test('new rows get new ids: every sequence is past the copied rows', { skip }, async () => {
  const added = await expectApi(dst.url, 'POST', `/api/v1/kpis/${ids.kpiId}/measurements`,
    { period: '2025-09-30', value: 43 }, 201);
  assert.ok(added.items[0].id > edits.measurement, `${added.items[0].id} after ${edits.measurement}`);
  const d = await expectApi(dst.url, 'POST', '/api/v1/orgs/322075/departments', { code: 'mig-new', name: '移行後課' }, 201);
  assert.ok(d.id > edits.child);
  // and the audit entry of that write after the move's
  const r = await expectApi(dst.url, 'GET', '/api/v1/audit?limit=1', undefined, 200);
  assert.ok(r.items[0].id > edits.maxAudit + 1);
});

test('a second move into the same database is refused and changes nothing', { skip }, async () => {
  const before = dst.sql('SELECT (SELECT count(*) FROM audit) || \',\' || (SELECT count(*) FROM department) || \',\' || (SELECT version FROM content_version)');
  const again = await kawaru(['migrate', '--from', src.db, '--to', target]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /already holds data/);
  assert.match(again.stderr, /nothing was changed/);
  assert.equal(dst.sql('SELECT (SELECT count(*) FROM audit) || \',\' || (SELECT count(*) FROM department) || \',\' || (SELECT version FROM content_version)'), before);
});

test('a target that holds data is refused and left as it was', { skip }, async () => {
  const other = newDatabase('full');
  const init = await kawaru(['init', '--demo', other]);
  assert.equal(init.code, 0, init.stderr);
  const psql = (q) => require('node:child_process').execFileSync('psql', ['-X', '-A', '-t', '-q', other, '-c', q], { encoding: 'utf8' }).trim();
  const fingerprint = () => psql(`SELECT string_agg(t || ':' || n, ',' ORDER BY t) FROM (
      SELECT 'org' t, count(*) n FROM org UNION ALL SELECT 'department', count(*) FROM department
      UNION ALL SELECT 'audit', count(*) FROM audit UNION ALL SELECT 'category', count(*) FROM category
      UNION ALL SELECT 'content_version', max(version) FROM content_version
      UNION ALL SELECT 'users', count(*) FROM users) x`);
  const before = fingerprint();
  const r = await kawaru(['migrate', '--from', src.db, '--to', other]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /already holds data \(.*org 2 rows/);
  assert.equal(fingerprint(), before);
});

test('a --from that is not a kawaru SQLite database is refused', { skip }, async () => {
  const junk = path.join(src.dir, 'not-a-db.txt');
  fs.writeFileSync(junk, 'this is no database\n'.repeat(100));
  const empty = newDatabase('junk');
  let r = await kawaru(['migrate', '--from', junk, '--to', empty]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /nothing was changed/);
  r = await kawaru(['migrate', '--from', target, '--to', empty]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /must be a SQLite database file/);
  r = await kawaru(['migrate', '--from', src.db, '--to', path.join(src.dir, 'other.db')]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--to must be a PostgreSQL database/);
  r = await kawaru(['migrate', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage: kawaru migrate --from DB --to postgresql:/);
});

test('a value PostgreSQL cannot hold stops the move, named by table, row and column, and nothing is copied', { skip }, async () => {
  // a copy of the file with a name that is not UTF-8 (SQLite stores what it is given)
  const bad = path.join(src.dir, 'bad.db');
  const copied = await kawaru(['backup', '--db', src.db, bad]);
  assert.equal(copied.code, 0, copied.stderr);
  require('node:child_process').execFileSync('sqlite3', [bad, "UPDATE department SET name = CAST(X'e7aa93ff' AS TEXT) WHERE code = 'mig-child'"]);
  const empty = newDatabase('bad');
  const r = await kawaru(['migrate', '--from', bad, '--to', empty]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`table department, row id ${edits.child}, column name: text that is not UTF-8`));
  assert.match(r.stderr, /rolled back/);
  const psql = (q) => require('node:child_process').execFileSync('psql', ['-X', '-A', '-t', '-q', empty, '-c', q], { encoding: 'utf8' }).trim();
  assert.equal(psql('SELECT (SELECT count(*) FROM org) + (SELECT count(*) FROM department) + (SELECT count(*) FROM audit)'), '0');
});
