'use strict';
// The workload survey (業務棚卸し, issue 14 point 1): `kawaru import --db DB --survey FILE.csv
// --org 322075` run against the database of a test server made by `kawaru init --demo`, with a
// survey of two departments of 江津市 (their codes read from `kawaru export`). What was imported is
// read back from the tables with the sqlite3 CLI (the workload API comes later) and its hours
// computed here from the file's own figures; a second import keeps every id; a bad file (UTF-8 or
// CP932) changes nothing and names its lines; a step with a means applied to it is not deleted;
// the audit log has one entry per department. The empty template, GET
// /orgs/{code}/workload/survey.csv, answers members 200 text/csv with the header, others 401/403.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { startServer, api, sessionHeaders, BIN } = require('../lib/server');

let srv;
let madoguchi;          // 窓口担当課's code
let zeimu;              // 税務課's code

before(async () => {
  srv = await startServer();
  const doc = JSON.parse(execFileSync(BIN, ['export', '--db', srv.db, '--org', '322075', '--format', 'json'],
    { encoding: 'utf8' }));
  madoguchi = doc.departments.find((d) => d.name === '窓口担当課').code;
  zeimu = doc.departments.find((d) => d.name === '税務課').code;
});
after(() => srv && srv.stop());

/** The rows of q on the server's database, as objects. */
function sql(q) {
  return srv.sqlRows(q);
}

const HEADER = ['課コード', '調査年度', '業務コード', '業務名', '年間件数', '手順番号', '手順名', '所要時間（分）',
  '担い手', '経路', '紙', '押印', '対面', '転記', '決裁', '備考'];
const FLAGS = ['paper', 'seal', 'in_person', 'transcription', 'approval'];

/** The survey: businesses of two departments with their steps; flags as the letters p s i t a. */
const survey = () => [
  { dept: madoguchi, fy: '令和6年度', code: 'MA-01', name: '住民票の写しの交付', volume: 12000, note: '窓口とコンビニ交付',
    steps: [[1, '申請書の受付', 5, '正規職員', '窓口', 'pi'], [2, 'システム入力', 3, '会計年度任用職員', '庁内', 't'],
      [3, '交付', 2, '正規職員', '窓口', 'pi']] },
  { dept: madoguchi, fy: 'R6', code: 'MA-02', name: '転入届', volume: 1500,
    steps: [[1, '受付', 15, '正規職員', '窓口', 'psi'], [2, '入力', 10, '会計年度任用職員', '庁内', 't'],
      [3, '決裁', 5, '正規職員', '庁内', 'a']] },
  { dept: zeimu, fy: '2024', code: 'ZE-01', name: '固定資産評価証明の交付', volume: 3000,
    steps: [[1, '郵送請求の受付', 4, '委託', '郵送', 'ps'], [2, '発送', 3, '委託', '郵送', 'p']] },
  { dept: zeimu, fy: '2024年度', code: 'ZE-02', name: '市県民税の申告受付', volume: 8000,
    steps: [[1, '申告受付', 20, '正規職員', '窓口', 'pi'], [2, '入力', 12, '会計年度任用職員', '庁内', 't'],
      [3, '審査', 6, '正規職員', '庁内', 'a'], [4, '通知', 1, '委託', 'オンライン', '']] },
];

/** The survey as CSV text: a row per step, the business columns repeated on each. */
function csvOf(businesses) {
  const lines = [HEADER.join(',')];
  for (const b of businesses)
    for (const [number, name, minutes, staff, channel, flags] of b.steps) {
      const marks = ['p', 's', 'i', 't', 'a'].map((f) => (flags.includes(f) ? '○' : ''));
      lines.push([b.dept, b.fy, b.code, b.name, `"${b.volume.toLocaleString('en-US')}"`, number, name, minutes, staff,
        channel, ...marks, b.note || ''].join(','));
    }
  return lines.join('\r\n') + '\r\n';
}

let n = 0;
/** Writes bytes to a file of the test's temp dir and runs the import on it. */
function importSurvey(bytes, { org = '322075', env = {} } = {}) {
  const file = path.join(srv.dir, `survey-${++n}.csv`);
  fs.writeFileSync(file, bytes);
  const args = ['import', '--db', srv.db, '--survey', file, ...(org ? ['--org', org] : [])];
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, file };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const withBom = (text) => Buffer.concat([BOM, Buffer.from(text)]);

/** Every business and step row with its id, for comparing before and after. */
const inventory = () => ({
  businesses: sql('SELECT * FROM business ORDER BY id'),
  steps: sql('SELECT * FROM business_step ORDER BY id'),
});
const surveyAudits = () => sql("SELECT * FROM audit WHERE entity = 'survey' ORDER BY id");

test('a survey of two departments is imported: businesses, steps, flags and hours read back from the tables', () => {
  const r = importSurvey(withBom(csvOf(survey())));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported the survey of 2 departments (FY 2024): 4 businesses, 12 steps (utf-8-bom)\n');

  const rows = sql('SELECT d.code AS dept, b.code, b.position, b.name, b.volume, b.note, b.survey_fy '
    + 'FROM business b JOIN department d ON d.id = b.department_id ORDER BY b.id');
  assert.deepEqual(rows.map((b) => [b.dept, b.code, b.position, b.volume, b.survey_fy]), [
    [madoguchi, 'MA-01', 0, 12000, 2024], [madoguchi, 'MA-02', 1, 1500, 2024],
    [zeimu, 'ZE-01', 0, 3000, 2024], [zeimu, 'ZE-02', 1, 8000, 2024]]);
  assert.equal(rows[0].note, '窓口とコンビニ交付');
  assert.equal(rows[1].note, null);

  const steps = sql('SELECT b.code, s.number, s.name, s.minutes, s.staff, s.channel, '
    + 's.paper, s.seal, s.in_person, s.transcription, s.approval '
    + 'FROM business_step s JOIN business b ON b.id = s.business_id ORDER BY b.id, s.number');
  const staff = { 正規職員: 'regular', 会計年度任用職員: 'fiscal_year', 委託: 'outsourced' };
  const channel = { 窓口: 'counter', 庁内: 'internal', 郵送: 'mail', オンライン: 'online' };
  const want = survey().flatMap((b) => b.steps.map(([number, name, minutes, st, ch, flags]) => ({
    code: b.code, number, name, minutes, staff: staff[st], channel: channel[ch],
    ...Object.fromEntries(FLAGS.map((f, i) => [f, flags.includes('psita'[i]) ? 1 : 0])),
  })));
  assert.deepEqual(steps, want);

  // hours a year by department: Σ volume × minutes ÷ 60, from the file's figures here
  const hours = {};
  for (const b of survey())
    hours[b.dept] = (hours[b.dept] || 0) + b.steps.reduce((s, st) => s + b.volume * st[2], 0) / 60;
  assert.deepEqual(hours, { [madoguchi]: 2000 + 750, [zeimu]: 350 + 5200 });
  const stored = sql('SELECT d.code AS dept, sum(b.volume * s.minutes) / 60.0 AS hours FROM business_step s '
    + 'JOIN business b ON b.id = s.business_id JOIN department d ON d.id = b.department_id GROUP BY d.code');
  assert.deepEqual(Object.fromEntries(stored.map((x) => [x.dept, x.hours])), hours);
});

test('the audit log has one entry per department: entity survey, the department, before and after', async () => {
  const r = await api(srv.url, '/api/v1/audit?entity=survey');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 2);
  const ids = Object.fromEntries(sql('SELECT code, id FROM department').map((d) => [d.code, d.id]));
  const byDept = Object.fromEntries(r.json.items.map((e) => [e.entity_id, e]));
  for (const dept of [madoguchi, zeimu]) {
    const e = byDept[ids[dept]];
    assert.ok(e, `an entry for ${dept}`);
    assert.equal(e.action, 'import');
    assert.equal(e.actor, 'cli');
    assert.deepEqual(e.before, { department_id: ids[dept], survey_fy: 2024, businesses: [] });
    assert.deepEqual(e.after.businesses.map((b) => b.code), survey().filter((b) => b.dept === dept).map((b) => b.code));
  }
  const ma01 = byDept[ids[madoguchi]].after.businesses[0];
  assert.deepEqual(ma01.steps[1], {
    id: ma01.steps[1].id, number: 2, name: 'システム入力', minutes: 3, staff: 'fiscal_year', channel: 'internal',
    flags: ['transcription'],
  });
});

test('a second import changing one step keeps every business and step id', () => {
  const before = inventory();
  const changed = survey();
  changed[0].steps[1][2] = 1;                            // システム入力 3 → 1 minute (an RPA, say)
  const r = importSurvey(csvOf(changed));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported the survey of 2 departments (FY 2024): 4 businesses, 12 steps (utf-8)\n');
  const after = inventory();
  assert.deepEqual(after.businesses, before.businesses);
  assert.deepEqual(after.steps.map((s) => s.id), before.steps.map((s) => s.id));
  const changedRows = after.steps.filter((s, i) => JSON.stringify(s) !== JSON.stringify(before.steps[i]));
  assert.deepEqual(changedRows.map((s) => [s.name, s.minutes]), [['システム入力', 1]]);
  assert.equal(surveyAudits().length, 4);
});

test('a bad file changes nothing: each problem with its line and column, exit 2', () => {
  const before = inventory();
  const audits = surveyAudits().length;
  const rows = csvOf(survey()).split('\r\n');
  rows[2] = rows[2].replace(madoguchi, 'no-such-ka');                    // line 3
  rows[4] = rows[4].replace(/,○,○,○,/, ',○,△,○,');                       // line 5: 押印
  rows[7] = rows[7].replace('郵送請求の受付', '');                          // line 8: 手順名
  const r = importSurvey(rows.join('\r\n'));
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, [
    `${r.file}: line 3: 課コード: no department with code no-such-ka in this organisation`,
    `${r.file}: line 5: 押印: not a flag: △ (○, 1, yes, true or x when set; empty, 0, no or false when not)`,
    `${r.file}: line 8: 手順名: this field is empty`,
    'kawaru import: nothing was imported', ''].join('\n'));
  assert.deepEqual(inventory(), before);
  assert.equal(surveyAudits().length, audits);
});

test('a CP932 file with an error is refused whole, naming the line in Japanese', () => {
  const before = inventory();
  const changed = survey();
  changed[2].steps[1][2] = '３分';                        // ZE-01 step 2: line 9
  changed[0].steps[0][2] = 9;                            // a good change that must not be kept either
  const cp932 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: csvOf(changed) });
  assert.ok(!cp932.equals(Buffer.from(csvOf(changed))), 'the bytes are CP932, not UTF-8');
  const r = importSurvey(cp932, { env: { LANG: 'ja_JP.UTF-8' } });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `${r.file}: 9行目：所要時間（分）：数値ではありません（「３分」）。半角・全角の数字、「1,234」の形で入力できます。\n`
    + 'kawaru import: nothing was imported\n');
  assert.deepEqual(inventory(), before);
  // the same file without the error goes in, converted
  changed[2].steps[1][2] = 3;
  const ok = importSurvey(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: csvOf(changed) }));
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /\(cp932\)\n$/);
  assert.equal(sql("SELECT minutes FROM business_step WHERE name = '申請書の受付'")[0].minutes, 9);
});

test('a step with a means applied to it is not deleted: the import is refused naming business and step', () => {
  const step = sql("SELECT s.id FROM business_step s JOIN business b ON b.id = s.business_id "
    + "WHERE b.code = 'MA-02' AND s.number = 3")[0].id;
  // written straight into the database (two statements: srv.sql, which returns no rows)
  srv.sql("INSERT INTO means (org_id, position, name, reduction) SELECT id, 99, '電子決裁', 50 FROM org o WHERE code = '322075' "
    + "AND NOT EXISTS (SELECT 1 FROM means WHERE org_id = o.id AND name = '電子決裁'); "
    + `INSERT INTO means_application (step_id, means_id, reduction) SELECT ${step}, m.id, 50 FROM means m `
    + "JOIN org o ON o.id = m.org_id WHERE o.code = '322075' AND m.name = '電子決裁'");
  const before = inventory();
  const audits = surveyAudits().length;
  const without = survey();
  without[1].steps.pop();                                 // 転入届's 決裁 left out
  const r = importSurvey(csvOf(without));
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `${r.file}: department ${madoguchi}, FY 2024: business MA-02 (転入届), step 3 (決裁) has `
    + 'the means 電子決裁 applied to it; the file leaves the step out, which would delete it: remove the application '
    + 'first, or keep the step in the file\nkawaru import: nothing was imported\n');
  assert.deepEqual(inventory(), before);
  assert.equal(surveyAudits().length, audits);
  // a whole business left out is refused the same way; another department's survey alone is fine
  const r2 = importSurvey(csvOf(survey().filter((b) => b.code !== 'MA-02')));
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /business MA-02 \(転入届\), step 3 \(決裁\)/);
  const r3 = importSurvey(csvOf(survey().filter((b) => b.dept === zeimu).slice(1)));
  assert.equal(r3.status, 0, r3.stderr);
  assert.equal(r3.stdout, 'imported the survey of 1 department (FY 2024): 1 business, 4 steps (utf-8)\n'
    + 'removed what the survey no longer has: 1 business, 2 steps\n');
  assert.equal(sql(`SELECT count(*) AS n FROM means_application WHERE step_id = ${step}`)[0].n, 1);
});

test('--org is needed when the database holds several organisations', () => {
  const before = inventory();
  const r = importSurvey(csvOf(survey()), { org: null });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /the database holds 2 organisations: name the survey's with --org CODE \(122319 印西市, 322075 江津市\)/);
  const wrong = importSurvey(csvOf(survey()), { org: '122319' });      // 印西市 has no such departments
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, new RegExp(`line 2: 課コード: no department with code ${madoguchi} in this organisation`));
  assert.deepEqual(inventory(), before);
});

test('the empty survey template: 200 text/csv with the header for members, 401 and 403 for others', async () => {
  srv.addUser({ login: 'inzai-office', role: 'office', org: '122319' });
  const inzai = await srv.signIn('inzai-office', 'password-inzai-office');
  const get = async (as, query = '') => {
    const res = await fetch(`${srv.url}/orgs/322075/workload/survey.csv${query}`,
      { headers: await sessionHeaders(srv.url, as), redirect: 'manual' });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
      bytes: Buffer.from(await res.arrayBuffer()) };
  };
  for (const role of ['viewer', 'reporter', 'office', 'admin']) {
    const r = await get(role);
    assert.equal(r.status, 200, role);
    assert.equal(r.type, 'text/csv; charset=utf-8');
    assert.equal(r.disposition, 'attachment; filename="survey-322075.csv"');
    assert.deepEqual(r.bytes, withBom(HEADER.join(',') + '\r\n'), role);
  }
  const en = await get('office', '?lang=en');
  assert.equal(en.bytes.toString('utf8'), '\ufeffdepartment,survey_fy,business_code,business,volume,step,step_name,minutes,'
    + 'staff,channel,paper,seal,in_person,transcription,approval,note\r\n');
  assert.equal((await get(null)).status, 401);
  assert.equal((await get(inzai)).status, 403);
  // the template filled in is a survey the import takes
  const filled = Buffer.concat([(await get('office')).bytes,
    Buffer.from(`${zeimu},2025,ZE-09,軽自動車税の減免,200,1,受付,10,正規職員,窓口,○,,○,,,\r\n`)]);
  const r = importSurvey(filled);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported the survey of 1 department (FY 2025): 1 business, 1 step (utf-8-bom)\n');
});
