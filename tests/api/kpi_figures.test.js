'use strict';
// KPI figures right for every shape of KPI (issue 12, point 4): without a baseline the achievement
// is latest ÷ target and the status comes from it; データなし only without a measurement; 未決定
// and なし are categories of their own; the demo invents no KPI names; values are typed as people
// type them (full-width digits, 約) and NaN, infinities and values beyond ±1e15 are refused.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { startServer, api, demoIds, BIN } = require('../lib/server');

let srv;
let ids;
const kpis = [];                        // every KPI of 江津市's plan, with its measure
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures)
        for (const k of m.kpis) kpis.push({ ...k, measure: m });
});
after(() => srv && srv.stop());

const kpiNamed = (part) => kpis.find((k) => (k.name || '').includes(part));
const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

test('ITパスポート (7 of 100, no baseline): 7% achieved, a status of its own, not データなし', async () => {
  const k = (await api(srv.url, `/api/v1/kpis/${kpiNamed('ITパスポート').id}`)).json;
  assert.equal(k.baseline, undefined);
  assert.equal(k.derived.achievement, 0.07);
  assert.equal(k.derived.status, 'off_track');          // 7% with most of the time to 2026年度末 gone
  const page = await api(srv.url, `/kpis/${k.id}`);
  assert.match(page.text, /badge-off_track/);
  assert.doesNotMatch(page.text, /データなし/);
  assert.match(page.text, /7(\.0+)?\s*%/);
});

test('未決定 and なし are statuses of their own, counted apart from missing data in the roll-up', async () => {
  const plan = (await api(srv.url, `/api/v1/plans/${ids.planId}`)).json;
  const byStatus = plan.rollup.kpi_status;
  assert.equal(byStatus.undecided, 10);
  assert.equal(byStatus.no_target, 5);
  assert.equal(byStatus.no_data + byStatus.undecided + byStatus.no_target + byStatus.on_track + byStatus.at_risk +
    byStatus.off_track + byStatus.achieved, plan.rollup.kpis);
  assert.ok(byStatus.no_data <= 14, `${byStatus.no_data} KPIs counted as no data`);
  const undecided = kpis.find((k) => k.target.state === 'undecided');
  assert.equal((await api(srv.url, `/api/v1/kpis/${undecided.id}`)).json.derived.status, 'undecided');
  const page = await api(srv.url, `/plans/${ids.planId}`);
  assert.match(page.text, /目標未決定/);
  assert.match(page.text, /目標なし/);
});

test('the demo names no KPI the seed does not name, and kawaru check lists those targets', () => {
  const invented = kpis.filter((k) => /の数値目標$/.test(k.name || ''));
  assert.deepEqual(invented.map((k) => k.name), []);
  const unnamed = kpis.filter((k) => !k.name);
  assert.equal(unnamed.length, 15);                      // 10 未決定 and 5 なし with no indicator named
  const out = spawnSync(BIN, ['check', '--db', srv.db, '--org', '322075'], { encoding: 'utf8' });
  assert.equal(out.status, 1);
  const lines = out.stdout.split('\n').filter((l) => l.includes('KPI names no indicator yet'));
  assert.equal(lines.length, 15);
  assert.match(out.stdout, /error\s+322075 plan \d+ measure 1-5-1 MaaSの導入: the KPI names no indicator yet \(指標未設定\) \(KPIの指標が未設定です\)/);
  // --format json: each finding with its stable code, its message in Japanese and English, the
  // entity and the path of its page
  const js = spawnSync(BIN, ['check', '--db', srv.db, '--org', '322075', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(js.status, 1, js.stderr);
  const findings = JSON.parse(js.stdout);
  const named = findings.filter((f) => f.code === 'kpi_without_name');
  assert.equal(named.length, 15);
  const maas = named.find((f) => f.entity.measure_title === 'MaaSの導入');
  assert.deepEqual([maas.severity, maas.message, maas.message_en, maas.entity.type, maas.entity.org],
    ['error', 'KPIの指標が未設定です', 'the KPI names no indicator yet (指標未設定)', 'kpi', '322075']);
  assert.equal(maas.url, `/kpis/${maas.entity.id}`);
  assert.equal(findings.filter((f) => f.severity === 'error').length,
    Number(/(\d+) errors?,/.exec(out.stdout)[1]), 'the JSON holds every error the text counts');
  assert.equal(spawnSync(BIN, ['check', '--db', srv.db, '--format', 'yaml'], { encoding: 'utf8' }).status, 2);
});

test('values as people type them: full-width digits and 約 in the form; 1e16 refused everywhere', async () => {
  const k = kpiNamed('窓口の平均対応時間');
  const s = await srv.session('office');
  const typed = async (value, period) => api(srv.url, `/kpis/${k.id}/measurements`, {
    method: 'POST', as: s, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ csrf: s.csrf, period, value, note: '' }) });
  assert.equal((await typed('約１２．５', '2025-03-31')).status, 303);
  let got = (await api(srv.url, `/api/v1/kpis/${k.id}`)).json.measurements.find((x) => x.period === '2025-03-31');
  assert.equal(got.value, 12.5);
  const big = await typed('10000000000000000', '2025-06-30');
  assert.equal(big.status, 422);
  assert.match(big.text, /大きすぎます/);
  for (const value of ['1e3', 'NaN', 'Infinity'])
    assert.equal((await typed(value, '2025-06-30')).status, 422, value);
  const before = (await api(srv.url, `/api/v1/kpis/${k.id}`)).json.measurements.length;
  const api1 = await api(srv.url, `/api/v1/kpis/${k.id}/measurements`, { method: 'POST', body: { period: '2025-06-30', value: 1e16 } });
  assert.equal(api1.status, 422);
  assert.equal(api1.json.error.field, 'value');
  const tgt = await api(srv.url, `/api/v1/kpis/${k.id}`, { method: 'PATCH', body: { target: { value: -2e15, fy: 2026 } } });
  assert.equal(tgt.status, 422);
  assert.equal(tgt.json.error.field, 'target.value');
  got = (await api(srv.url, `/api/v1/kpis/${k.id}`)).json;
  assert.equal(got.measurements.length, before);         // nothing of the refused writes
  assert.equal(got.target.value, 50);
  // the chart draws no NaN whatever the figures
  assert.doesNotMatch((await api(srv.url, `/kpis/${k.id}`)).text, /NaN|nan|Infinity/);
});

// Issue 18 point 4: the 実績値 table holds the measurements only; the baseline, the target and the
// forecast are a table of their own, each row named as the chart's legend names it.
test('the KPI page: measurements under 実績値, the baseline, target and forecast apart from them', async () => {
  const s = await srv.session('office');
  const add = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', as: s,
    body: { period: '2025-09-30', value: 12.5, note: '上期の集計' } });
  assert.equal(add.status, 201, add.text);
  const html = (await api(srv.url, `/kpis/${ids.kpiId}`)).text;
  const sectionOf = (id) => html.slice(html.indexOf(`<h2 id="${id}">`), html.indexOf('</section>', html.indexOf(`<h2 id="${id}">`)));
  const rows = (part) => [...part.matchAll(/<tr class="([a-z-]+)">(.*?)<\/tr>/g)]
    .map((m) => [m[1], m[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()]);
  const actual = sectionOf('measurements');
  assert.match(actual, /<h2 id="measurements">実績値<\/h2>/);
  const kpi = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
  assert.deepEqual(rows(actual), kpi.measurements.map((m) => ['row-actual', `${m.period} ${m.value} ${m.note || ''}`.trim()]));
  assert.doesNotMatch(actual, /基準値|目標値|予測|2024-04-01|2027-03-31/);
  const refs = sectionOf('references');
  assert.match(refs, /<h2 id="references">基準値・目標値・予測<\/h2>/);
  assert.deepEqual(rows(refs).map((r) => r[0]), ['row-baseline', 'row-target', 'row-forecast']);
  assert.match(rows(refs)[0][1], /^基準値 2024-04-01 0 2024年度（令和6年度）当初の値（目標線の始点）$/);
  assert.match(rows(refs)[1][1], /^目標値 2027-03-31 50 2026年度（令和8年度）末に目指す値（目標線の終点）$/);
  assert.match(rows(refs)[2][1], new RegExp(`^予測 2027-03-31 ${+kpi.derived.forecast.toFixed(2)} 実績値の傾向から見込んだ目標年度末の値$`));
  // the chart's legend names the same things
  assert.match(html, /<span class="key key-actual">実績値<\/span><span class="key key-forecast">予測<\/span>/);
});
