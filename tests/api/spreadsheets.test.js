'use strict';
// Spreadsheets out and in (issue 16, points 1 and 2): `kawaru export --format xlsx|csv`, the plan
// page's downloads, `kawaru import FILE.xlsx|FILE.csv` and the import page reading a measure list
// in the 個別業務一覧 layout. A workbook exported and imported again changes nothing; LibreOffice
// (Debian's, headless) opens the workbook and its CSV holds the cells; a CP932 export decodes to
// the same characters; text that would start a formula is neutralised in CSV and comes back
// unchanged; a changed list shows its changes before anything is written, and a bad one names its
// rows and writes nothing.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, execFile } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const kawaru = (args) => spawnSync(srv.bin, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
const file = (name) => path.join(srv.dir, name);
const exportTo = (name, ...args) => {
  const r = kawaru(['export', '--db', srv.db, '--org', '322075', '-o', file(name), ...args]);
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(file(name));
};
const measure = async (code) => (await api(srv.url, `/api/v1/measures/${ids.measureOf(code)}`)).json;

// Reads one part of a zip (an xlsx) with Python's zipfile: the test reads the workbook with
// another implementation than kawaru's own reader.
const zipPart = (zipPath, part) => {
  const r = spawnSync('python3', ['-c', 'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', zipPath, part], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

// LibreOffice Calc, headless, with a profile of its own in the test's directory. Run without
// blocking the event loop: a blocked loop lets fetch reuse a keep-alive socket the server has
// closed meanwhile.
const soffice = (args) => new Promise((resolve, reject) => {
  execFile('soffice', [`-env:UserInstallation=file://${file('lo-profile')}`, '--headless', ...args],
    { encoding: 'utf8', cwd: srv.dir, timeout: 180000 }, (err, stdout, stderr) =>
      (err ? reject(new Error(`soffice ${args.join(' ')}: ${err.message} ${stderr}${stdout}`)) : resolve(stdout)));
});

// A small CSV reader (RFC 4180: quotes, doubled quotes, line breaks in quotes).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const rowOf = (rows, code) => {
  const header = rows.findIndex((r) => r.includes('番号') && r.includes('取組'));
  const h = rows[header];
  const r = rows.slice(header + 1).find((x) => x[h.indexOf('番号')] === code);
  assert.ok(r, `no row ${code}`);
  return Object.fromEntries(h.map((k, i) => [k, r[i]]));
};

test('the workbook exported and imported again changes nothing (xlsx and CSV)', () => {
  const xlsx = exportTo('gotsu.xlsx', '--format', 'xlsx');
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  const again = kawaru(['import', '--db', srv.db, '--dry-run', file('gotsu.xlsx')]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /organisation 322075: 0 changes/);
  assert.match(again.stdout, /would import \(dry run: nothing written\) 30 rows/);
  assert.match(again.stderr, /column not read: 最新値/, 'the figures kawaru computes are said not to be read');

  exportTo('gotsu.csv', '--format', 'csv');
  const csv = kawaru(['import', '--db', srv.db, '--dry-run', '--org', '322075', file('gotsu.csv')]);
  assert.equal(csv.status, 0, csv.stderr);
  assert.match(csv.stdout, /organisation 322075: 0 changes/);

  exportTo('inzai.xlsx', '--format', 'xlsx', '--org', '122319');   // themes without codes
  const inzai = kawaru(['import', '--db', srv.db, '--dry-run', file('inzai.xlsx')]);
  assert.equal(inzai.status, 0, inzai.stderr);
  assert.match(inzai.stdout, /organisation 122319: 0 changes/);
});

test('the workbook: frozen header, widths, wrapped text, numbers as numbers; LibreOffice reads the cells', async () => {
  exportTo('book.xlsx', '--format', 'xlsx');
  const workbook = zipPart(file('book.xlsx'), 'xl/workbook.xml');
  assert.match(workbook, /name="個別業務一覧"/);
  assert.match(workbook, /name="数値目標"/);
  assert.match(workbook, /name="実績値"/);
  assert.match(workbook, /name="四半期評価"/);
  const sheet = zipPart(file('book.xlsx'), 'xl/worksheets/sheet1.xml');
  assert.match(sheet, /<pane [^>]*ySplit="2"[^>]*state="frozen"/, 'the title and header rows stay in view');
  assert.match(sheet, /<col [^>]*width="/);
  assert.match(sheet, /<autoFilter ref="A2:/);
  const styles = zipPart(file('book.xlsx'), 'xl/styles.xml');
  assert.match(styles, /wrapText="1"/);
  // 1-1-3's target 50 is a number cell (no t="s"), its title a shared string
  const cells = [...sheet.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(?:<v>([^<]*)<\/v>)?/g)];
  const numbers = cells.filter((c) => !/t="s"/.test(c[3]) && c[4] === '50');
  assert.ok(numbers.length >= 1, 'a target of 50 is written as a number');

  await soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', file('lo'), file('book.xlsx')]);
  const out = fs.readdirSync(file('lo'));
  const list = out.find((f) => f.includes('個別業務一覧'));
  assert.ok(list, `LibreOffice wrote ${out.join(', ')}`);
  const rows = parseCsv(fs.readFileSync(path.join(file('lo'), list), 'utf8'));
  assert.match(rows[0][0], /^江津市（322075）　スマートシティ江津推進構想アクションプラン　個別業務一覧（\d{4}年\d+月\d+日現在）$/);
  const m = rowOf(rows, '1-1-3');
  assert.equal(m['取組'], '書かない窓口');
  assert.equal(m['担当課'], '窓口担当課');
  assert.equal(m['状態'], '実施中');
  assert.equal(m['現状'], '市役所の窓口での手続きは、申請書を申請者が記入する');
  assert.equal(m['スケジュール 2023年度'], '○先進地視察');
  assert.equal(m['スケジュール 2024年度'], '○江津版「書かない窓口」の定義付け');
  assert.equal(m['進捗'], '【2023年度】\n○先進地視察\n○窓口業務のＢＰＲ');
  assert.equal(m['数値目標'], '窓口の平均対応時間削減割合');
  assert.equal(m['単位'], '%');
  assert.equal(m['方向'], '増やす');
  assert.equal(m['基準値'], '0');
  assert.equal(m['基準年度'], '2024');
  assert.equal(m['目標値'], '50');
  assert.equal(m['目標年度'], '2026');
  const dated = rows.slice(2).map((r) => r[rows[1].indexOf('最新値の時点')]).filter((v) => v);
  // a date cell, shown as a date (in the locale's order), not as Excel's day number
  assert.ok(dated.length > 0 && dated.every((v) => /^(\d{4}\/\d{2}\/\d{2}|\d{2}\/\d{2}\/\d{4})$/.test(v)), `dates: ${dated}`);
  const reviews = out.find((f) => f.includes('四半期評価'));
  assert.ok(reviews, 'every sheet is converted');
  const values = parseCsv(fs.readFileSync(path.join(file('lo'), out.find((f) => f.includes('実績値'))), 'utf8'));
  const itp = values.find((r) => r.includes('ITパスポート取得者の割合'));
  assert.ok(itp, 'the measurements sheet has the demo\'s measurement');
  assert.equal(itp[values[0].indexOf('値')], '7');
});

test('CSV: UTF-8 with a byte order mark, or CP932 with the same characters; --table picks a table', () => {
  const utf8 = exportTo('list.csv', '--format', 'csv');
  assert.deepEqual([...utf8.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const sjis = exportTo('list-sjis.csv', '--format', 'csv', '--encoding', 'cp932');
  assert.notDeepEqual([...sjis.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const decoded = new TextDecoder('shift_jis').decode(sjis);
  assert.equal(decoded, utf8.subarray(3).toString('utf8'), 'CP932 holds every character of the demo');
  assert.equal(rowOf(parseCsv(decoded), '1-1-3')['取組'], '書かない窓口');
  assert.equal(rowOf(parseCsv(decoded), '1-1-3')['現状'], '市役所の窓口での手続きは、申請書を申請者が記入する');
  // a CP932 file imports as it was written
  const back = kawaru(['import', '--db', srv.db, '--dry-run', '--org', '322075', file('list-sjis.csv')]);
  assert.equal(back.status, 0, back.stderr);
  assert.match(back.stdout, /0 changes/);

  const reviews = exportTo('reviews.csv', '--format', 'csv', '--table', 'reviews').toString('utf8');
  assert.match(reviews.split('\r\n')[0], /^\uFEFF改革番号,取組項目番号,番号,取組,年度,四半期,評価,取組内容,課題,次の取組,本部の判断$/);
  const bad = kawaru(['export', '--db', srv.db, '--org', '322075', '--format', 'csv', '--table', 'nope']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no table 'nope'; the tables are measures, kpis, measurements, reviews/);
  const enc = kawaru(['export', '--db', srv.db, '--org', '322075', '--format', 'csv', '--encoding', 'latin1']);
  assert.equal(enc.status, 2);
  assert.match(enc.stderr, /unknown encoding 'latin1'/);
  const tableXlsx = kawaru(['export', '--db', srv.db, '--org', '322075', '--format', 'xlsx', '--table', 'reviews']);
  assert.equal(tableXlsx.status, 2);
});

test('text that would start a formula is neutralised in CSV and comes back as it was', async () => {
  const id = ids.measureOf('1-2-1');
  const original = (await measure('1-2-1')).title;
  const sneaky = '=HYPERLINK("http://example.com","x")';
  let r = await api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body: { title: sneaky, current: '+81 窓口' } });
  assert.equal(r.status, 200, r.text);
  try {
    const csv = exportTo('formula.csv', '--format', 'csv').toString('utf8');
    assert.match(csv, /"'=HYPERLINK\(""http:\/\/example\.com"",""x""\)"/);
    assert.match(csv, /,'\+81 窓口,/);
    const back = kawaru(['import', '--db', srv.db, '--dry-run', '--org', '322075', file('formula.csv')]);
    assert.equal(back.status, 0, back.stderr);
    assert.match(back.stdout, /0 changes/, 'the apostrophe is taken off again');
    exportTo('formula.xlsx', '--format', 'xlsx');
    const sheet = zipPart(file('formula.xlsx'), 'xl/worksheets/sheet1.xml');
    assert.doesNotMatch(sheet, /<f>/, 'no formula in the workbook: text is a string');
  } finally {
    r = await api(srv.url, `/api/v1/measures/${id}`, { method: 'PATCH', body: { title: original, current: null } });
    assert.equal(r.status, 200, r.text);
  }
});

// The exported CSV with changes: 1-1-3 renamed with a second KPI on the row below, a measure
// added to theme ②, a schedule item changed.
function changedList(csvText) {
  const rows = parseCsv(csvText.replace(/^\uFEFF/, ''));
  const h = rows[0];
  const col = (name) => h.indexOf(name);
  const at = rows.findIndex((r) => r[col('番号')] === '1-1-3');
  rows[at][col('取組')] = '書かない窓口（ワンストップ）';
  rows[at][col('スケジュール 2025年度')] = '○システムの検討\n【第3四半期】\n○庁内説明会';
  const second = h.map(() => '');
  for (const k of ['改革番号', '取組項目番号', '番号', '取組']) second[col(k)] = rows[at][col(k)];
  Object.assign(second, { [col('数値目標')]: '申請書の記入件数', [col('単位')]: '件', [col('方向')]: '減らす', [col('基準値')]: '１，２００', [col('基準年度')]: '令和6年度', [col('目標値')]: '0', [col('目標年度')]: 'R8' });
  rows.splice(at + 1, 0, second);
  const added = h.map(() => '');
  const base = rows[at];
  for (const k of ['改革番号', '改革', '取組項目番号', '取組項目']) added[col(k)] = base[col(k)];
  Object.assign(added, { [col('番号')]: '1-1-9', [col('取組')]: 'キャッシュレス窓口の拡大', [col('担当課')]: '窓口担当課', [col('状態')]: '計画中', [col('目標値')]: '未決定', [col('数値目標')]: '対応窓口数' });
  rows.push(added);
  return '\uFEFF' + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

test('a changed list: the dry run lists the changes and writes nothing; the import makes them', async () => {
  const text = changedList(exportTo('base.csv', '--format', 'csv').toString('utf8'));
  fs.writeFileSync(file('changed.csv'), text);
  const before = await measure('1-1-3');
  const dry = kawaru(['import', '--db', srv.db, '--dry-run', '--org', '322075', file('changed.csv')]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /changed +measure +1-1-3 書かない窓口（ワンストップ）: title, schedule/);
  assert.match(dry.stdout, /added +measure +1-1-9 キャッシュレス窓口の拡大/);
  assert.match(dry.stdout, /added +kpi .*申請書の記入件数/);
  assert.deepEqual(await measure('1-1-3'), before, 'a dry run writes nothing');

  const done = kawaru(['import', '--db', srv.db, '--org', '322075', file('changed.csv')]);
  assert.equal(done.status, 0, done.stderr);
  const after = await measure('1-1-3');
  assert.equal(after.title, '書かない窓口（ワンストップ）');
  assert.equal(after.id, before.id, 'the measure keeps its id');
  assert.deepEqual(after.kpis[0].measurements, before.kpis[0].measurements, 'and its measurements');
  const k2 = after.kpis.find((k) => k.name === '申請書の記入件数');
  assert.ok(k2, 'the KPI on the row below is added to the measure');
  assert.equal(k2.unit, '件');
  assert.equal(k2.direction, 'decrease');
  assert.deepEqual(k2.baseline, { value: 1200, fy: 2024 });
  assert.deepEqual(k2.target, { value: 0, fy: 2026 });
  assert.deepEqual(after.schedule.filter((s) => s.fy === 2025), [
    { fy: 2025, items: ['システムの検討'] }, { fy: 2025, quarter: 3, items: ['庁内説明会'] }]);
  const plan = (await api(srv.url, `/api/v1/plans/${ids.planId}`)).json;
  const added = plan.pillars[0].themes[0].measures.find((m) => m.code === '1-1-9');
  assert.equal(added.title, 'キャッシュレス窓口の拡大');
  assert.equal(added.status, 'planned');
  assert.deepEqual(added.kpis.map((k) => [k.name, k.target]), [['対応窓口数', { state: 'undecided' }]]);
  const audit = (await api(srv.url, `/api/v1/audit?entity=measure&entity_id=${before.id}`)).json;
  assert.ok(audit.items.some((e) => e.action === 'update'), 'the change is in the audit log');

  // exported again, the list reads back without changes: a LibreOffice-made workbook too
  exportTo('after.csv', '--format', 'csv');
  await soffice(['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', file('lo2'), file('after.csv')]);
  const same = kawaru(['import', '--db', srv.db, '--dry-run', '--org', '322075', path.join(file('lo2'), 'after.xlsx')]);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /organisation 322075: 0 changes/, 'a workbook LibreOffice wrote reads back the same');
});

test('a list with mistakes names each row and column and writes nothing', async () => {
  const rows = parseCsv(exportTo('mist.csv', '--format', 'csv').toString('utf8').replace(/^\uFEFF/, ''));
  const h = rows[0];
  const at = rows.findIndex((r) => r[h.indexOf('番号')] === '1-1-1');
  rows[at][h.indexOf('担当課')] = '窓口担当課、未来課';
  rows[at][h.indexOf('状態')] = '進行中';
  rows[at][h.indexOf('基準値')] = '約';
  rows[at + 1][h.indexOf('改革番号')] = '9';
  rows[at + 1][h.indexOf('改革')] = '';
  const text = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
  fs.writeFileSync(file('mistakes.csv'), text);
  const before = (await api(srv.url, `/api/v1/plans/${ids.planId}`)).text;
  const r = kawaru(['import', '--db', srv.db, '--org', '322075', file('mistakes.csv')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 2: 担当課: no department named 未来課/);
  assert.match(r.stderr, /line \d+: 状態: the status must be 計画中, 実施中/);
  assert.match(r.stderr, /line \d+: 基準値: not a number: 約/);
  assert.match(r.stderr, /line (?!2:)\d+: 改革: no pillar 9 in the plan/, "the line the record starts on: 1-1-1's cells span several");
  assert.equal((await api(srv.url, `/api/v1/plans/${ids.planId}`)).text, before, 'nothing was written');
  const ja = spawnSync(srv.bin, ['import', '--db', srv.db, '--org', '322075', file('mistakes.csv')], { encoding: 'utf8', env: { ...process.env, LANG: 'ja_JP.UTF-8' } });
  assert.match(ja.stderr, /\d+行目：担当課：「未来課」という部署はありません/);
  exportTo('mine.xlsx', '--format', 'xlsx');
  const other = kawaru(['import', '--db', srv.db, '--org', '122319', file('mine.xlsx')]);
  assert.equal(other.status, 2);
  assert.match(other.stderr, /the measure list of another organisation \(322075\)/);
});

test('the plan page offers the downloads to members; the files are the draft and never for the public', async () => {
  const page = await api(srv.url, `/plans/${ids.planId}`, { as: 'office' });
  assert.match(page.text, new RegExp(`href="/plans/${ids.planId}/export.xlsx"`));
  assert.match(page.text, /個別業務一覧（CSV・Shift_JIS）/);
  assert.match(page.text, /href="\/orgs\/322075\/document\/import">個別業務一覧を取り込む/);
  const viewer = await api(srv.url, `/plans/${ids.planId}`, { as: 'viewer' });
  assert.match(viewer.text, /export\.xlsx/);
  assert.doesNotMatch(viewer.text, /個別業務一覧を取り込む/, 'importing is the office\'s');

  const res = await fetch(`${srv.url}/plans/${ids.planId}/export.xlsx`, { headers: await (async () => { const s = await srv.session('viewer'); return { Cookie: s.cookie }; })() });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="kawaru-322075-plan\d+-measures\.xlsx"; filename\*=UTF-8''/);
  assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  const csv = await api(srv.url, `/plans/${ids.planId}/export.csv?encoding=cp932&table=reviews`, { as: 'viewer' });
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=shift_jis');
  assert.equal((await api(srv.url, `/plans/${ids.planId}/export.csv?table=nope`, { as: 'viewer' })).status, 404);
  assert.equal((await api(srv.url, `/plans/${ids.planId}/export.csv?encoding=latin1`, { as: 'viewer' })).status, 400);
  const anon = await api(srv.url, `/plans/${ids.planId}/export.xlsx`, { as: null });
  assert.equal(anon.status, 401);
  const stranger = await api(srv.url, `/plans/${ids.inzaiPlanId}/export.xlsx`, { as: 'office' });
  assert.equal(stranger.status, 403, 'another organisation\'s draft is not the office\'s to download');
});

async function upload(body, name, fields = {}) {
  const s = await srv.session('office');
  const form = new FormData();
  form.append('csrf', s.csrf);
  form.append('file', new Blob([body]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${srv.url}/orgs/322075/document/import`, {
    method: 'POST', body: form, headers: { Cookie: s.cookie }, redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

test('the import page previews a measure list\'s changes and applies them with the document', async () => {
  const rows = parseCsv(exportTo('page.csv', '--format', 'csv').toString('utf8').replace(/^\uFEFF/, ''));
  const h = rows[0];
  const at = rows.findIndex((r) => r[h.indexOf('番号')] === '1-1-2');
  rows[at][h.indexOf('理想')] = '口座振替をオンラインで申し込める（全金融機関）';
  fs.writeFileSync(file('page.csv'), rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'));
  const before = await measure('1-1-2');
  const preview = await upload(fs.readFileSync(file('page.csv')), 'page.csv');
  assert.equal(preview.status, 200, preview.text.slice(0, 800));
  assert.match(preview.text, /id="sheet-rows">\d+行を読み込みました。/);
  assert.match(preview.text, /読み込まない列（kawaruが計算・記録する値など）：最新値、最新値の時点、達成状況/);
  assert.match(preview.text, /1件の変更があります/);
  assert.match(preview.text, /口座振替をオンラインで申し込める（全金融機関）/);
  assert.deepEqual(await measure('1-1-2'), before, 'the preview writes nothing');
  const doc = preview.text.match(/name="document" value="([^"]*)"/)[1]
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const s = await srv.session('office');
  const form = new FormData();
  form.append('csrf', s.csrf);
  form.append('document', doc);
  form.append('apply', '1');
  const applied = await fetch(`${srv.url}/orgs/322075/document/import`, { method: 'POST', body: form, headers: { Cookie: s.cookie }, redirect: 'manual' });
  assert.equal(applied.status, 303);
  assert.equal((await measure('1-1-2')).ideal, '口座振替をオンラインで申し込める（全金融機関）');

  const broken = await upload('番号,取組\r\n1-1-1,\r\n', 'broken.csv');
  assert.equal(broken.status, 422);
  assert.match(broken.text, /「改革番号」の列がありません/);
  const notList = await upload('a,b\r\n1,2\r\n', 'other.csv');
  assert.equal(notList.status, 422);
  assert.match(notList.text, /個別業務一覧が見つかりません/);
  const xlsx = await upload(exportTo('upload.xlsx', '--format', 'xlsx'), 'upload.xlsx');
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.text, /id="import-summary">/);
});

test('a confirmed quarter\'s ratings are a column of the list and rows of 四半期評価; a report not yet confirmed is not', async () => {
  const period = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`, { method: 'POST', body: { fy: 2025, quarter: 2, deadline: '2025-10-15' }, as: 'office' });
  assert.equal(period.status, 201, period.text);
  const path113 = `/api/v1/periods/${period.json.id}/measures/${ids.measureId}/review`;
  let r = await api(srv.url, path113, { method: 'PUT', body: { rating: 'on_track', text: 'BPRを実施', issues: '人員', next_steps: '試行', submit: true }, as: 'reporter' });
  assert.equal(r.status, 200, r.text);
  let rows = parseCsv(exportTo('rated0.csv', '--format', 'csv').toString('utf8').replace(/^\uFEFF/, ''));
  assert.ok(!rows[0].includes('評価 2025年度第2四半期'), 'a submitted report is not a rating yet');
  r = await api(srv.url, `${path113}/confirm`, { method: 'POST', body: {}, as: 'office' });
  assert.equal(r.status, 200, r.text);
  rows = parseCsv(exportTo('rated.csv', '--format', 'csv').toString('utf8').replace(/^\uFEFF/, ''));
  assert.equal(rowOf(rows, '1-1-3')['評価 2025年度第2四半期'], '順調');
  const reviews = parseCsv(exportTo('rated-reviews.csv', '--format', 'csv', '--table', 'reviews').toString('utf8').replace(/^\uFEFF/, ''));
  assert.deepEqual(reviews[1].slice(2, 10), ['1-1-3', rowOf(rows, '1-1-3')['取組'], '2025', '2', '順調', 'BPRを実施', '人員', '試行']);
  const back = kawaru(['import', '--db', srv.db, '--dry-run', '--org', '322075', file('rated.csv')]);
  assert.equal(back.status, 0, back.stderr);
  assert.match(back.stdout, /0 changes/);
  assert.match(back.stderr, /column not read: 評価 2025年度第2四半期/);
});
