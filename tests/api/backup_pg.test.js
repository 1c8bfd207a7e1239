'use strict';
// kawaru backup and kawaru restore of a PostgreSQL database (issue 17, point 5; docs/backup.md,
// "PostgreSQL"): a backup is a kawaru SQLite file, taken from one snapshot while the server serves
// and writes (every table of the same moment: the measurements and their audit entries agree);
// it passes --check; a whole restore replaces the database while the servers run — the database
// as it was kept first, the restore in the audit log, both servers answering the restored data
// at once; one organisation's restore leaves the other's exported document byte for byte; and
// scheduled backups keep the newest N. Needs a PostgreSQL server: runs only with $KAWARU_TEST_PG.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, api, expectApi, demoIds, PG, BIN } = require('../lib/server');

const skip = PG ? false : 'needs a PostgreSQL server: set KAWARU_TEST_PG (scripts/pg.sh start DIR PORT)';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the kawaru binary (in cwd): {code, stdout, stderr}. */
function kawaru(args, cwd) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: 120000, cwd }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

/** One number from a SQLite file (the backup) with the sqlite3 tool. */
function lite(file, q) {
  return Number(require('node:child_process').execFileSync('sqlite3', [file, q], { encoding: 'utf8' }).trim());
}

/** The organisation's plan document as `kawaru export` writes it, as text. */
async function exportedText(db, org) {
  const r = await kawaru(['export', '--db', db, '--org', org, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

let srv;
let other;        // a second server on the same database
let ids;
let dir;
before(async () => {
  if (!PG) return;
  srv = await startServer();
  other = await startServer({ sameDbAs: srv });
  ids = await demoIds(srv.url);
  await other.session('admin');          // before any backup: a whole restore keeps the sessions it holds
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-pgbak-'));
});
after(async () => {
  if (other) await other.stop();
  if (srv) await srv.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a backup of PostgreSQL while it serves and writes is one moment of it, a kawaru SQLite file that --check passes', { skip }, async () => {
  const file = path.join(dir, 'live.db');
  const m0 = Number(srv.sql('SELECT count(*) FROM kpi_measurement'));
  const a0 = Number(srv.sql('SELECT max(id) FROM audit'));
  const acked = [];
  let stop = false;
  let n = 0;
  const writer = async (w) => {
    while (!stop) {
      const i = n++;
      const d = new Date(Date.UTC(2031, 0, 1) + i * 86400000).toISOString().slice(0, 10);
      const r = await api(w % 2 ? srv.url : other.url, `/api/v1/kpis/${ids.kpiId}/measurements`,
        { method: 'POST', body: { period: d, value: i + w / 10 }, as: await srv.session('admin') });
      assert.equal(r.status, 201, r.text);
      acked.push({ period: d, at: process.hrtime.bigint() });
    }
  };
  const writers = [writer(1), writer(2), writer(3)];
  await sleep(300);
  const started = process.hrtime.bigint();
  const r = await kawaru(['backup', '--db', srv.db, file]);
  const during = acked.length;
  await sleep(200);
  stop = true;
  await Promise.all(writers);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^backup written \(integrity_check ok\) to .*: [\d.]+ MB, 2 organisations, \d+ measures, migrations up to \d+, data up to audit entry \d+/);
  assert.ok(acked.length > during, 'writes went on after the backup');
  assert.ok(!fs.readdirSync(dir).some((f) => f.includes('.tmp')), 'the temporary file was renamed');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);

  // one moment: every measurement in the file has its audit entry in the file, and no more
  const dm = lite(file, 'SELECT count(*) FROM kpi_measurement') - m0;
  const da = lite(file, `SELECT count(*) FROM audit WHERE id > ${a0} AND entity = 'kpi_measurement' AND action = 'create'`);
  assert.ok(dm > 0, 'writes made before the backup are in it');
  assert.equal(da, dm, 'the measurements and their audit entries are of the same moment');
  const inFile = new Set(require('node:child_process').execFileSync('sqlite3', [file,
    `SELECT period FROM kpi_measurement WHERE kpi_id = ${ids.kpiId}`], { encoding: 'utf8' }).split('\n'));
  const missing = acked.filter((a) => a.at < started).map((a) => a.period).filter((p) => !inFile.has(p));
  assert.deepEqual(missing, [], 'every write acknowledged before the backup began is in it');
  // the KPI's aggregates as PostgreSQL kept them, not summed again
  assert.equal(lite(file, `SELECT m_count FROM kpi WHERE id = ${ids.kpiId}`),
    lite(file, `SELECT count(*) FROM kpi_measurement WHERE kpi_id = ${ids.kpiId}`));

  const check = await kawaru(['backup', '--check', file]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /^checked \(integrity_check ok\) .* 2 organisations/);
  // the file is a kawaru database like any other: its documents are PostgreSQL's at that moment
  const again = await kawaru(['backup', '--db', srv.db, file]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);
  // a measurement added and deleted: AUTOINCREMENT's counter in the file goes on past its id
  const gone = (await expectApi(srv.url, 'POST', `/api/v1/kpis/${ids.kpiId}/measurements`, { period: '2039-01-01', value: 1 }, 201)).items[0].id;
  const del = await api(srv.url, `/api/v1/measurements/${gone}`, { method: 'DELETE' });
  assert.ok(del.status === 200 || del.status === 204, del.text);
  const idle = path.join(dir, 'idle.db');
  assert.equal((await kawaru(['backup', '--db', srv.db, idle])).code, 0);
  assert.ok(lite(idle, 'SELECT max(id) FROM kpi_measurement') < gone);
  assert.equal(lite(idle, "SELECT seq FROM sqlite_sequence WHERE name = 'kpi_measurement'"), gone);
  assert.equal(await exportedText(idle, '122319'), await exportedText(srv.db, '122319'));
  assert.equal(await exportedText(idle, '322075'), await exportedText(srv.db, '322075'));
});

test('a whole restore into PostgreSQL while two servers run: the backup\'s state, the replaced one kept, an audit entry', { skip }, async () => {
  const file = path.join(dir, 'whole.db');
  const title = (await expectApi(srv.url, 'GET', `/api/v1/measures/${ids.measureId}`, undefined, 200)).title;
  assert.equal((await kawaru(['backup', '--db', srv.db, file])).code, 0);
  const backupAudit = lite(file, 'SELECT max(id) FROM audit');
  // writes after the backup: a measure renamed, a version published, which the public's cached
  // list of versions shows on both servers
  await expectApi(srv.url, 'PATCH', `/api/v1/measures/${ids.measureId}`, { title: '復元で消える変更' }, 200);
  assert.equal((await expectApi(other.url, 'GET', `/api/v1/measures/${ids.measureId}`, undefined, 200)).title, '復元で消える変更');
  await expectApi(srv.url, 'POST', `/api/v1/plans/${ids.planId}/versions`, { label: '9.9' }, 201);
  const labels = async (url) => (await expectApi(url, 'GET', `/api/v1/plans/${ids.planId}/versions`, undefined, 200, null)).items.map((v) => v.label);
  for (const url of [srv.url, other.url]) {
    assert.ok((await labels(url)).includes('9.9'));
    assert.ok((await labels(url)).includes('9.9'), 'served from the cache the second time');
  }
  const run = fs.mkdtempSync(path.join(dir, 'run-'));
  const r = await kawaru(['restore', '--from', file, '--db', srv.db], run);
  assert.equal(r.code, 0, r.stderr);
  const name = srv.db.split('/').pop();
  const kept = fs.readdirSync(run);
  assert.equal(kept.length, 1, `the replaced database kept in the current folder: ${kept}`);
  assert.match(kept[0], new RegExp(`^${name}\\.before-restore-\\d{8}T\\d{6}Z\\.db$`));
  assert.match(r.stdout, new RegExp(`kept as ${kept[0]}`));
  assert.match(r.stdout, /restored from .* 2 organisations/);
  // the kept file holds the write the restore took away
  const keptDoc = await exportedText(path.join(run, kept[0]), '322075');
  assert.ok(keptDoc.includes('復元で消える変更'));
  assert.equal((await kawaru(['backup', '--check', path.join(run, kept[0])])).code, 0);

  // both servers, still running, answer the backup's state at their next request
  for (const url of [srv.url, other.url]) {
    assert.equal((await expectApi(url, 'GET', `/api/v1/measures/${ids.measureId}`, undefined, 200)).title, title, url);
    assert.ok(!(await labels(url)).includes('9.9'), `the public's cached reply is gone on ${url}`);
  }
  // the restore in the audit log, after the backup's entries
  const log = await expectApi(srv.url, 'GET', '/api/v1/audit?entity=installation', undefined, 200);
  const entry = log.items.find((e) => e.action === 'restore');
  assert.ok(entry, JSON.stringify(log.items));
  assert.ok(entry.id > backupAudit);
  assert.equal(entry.after.backup, file);
  assert.equal(entry.after.backup_last_audit_id, backupAudit);
  assert.equal(entry.after.kept_as, kept[0]);
  assert.equal(Number(srv.sql('SELECT count(*) FROM audit')), lite(file, 'SELECT count(*) FROM audit') + 1);
  // new rows get new ids after the restored ones, and after those deleted before the backup
  const added = await expectApi(other.url, 'POST', `/api/v1/kpis/${ids.kpiId}/measurements`, { period: '2040-01-01', value: 1 }, 201);
  assert.ok(added.items[0].id > lite(file, "SELECT seq FROM sqlite_sequence WHERE name = 'kpi_measurement'"));
  assert.ok(lite(file, "SELECT seq FROM sqlite_sequence WHERE name = 'kpi_measurement'") > lite(file, 'SELECT max(id) FROM kpi_measurement'));

  // --keep-as names the kept file; a backup that is no kawaru database changes nothing
  const keepAs = path.join(dir, 'kept-as.db');
  const r2 = await kawaru(['restore', '--from', file, '--db', srv.db, '--keep-as', keepAs]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.ok(fs.existsSync(keepAs));
  const before = srv.sql('SELECT count(*) FROM audit');
  const junk = path.join(dir, 'junk.db');
  fs.writeFileSync(junk, 'no database '.repeat(1000));
  const bad = await kawaru(['restore', '--from', junk, '--db', srv.db], run);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /was not changed/);
  assert.equal(srv.sql('SELECT count(*) FROM audit'), before);
  assert.equal(fs.readdirSync(run).length, 1, 'nothing kept for a refused restore');
});

test('one organisation restored from a PostgreSQL backup: 江津市 back, 印西市 byte for byte as it was', { skip }, async () => {
  const file = path.join(dir, 'org.db');
  assert.equal((await kawaru(['backup', '--db', srv.db, file])).code, 0);
  await expectApi(srv.url, 'PATCH', `/api/v1/measures/${ids.measureId}`, { title: 'まちがえた名前' }, 200);
  const inzai = await expectApi(srv.url, 'GET', `/api/v1/plans/${ids.inzaiPlanId}`, undefined, 200);
  const inzaiMeasure = inzai.pillars.flatMap((p) => p.themes).flatMap((t) => t.measures)[0];
  await expectApi(srv.url, 'PATCH', `/api/v1/measures/${inzaiMeasure.id}`, { title: '印西市の正しい変更' }, 200);
  const inzaiBefore = await exportedText(srv.db, '122319');

  const dry = await kawaru(['restore', '--from', file, '--db', srv.db, '--org', '322075', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /changed\s+measure\s+\S+ 書かない窓口: title/);
  assert.equal((await expectApi(srv.url, 'GET', `/api/v1/measures/${ids.measureId}`, undefined, 200)).title, 'まちがえた名前');

  const r = await kawaru(['restore', '--from', file, '--db', srv.db, '--org', '322075']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /restored organisation 322075/);
  for (const url of [srv.url, other.url])
    assert.equal((await expectApi(url, 'GET', `/api/v1/measures/${ids.measureId}`, undefined, 200)).title, '書かない窓口');
  assert.equal(await exportedText(srv.db, '122319'), inzaiBefore, '印西市 untouched');
  assert.equal(await exportedText(srv.db, '322075'), await exportedText(file, '322075'), '江津市 as the backup holds it');
  const log = await expectApi(srv.url, 'GET', '/api/v1/audit?entity=org&limit=5', undefined, 200);
  assert.ok(log.items.some((e) => e.action === 'restore' && e.after.code === '322075'));
});

test('scheduled backups of PostgreSQL: one every --backup-every hours, the newest --backup-keep kept', { skip }, async () => {
  const bdir = path.join(dir, 'sched');
  fs.mkdirSync(bdir);
  fs.writeFileSync(path.join(bdir, 'notes.txt'), 'mine');
  const sched = await startServer({ sameDbAs: srv, serveArgs: ['--backup-dir', bdir, '--backup-every', '0.0003', '--backup-keep', '2'] });
  try {
    const deadline = Date.now() + 40000;
    while ((sched.logs().match(/backup: wrote/g) || []).length < 4 && Date.now() < deadline) await sleep(200);
    assert.ok((sched.logs().match(/backup: wrote/g) || []).length >= 4, sched.logs());
    assert.match(sched.logs(), /backup: deleted .*kawaru-\d{8}T\d{6}Z\.db/);
    assert.equal((await fetch(sched.url + '/healthz')).status, 200);
    await sched.halt();
    // stopped between a backup and its retention rule, there is one more
    const last = sched.logs().match(/backup: (wrote|deleted)/g).pop();
    const files = fs.readdirSync(bdir).sort();
    const ours = files.filter((f) => /^kawaru-\d{8}T\d{6}Z\.db$/.test(f));
    assert.equal(ours.length, /wrote/.test(last) ? 3 : 2, `the newest 2 remain: ${files}`);
    assert.ok(files.includes('notes.txt'));
    for (const f of ours) {
      const c = await kawaru(['backup', '--check', path.join(bdir, f)]);
      assert.equal(c.code, 0, c.stderr);
      assert.match(c.stdout, /2 organisations/);
    }
  } finally {
    await sched.stop();
  }
});
