'use strict';
// CSV import of KPI measurements: POST /api/v1/plans/{id}/measurements.csv with the raw file
// (UTF-8, UTF-8 with BOM, CP932), and `kawaru import --plan ID FILE.csv` against the test
// server's database. Every bad file is refused with 422 (or exit 2) naming its lines, and
// nothing is written. Since issue 4 the requests are signed in (demo-admin, the default of
// tests/lib/server.js) and recorded_by names that login, not "api"; token calls are made without
// a session; anonymous → 401 and a viewer → 403, nothing written.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
let kpiIds;            // KPI ids of Gotsu's 1-1-3 and 1-1-1
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  const m111 = ids.plan.pillars[0].themes[0].measures.find((m) => m.code === '1-1-1');
  kpiIds = { madoguchi: ids.kpiId, m111: m111.kpis[0].id, m111Name: m111.kpis[0].name };
});
after(() => srv && srv.stop());

const KPI = '窓口の平均対応時間削減割合';

const importCsv = (body, { plan = ids.planId, headers = {}, query = '', as } = {}) =>
  api(srv.url, `/api/v1/plans/${plan}/measurements.csv${query}`, {
    method: 'POST', body, headers: { 'Content-Type': 'text/csv', ...headers }, as,
  });
const measurements = async (kpi = kpiIds.madoguchi) => {
  const r = await api(srv.url, `/api/v1/kpis/${kpi}`);
  assert.equal(r.status, 200);
  return r.json.measurements;
};
const snapshot = async () => ({ a: await measurements(kpiIds.madoguchi), b: await measurements(kpiIds.m111) });

test('a UTF-8 file with Japanese headers → 201 with the count; the rows are on their KPIs', async () => {
  const before = await snapshot();
  const csv = '施策コード,指標名,時点,値,備考,出典\r\n'
    + `1-1-3,${KPI},2025/3/31,12.5,"窓口, 4月集計",窓口アンケート\r\n`
    + `1-1-1,${kpiIds.m111Name},2025-03-31,"1,234",,\r\n`;
  const r = await importCsv(csv);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { imported: 2, encoding: 'utf-8' });
  const after = await snapshot();
  assert.equal(after.a.length, before.a.length + 1);
  assert.equal(after.b.length, before.b.length + 1);
  const added = after.a.find((m) => !before.a.some((x) => x.id === m.id));
  assert.equal(added.period, '2025-03-31');
  assert.equal(added.value, 12.5);
  assert.equal(added.note, '窓口, 4月集計');
  assert.equal(added.source, '窓口アンケート');
  assert.equal(added.recorded_by, srv.users.admin.login);             // the signed-in user
  const other = after.b.find((m) => !before.b.some((x) => x.id === m.id));
  assert.equal(other.value, 1234);
  assert.equal(other.source, 'csv', 'rows without 出典 keep where they came from');
});

test('a UTF-8 file with a BOM and English headers in another order → 201, encoding utf-8-bom', async () => {
  const before = await measurements();
  const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`period,value,kpi,measure_code\n2025-06-30,15,${KPI},1-1-3\n2025-09-30,17.25,${KPI},1-1-3\n`)]);
  const r = await importCsv(csv);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { imported: 2, encoding: 'utf-8-bom' });
  const after = await measurements();
  assert.equal(after.length, before.length + 2);
  assert.ok(after.some((m) => m.period === '2025-09-30' && m.value === 17.25));
});

// "施策コード,指標名,時点,値\r\n1-1-3,窓口の平均対応時間削減割合,2025-12-31,21\r\n" in CP932, as fixed bytes
const CP932 = Buffer.from(
  '8e7b8df48352815b8368' + '2c' + '8e77955796bc' + '2c' + '8e9e935f' + '2c' + '926c' + '0d0a'
  + '312d312d332c' + '918b8cfb82cc95bd8bcf91ce899e8e9e8ad48ded8cb88a848d87'
  + '2c323032352d31322d33312c32310d0a', 'hex');

test('a CP932 (Shift_JIS) file is detected and converted → 201, encoding cp932', async () => {
  const bytes = CP932;
  assert.equal(bytes[0], 0x8e, 'the header starts with 施 in Shift_JIS');
  assert.ok(!bytes.includes(Buffer.from('施', 'utf8')), 'no UTF-8 in the file');
  const before = await measurements();
  const r = await importCsv(bytes);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json, { imported: 1, encoding: 'cp932' });
  const after = await measurements();
  assert.equal(after.length, before.length + 1);
  assert.ok(after.some((m) => m.period === '2025-12-31' && m.value === 21));
});

test('a bad file → 422 listing every problem with its line and column, and nothing is written', async () => {
  const before = await snapshot();
  const csv = '施策コード,指標名,時点,値\n'
    + `1-1-3,${KPI},2026-03-31,30\n`              // good, but the whole file is refused
    + `1-1-3,${KPI},2026-02-30,31\n`              // line 3: no such date
    + `1-1-3,${KPI},2026-03-31,たくさん\n`         // line 4: not a number
    + '9-9-9,どこか,2026-03-31,1\n'               // line 5: unknown measure
    + '1-1-3,ない指標,2026-03-31,1\n';            // line 6: unknown KPI
  const r = await importCsv(csv);
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.code, 'invalid');
  const details = r.json.error.details.map((d) => [d.line, d.column]);
  assert.deepEqual(details, [[3, '時点'], [4, '値'], [5, '施策コード'], [6, '指標名']]);
  assert.match(r.json.error.message, /^line 3: 時点: /);
  assert.deepEqual(await snapshot(), before, 'nothing written');
  // the same in Japanese
  const ja = await importCsv(csv, { query: '?lang=ja' });
  assert.equal(ja.status, 422);
  assert.match(ja.json.error.message, /^3行目：時点：/);
});

test('a missing column, a broken quote or a file in neither encoding → 422 with the line; nothing written', async () => {
  const before = await snapshot();
  let r = await importCsv(`施策コード,指標名,時点\n1-1-3,${KPI},2026-03-31\n`);
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.error.details[0], { line: 1, column: '値/value', message: 'this column is missing' });
  r = await importCsv(`施策コード,指標名,時点,値\n1-1-3,${KPI},2026-03-31,1\n1-1-3,"${KPI},2026-03-31,2\n`);
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.details[0].line, 3);
  assert.match(r.json.error.details[0].message, /closing quote/);
  r = await importCsv(Buffer.concat([Buffer.from('施策コード,指標名,時点,値\n1-1-3,x'), Buffer.from([0xff]),
    Buffer.from(',2026-03-31,1\n')]));
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.message, /^line 2: the file is neither UTF-8 nor CP932 \(Shift_JIS\): byte 0xFF/);
  assert.deepEqual(await snapshot(), before);
});

test('no body → 400, a form or JSON body → 415, an unknown plan → 404', async () => {
  assert.equal((await importCsv('')).status, 400);
  assert.equal((await importCsv('a=b', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 415);
  assert.equal((await importCsv('{}', { headers: { 'Content-Type': 'application/json' } })).status, 415);
  const r = await importCsv(`施策コード,指標名,時点,値\n1-1-3,${KPI},2026-03-31,1\n`, { plan: 999999 });
  assert.equal(r.status, 404);
});

test('without a session or token → 401; a viewer → 403; nothing written', async () => {
  const before = await snapshot();
  const csv = `施策コード,指標名,時点,値\n1-1-3,${KPI},2026-06-30,99\n`;
  const anon = await importCsv(csv, { as: null });
  assert.equal(anon.status, 401, anon.text);
  assert.equal(anon.json.error.code, 'unauthorized');
  const viewer = await importCsv(csv, { as: 'viewer' });
  assert.equal(viewer.status, 403, viewer.text);
  assert.equal(viewer.json.error.code, 'forbidden');
  assert.deepEqual(await snapshot(), before, 'nothing written');
});

test('with an API token the rows are recorded by the token and take its name as source', async () => {
  const made = spawnSync(srv.bin, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', '集計システム'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const token = made.stdout.trim();
  const before = await measurements();
  const r = await importCsv(`施策コード,指標名,時点,値\n1-1-3,${KPI},2026-06-30,40\n`, { headers: { Authorization: `Bearer ${token}` }, as: null });
  assert.equal(r.status, 201, r.text);
  const added = (await measurements()).find((m) => !before.some((x) => x.id === m.id));
  assert.equal(added.source, '集計システム');
  assert.equal(added.recorded_by, 'token:集計システム');
  const bad = await importCsv(`施策コード,指標名,時点,値\n1-1-3,${KPI},2026-06-30,40\n`, { headers: { Authorization: 'Bearer kwt_x' }, as: null });
  assert.equal(bad.status, 401);
  assert.equal((await measurements()).length, before.length + 1, 'the bad token wrote nothing');
});

test('kawaru import --plan ID FILE.csv writes into the served database, or refuses with line numbers', async () => {
  const good = path.join(srv.dir, '実績.csv');
  const bad = path.join(srv.dir, 'bad.csv');
  fs.writeFileSync(good, `施策コード,指標名,時点,値\n1-1-3,${KPI},2026-09-30,45\n`);
  fs.writeFileSync(bad, `施策コード,指標名,時点,値\n1-1-3,${KPI},2026-09-30,45\n1-1-3,${KPI},2026-09-31,46\n`);
  const before = await measurements();
  const no = spawnSync(srv.bin, ['import', '--db', srv.db, '--plan', String(ids.planId), bad], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  assert.equal(no.status, 2);
  assert.match(no.stderr, /bad\.csv: line 3: 時点: not a date/);
  assert.match(no.stderr, /nothing was imported/);
  assert.deepEqual(await measurements(), before);
  const missingPlan = spawnSync(srv.bin, ['import', '--db', srv.db, good], { encoding: 'utf8' });
  assert.equal(missingPlan.status, 2);
  assert.match(missingPlan.stderr, /--plan/);
  const yes = spawnSync(srv.bin, ['import', '--db', srv.db, '--plan', String(ids.planId), good], { encoding: 'utf8' });
  assert.equal(yes.status, 0, yes.stderr);
  assert.match(yes.stdout, /imported 1 measurement/);
  // the running server sees the other process's write (db_watch)
  let after;
  for (let i = 0; i < 50; i++) {
    after = await measurements();
    if (after.length === before.length + 1) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const added = after.find((m) => !before.some((x) => x.id === m.id));
  assert.ok(added, 'the imported row is served');
  assert.equal(added.source, '実績.csv');
  assert.equal(added.recorded_by, 'cli');
});
