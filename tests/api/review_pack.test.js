'use strict';
// Issue 15 (points 4, 5, 8): who was late — and how late — stays after a quarter is closed; the
// HQ pack carries each measure asking a decision or off track with its report (取組内容, 課題,
// 次の取組) and its KPIs' figures, and the roll-up by pillar; closing a quarter asks first, and
// opening one whose deadline has passed warns first (the API, whose clients are not asked,
// opens it as asked).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, expectApi, demoIds, visibleText } = require('../lib/server');

let srv;
let ids;
let period;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const call = (method, p, body, status, as) => expectApi(srv.url, method, p, body, status, as);
const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
async function post(p, fields, as = 'office') {
  const s = await srv.session(as);
  return api(srv.url, p, { method: 'POST', as: s, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ csrf: s.csrf, ...fields }) });
}
// days from a date to today in Japan (UTC+9), as the server counts them
const daysSince = (date) => Math.round((Date.parse(new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10)) -
  Date.parse(date)) / 86400e3);
// a page's text without its markup and attributes

test('a report submitted after the deadline is late by the days it came after it', async () => {
  // the API opens a quarter whose deadline has passed as asked (its clients are not asked)
  const p = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 201, 'office');
  period = p.id;
  assert.equal(p.deadline, '2025-12-31');
  assert.equal(p.status, 'open');
  await call('PUT', `/api/v1/periods/${period}/measures/${ids.measureId}/review`, {
    rating: 'delayed', text: '窓口のBPRを実施した', issues: '委託先との調整が遅れている', next_steps: '仕様を見直して再委託する',
    kpi_values: [{ kpi_id: ids.kpiId, value: 1 }], submit: true,
  }, 200, 'reporter');
  const got = await call('GET', `/api/v1/periods/${period}`, undefined, 200);
  const days = daysSince('2025-12-31');
  const line = got.measures.find((m) => m.measure_id === ids.measureId);
  assert.equal(line.state, 'submitted');
  assert.equal(line.late, true);
  assert.equal(line.days_late, days);
  const missing = got.measures.filter((m) => m.state === 'missing');
  assert.equal(missing.length, 29);
  assert.ok(missing.every((m) => m.late && m.days_late === days));
  assert.equal(got.counts.late, 30);
  const dept = got.departments.find((d) => d.name === '窓口担当課');
  assert.equal(dept.most_days_late, days);
  assert.equal(got.departments.reduce((n, d) => n + d.unsubmitted_late, 0), 29);
  // the period's page says how late, in words
  const page = await api(srv.url, `/periods/${period}`);
  assert.match(page.text, new RegExp(`${days}日遅れ`));
  assert.match(page.text, new RegExp(`未提出（締切から${days}日）`));
});

test('the HQ pack holds each decision measure with its report, its KPI figures and the roll-up by pillar', async () => {
  const pack = await call('GET', `/api/v1/periods/${period}/pack`, undefined, 200);
  const f = pack.focus.find((x) => x.measure_id === ids.measureId);
  assert.ok(f, JSON.stringify(pack.focus.map((x) => x.code)));
  assert.equal(f.rating.code, 'delayed');
  assert.equal(f.rating.label, '遅れ');
  assert.equal(f.problem_rating, true);
  assert.equal(f.requested, true);
  assert.equal(f.text, '窓口のBPRを実施した');
  assert.equal(f.issues, '委託先との調整が遅れている');
  assert.equal(f.next_steps, '仕様を見直して再委託する');
  assert.equal(f.days_late, daysSince('2025-12-31'));
  const k = f.kpis.find((x) => x.id === ids.kpiId);
  assert.ok(k, JSON.stringify(f.kpis));
  const kpi = await call('GET', `/api/v1/kpis/${ids.kpiId}`, undefined, 200);
  assert.deepEqual(k.baseline, kpi.baseline);
  assert.deepEqual(k.target, kpi.target);
  assert.equal(k.derived.latest, 1);
  for (const key of ['status', 'achievement', 'expected_today']) assert.deepEqual(k.derived[key], kpi.derived[key], key);
  // every focus measure is asked about for a reason
  assert.ok(pack.focus.every((x) => x.problem_rating || x.kpi_off_track || x.decision), JSON.stringify(pack.focus));
  assert.ok(pack.focus.filter((x) => x.kpi_off_track).every((x) => x.kpis.some((y) => y.derived.status === 'off_track')));
  // the existing lists keep their shape
  assert.deepEqual(pack.decisions.map((d) => [d.measure_id, d.requested]), [[ids.measureId, true]]);
  assert.equal(pack.without_report.length, 29);
  // the roll-up: the plan's, and each pillar's, as the plan's own JSON has them
  const plan = await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200);
  assert.equal(pack.rollup.pillars.length, plan.pillars.length);
  assert.deepEqual(pack.rollup.pillars.map((x) => x.id), plan.pillars.map((x) => x.id));
  for (const pr of pack.rollup.pillars) {
    const mine = plan.rollup.pillars.find((x) => x.id === pr.id);
    for (const key of ['measures', 'ratings', 'unrated', 'problems', 'kpis', 'kpi_status', 'achievement_mean'])
      assert.deepEqual(pr[key], mine[key], `${pr.title} ${key}`);
  }
  assert.equal(pack.rollup.measures, plan.rollup.measures);
  const delayed = pack.rollup.ratings.find((x) => x.code === 'delayed');
  assert.equal(delayed.count, 1);
  // the page shows the same, in words: labels, never the codes
  const page = await api(srv.url, `/periods/${period}/pack`);
  assert.equal(page.status, 200);
  const text = visibleText(page.text);
  for (const s of ['窓口のBPRを実施した', '委託先との調整が遅れている', '仕様を見直して再委託する', '判断を求める', '進捗の概況'])
    assert.ok(text.includes(s), s);
  assert.doesNotMatch(text, /\b(on_track|off_track|at_risk|delayed|mostly_on_track|no_data)\b/);
  assert.match(page.text, /<button type="button" data-print hidden>印刷する<\/button>/);
  assert.match(page.text, /<script src="\/static\/edit\.js" defer><\/script>/);
  assert.match(page.text, /class="print-running"[^>]*><span>江津市/);
});

test('closing asks first; once closed, who was late and how late stays', async () => {
  const before = await call('GET', `/api/v1/periods/${period}`, undefined, 200);
  // without confirm: the question, and nothing closed
  let r = await post(`/periods/${period}/close`, {});
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>2025年度（令和7年度） 第3四半期を締め切りますか？<\/h1>/);
  assert.match(r.text, /未提出 29件（うち期限超過 29件）、提出済みで未確認 1件/);
  assert.match(r.text, /name="confirm" value="1"/);
  assert.equal((await call('GET', `/api/v1/periods/${period}`, undefined, 200)).status, 'open');
  r = await post(`/periods/${period}/close`, { confirm: '1' });
  assert.equal(r.status, 303);
  const after = await call('GET', `/api/v1/periods/${period}`, undefined, 200);
  assert.equal(after.status, 'closed');
  assert.deepEqual(after.counts, before.counts);
  assert.equal(after.counts.late, 30);
  assert.deepEqual(after.measures.map((m) => [m.measure_id, m.late, m.days_late]),
    before.measures.map((m) => [m.measure_id, m.late, m.days_late]));
  assert.deepEqual(after.departments, before.departments);
  const pack = await call('GET', `/api/v1/periods/${period}/pack`, undefined, 200);
  assert.equal(pack.counts.late, 30);
  assert.ok(pack.without_report.every((x) => x.late));
  const page = await api(srv.url, `/periods/${period}`);
  assert.match(page.text, /id="late-as-closed"/);
  assert.match(page.text, new RegExp(`${daysSince('2025-12-31')}日遅れ`));
  // a second close (an old tab) shows the period as it is
  r = await post(`/periods/${period}/close`, {});
  assert.equal(r.status, 303);
});

test('opening a quarter whose deadline has passed warns first; a deadline ahead opens at once', async () => {
  const count = async () => (await call('GET', `/api/v1/plans/${ids.planId}/periods`, undefined, 200)).total;
  const n = await count();
  let r = await post(`/plans/${ids.planId}/periods`, { fy: '令和7年度', quarter: '4', deadline: '2026-01-15' });
  assert.equal(r.status, 200);
  assert.match(r.text, /締切日 2026年1月15日 は過ぎています。このまま開きますか？/);
  assert.match(r.text, /name="fy" value="2025"/);
  assert.match(r.text, /name="quarter" value="4"/);
  assert.match(r.text, /name="deadline" value="2026-01-15"/);
  assert.match(r.text, /name="confirm" value="1"/);
  assert.equal(await count(), n);                                 // nothing opened yet
  r = await post(`/plans/${ids.planId}/periods`, { fy: '2025', quarter: '4', deadline: '2026-01-15', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(await count(), n + 1);
  const opened = (await call('GET', `/api/v1/plans/${ids.planId}/periods`, undefined, 200)).items.find((p) => p.quarter === 4);
  assert.equal(opened.deadline, '2026-01-15');                   // as asked, nothing else changed
  r = await post(`/plans/${ids.planId}/periods`, { fy: '2026', quarter: '1', deadline: '2099-07-15' });
  assert.equal(r.status, 303);
  assert.equal(await count(), n + 2);
});
