'use strict';
// kawaru backup and kawaru restore (issue 17, point 5; docs/backup.md): a backup taken while the
// server serves and writes holds every write acknowledged before it began and passes
// integrity_check; a whole restore is refused while a server serves the database and keeps the
// replaced file; one organisation's restore puts its data back and leaves the others' alone,
// with an audit entry; scheduled backups keep the newest N of their own naming only.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, api, demoIds, freePort, BIN } = require('../lib/server');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the kawaru binary: {code, stdout, stderr}. */
function kawaru(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: 60000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

/** The organisation's plan document in the database file db (kawaru export). */
async function exported(db, org) {
  const r = await kawaru(['export', '--db', db, '--org', org, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function measuresOf(doc) {
  const out = [];
  for (const p of doc.plans) for (const pi of p.pillars) for (const t of pi.themes) for (const m of t.measures) out.push(m);
  return out;
}

/** A server of our own on db (startServer's cannot be stopped without removing its folder, nor
 *  given serve's options): {url, logs, stop, session}. */
async function serveOwn(db, extra = []) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const deadline = Date.now() + 10000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
    try {
      const r = await fetch(url + '/healthz');
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`serve did not answer: ${out}`); }
    await sleep(50);
  }
  return {
    url,
    logs: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
    /** An admin's session ({cookie, csrf}) from the demo users' file. */
    async session() {
      const line = fs.readFileSync(db + '.demo-users', 'utf8').split('\n').find((l) => l.startsWith('admin\t'));
      const [, login, password] = line.split('\t');
      const res = await fetch(url + '/api/v1/session', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }),
      });
      const body = await res.json();
      assert.equal(res.status, 201);
      return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
    },
  };
}

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

test('a backup while the server serves and writes holds every acknowledged write and passes integrity_check', async () => {
  const file = path.join(srv.dir, 'live.backup');
  const acked = [];            // {period, value, at}
  let stop = false;
  let n = 0;
  const writer = async (w) => {
    while (!stop) {
      const i = n++;
      const d = new Date(Date.UTC(2030, 0, 1) + i * 86400000).toISOString().slice(0, 10);
      const r = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: d, value: i + w / 10 } });
      assert.equal(r.status, 201, r.text);
      acked.push({ period: d, at: process.hrtime.bigint() });
    }
  };
  const writers = [writer(1), writer(2), writer(3)];
  await sleep(300);
  const started = process.hrtime.bigint();
  const before = acked.filter((a) => a.at < started).map((a) => a.period);
  const r = await kawaru(['backup', '--db', srv.db, file]);
  const duringBackup = acked.length;
  await sleep(200);
  stop = true;
  await Promise.all(writers);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /integrity_check ok/);
  assert.match(r.stdout, /2 organisations/);
  assert.match(r.stdout, /data up to audit entry \d+/);
  assert.ok(before.length > 0 && acked.length > duringBackup, `writes went on around the backup: ${before.length}, ${acked.length}`);
  assert.ok(!fs.existsSync(file + '.tmp'), 'the temporary file was renamed');

  const kpi = measuresOf(await exported(file, '322075')).flatMap((m) => m.kpis).find((k) => k.name === '窓口の平均対応時間削減割合');
  const periods = new Set((kpi.measurements || []).map((m) => m.period));
  const missing = before.filter((p) => !periods.has(p));
  assert.deepEqual(missing, [], 'every measurement acknowledged before the backup began is in it');

  const check = await kawaru(['backup', '--check', file]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /integrity_check ok/);

  // an existing file is not overwritten without --force; with it, it is
  const again = await kawaru(['backup', '--db', srv.db, file]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists \(--force overwrites it\)/);
  assert.equal((await kawaru(['backup', '--db', srv.db, '--force', file])).code, 0);

  // what is not a kawaru database is refused as a backup
  const junk = path.join(srv.dir, 'junk.db');
  fs.writeFileSync(junk, 'not a database at all, just some text that is long enough '.repeat(100));
  const bad = await kawaru(['backup', '--check', junk]);
  assert.notEqual(bad.code, 0);
});

test('one organisation restored after a mistake: its data back, the others untouched, an audit entry', async () => {
  const file = path.join(srv.dir, 'org.backup');
  const measureId = ids.measureId;           // 書かない窓口 of 江津市 (322075)
  const kpiBefore = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
  assert.ok(kpiBefore.measurements.length > 0);
  assert.equal((await kawaru(['backup', '--db', srv.db, file])).code, 0);

  // the mistakes: 江津市's measure renamed and one of its measurements deleted; 印西市 changed too
  let r = await api(srv.url, `/api/v1/measures/${measureId}`, { method: 'PATCH', body: { title: 'まちがえた名前' } });
  assert.equal(r.status, 200, r.text);
  const gone = kpiBefore.measurements[0];
  r = await api(srv.url, `/api/v1/measurements/${gone.id}`, { method: 'DELETE' });
  assert.ok(r.status === 200 || r.status === 204, r.text);
  const inzai = (await api(srv.url, `/api/v1/plans/${ids.inzaiPlanId}`)).json;
  const inzaiMeasure = inzai.pillars.flatMap((p) => p.themes).flatMap((t) => t.measures)[0];
  r = await api(srv.url, `/api/v1/measures/${inzaiMeasure.id}`, { method: 'PATCH', body: { title: '印西市の正しい変更' } });
  assert.equal(r.status, 200, r.text);
  // and a measure 江津市 added after the backup: it is not the backup's to remove
  const theme = ids.plan.pillars[0].themes[0].id;
  r = await api(srv.url, `/api/v1/themes/${theme}/measures`, { method: 'POST', body: { code: 'BK-1', title: 'バックアップ後に追加' } });
  assert.equal(r.status, 201, r.text);
  const added = r.json.id;

  // --dry-run lists the change and writes nothing
  const dry = await kawaru(['restore', '--from', file, '--db', srv.db, '--org', '322075', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /changed\s+measure\s+\S+ 書かない窓口: title/);
  assert.match(dry.stdout, /dry run: nothing written/);
  assert.match(dry.stdout, /kept\s+measure\s+BK-1 バックアップ後に追加/, 'what the backup lacks is listed as kept');
  assert.equal((await api(srv.url, `/api/v1/measures/${measureId}`)).json.title, 'まちがえた名前');

  const res = await kawaru(['restore', '--from', file, '--db', srv.db, '--org', '322075']);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /restored organisation 322075/);

  const m = (await api(srv.url, `/api/v1/measures/${measureId}`)).json;
  assert.equal(m.title, '書かない窓口', 'the measure is back as it was, with its id');
  const kpiAfter = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
  assert.ok(kpiAfter.measurements.some((x) => x.period === gone.period && x.value === gone.value), 'the deleted measurement is back');
  assert.equal((await api(srv.url, `/api/v1/measures/${inzaiMeasure.id}`)).json.title, '印西市の正しい変更', '印西市 untouched');
  assert.equal((await api(srv.url, `/api/v1/measures/${added}`)).status, 200, 'nothing deleted as a side effect');

  const log = (await api(srv.url, '/api/v1/audit?entity=org&limit=5')).json;
  const entry = log.items.find((e) => e.action === 'restore');
  assert.ok(entry, `an audit entry of the restore: ${JSON.stringify(log.items.map((e) => e.action))}`);
  const after = entry.after;
  assert.equal(after.code, '322075');
  assert.equal(after.backup, file);

  // with --prune, the merge's own rules: a measure the backup lacks, with no history, is deleted
  const pruned = await kawaru(['restore', '--from', file, '--db', srv.db, '--org', '322075', '--prune']);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.match(pruned.stdout, /removed\s+measure\s+BK-1/);
  assert.equal((await api(srv.url, `/api/v1/measures/${added}`)).status, 404);
  assert.equal((await api(srv.url, `/api/v1/measures/${inzaiMeasure.id}`)).json.title, '印西市の正しい変更');

  // an organisation the backup does not hold
  const none = await kawaru(['restore', '--from', file, '--db', srv.db, '--org', '999998']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no organisation with code 999998/);
});

test('a whole restore is refused while a server serves the database, then replaces it and keeps the old one', async () => {
  const dir = fs.mkdtempSync(path.join(srv.dir, 'whole-'));
  const db = path.join(dir, 'k.db');
  assert.equal((await kawaru(['init', '--demo', db])).code, 0);
  const own = await serveOwn(db);
  const file = path.join(dir, 'k.backup');
  try {
    assert.equal((await kawaru(['backup', '--db', db, file])).code, 0);
    const s = await own.session();
    const plans = (await api(own.url, '/api/v1/orgs/322075/plans', { as: s })).json;
    const plan = (await api(own.url, `/api/v1/plans/${plans.items[0].id}`, { as: s })).json;
    const mid = plan.pillars[0].themes[0].measures[0].id;
    const title = plan.pillars[0].themes[0].measures[0].title;
    const r = await api(own.url, `/api/v1/measures/${mid}`, { method: 'PATCH', body: { title: '誤った変更' }, as: s });
    assert.equal(r.status, 200, r.text);

    const refused = await kawaru(['restore', '--from', file, '--db', db]);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /a kawaru server is serving/);
    assert.equal((await api(own.url, `/api/v1/measures/${mid}`, { as: s })).json.title, '誤った変更', 'nothing replaced');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('before-restore')), []);

    await own.stop();
    const done = await kawaru(['restore', '--from', file, '--db', db]);
    assert.equal(done.code, 0, done.stderr);
    const kept = fs.readdirSync(dir).filter((f) => /^k\.db\.before-restore-\d{8}T\d{6}Z$/.test(f));
    assert.equal(kept.length, 1, `the replaced database kept: ${fs.readdirSync(dir)}`);
    const keptTitles = measuresOf(await exported(path.join(dir, kept[0]), '322075')).map((m) => m.title);
    assert.ok(keptTitles.includes('誤った変更'), 'the kept file is the database as it was before the restore');
    const titles = measuresOf(await exported(db, '322075')).map((m) => m.title);
    assert.ok(titles.includes(title) && !titles.includes('誤った変更'), 'the database is the backup again');
    // a kept file's name that is taken: refused, naming the option to change it, nothing replaced
    const taken = await kawaru(['restore', '--from', file, '--db', db, '--keep-as', path.join(dir, kept[0])]);
    assert.equal(taken.code, 2, taken.stderr);
    assert.match(taken.stderr, /already exists \(--keep-as names another file\)/);
    // … and it records that it was restored: from which backup, and where the replaced one is kept
    const entry = JSON.parse(execFileSync('sqlite3', ['-json', db,
      "SELECT after_json FROM audit WHERE entity = 'installation' AND action = 'restore'"], { encoding: 'utf8' }) || '[]');
    assert.equal(entry.length, 1, 'one audit entry of the restore');
    const what = JSON.parse(entry[0].after_json);
    assert.equal(what.backup, file);
    assert.equal(what.kept_as, path.join(dir, kept[0]));

    // a backup made by a newer kawaru (more migrations than this one knows) is refused
    const newer = path.join(dir, 'newer.backup');
    fs.copyFileSync(file, newer);
    const buf = fs.readFileSync(newer);
    buf.writeUInt32BE(9999, 60);               // the header's user_version: the migrations applied
    fs.writeFileSync(newer, buf);
    const tooNew = await kawaru(['restore', '--from', newer, '--db', db]);
    assert.equal(tooNew.code, 2);
    assert.match(tooNew.stderr, /newer kawaru/);

    const again = await serveOwn(db);
    own.stop = again.stop;
    const s2 = await again.session();
    assert.equal((await api(again.url, `/api/v1/measures/${mid}`, { as: s2 })).json.title, title);
    // the restore's audit entry, in words on the audit page
    const page = await api(again.url, '/audit?entity=installation', { as: s2 });
    assert.equal(page.status, 200);
    for (const w of ['バックアップからの復元', 'バックアップの最後の変更記録', '置き換えたデータベースの保存先'])
      assert.ok(page.text.includes(w), w);
    assert.ok(!page.text.includes('その他の'), 'an action or field without its words');
  } finally {
    await own.stop();
  }
});

test('scheduled backups: one every --backup-every hours, the newest --backup-keep kept, other files left alone', async () => {
  const dir = fs.mkdtempSync(path.join(srv.dir, 'sched-'));
  const db = path.join(dir, 'k.db');
  const bdir = path.join(dir, 'backups');
  fs.mkdirSync(bdir);
  fs.writeFileSync(path.join(bdir, 'notes.txt'), 'mine');
  fs.writeFileSync(path.join(bdir, 'kawaru-mine.db'), 'mine too');
  assert.equal((await kawaru(['init', '--demo', db])).code, 0);
  const bad = await kawaru(['serve', '--db', db, '--backup-every', '2']);
  assert.equal(bad.code, 2, 'the schedule\'s options need --backup-dir');
  // 0.0003 hours: about a second (the test's schedule; any fraction of an hour is accepted)
  const own = await serveOwn(db, ['--backup-dir', bdir, '--backup-every', '0.0003', '--backup-keep', '2']);
  try {
    const deadline = Date.now() + 30000;
    while ((own.logs().match(/backup: wrote/g) || []).length < 4 && Date.now() < deadline) await sleep(200);
    const wrote = (own.logs().match(/backup: wrote/g) || []).length;
    assert.ok(wrote >= 4, `four backups taken: ${own.logs()}`);
    assert.match(own.logs(), /backup: deleted .*kawaru-\d{8}T\d{6}Z\.db/);
    await sleep(300);
    const files = fs.readdirSync(bdir).sort();
    const ours = files.filter((f) => /^kawaru-\d{8}T\d{6}Z\.db$/.test(f));
    assert.equal(ours.length, 2, `only the newest 2 remain: ${files}`);
    assert.ok(files.includes('notes.txt') && files.includes('kawaru-mine.db'), 'files of other names are left alone');
    for (const f of ours) assert.equal((await kawaru(['backup', '--check', path.join(bdir, f)])).code, 0);
    // the server still answers
    assert.equal((await fetch(own.url + '/healthz')).status, 200);
  } finally {
    await own.stop();
  }
});
