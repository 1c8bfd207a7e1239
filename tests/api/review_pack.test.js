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
// A KPI's figures as they stood on day, computed here from SPEC §2 and not by the server: the
// latest measurement up to day, the value expected on day on the straight line from the baseline
// (1 April of its fiscal year) to the target (31 March after its fiscal year), the achievement.
const dayNumber = (date) => Date.parse(`${date}T00:00:00Z`) / 86400e3;
const round4 = (v) => Math.round(v * 1e4) / 1e4;
function figuresOn(kpi, measurements, day) {
  const upTo = measurements.filter((m) => m.period <= day).sort((a, b) => (a.period < b.period ? -1 : 1));
  const latest = upTo.length ? upTo[upTo.length - 1].value : null;
  const b = dayNumber(`${kpi.baseline.fy}-04-01`), t = dayNumber(`${kpi.target.fy + 1}-03-31`);
  const frac = Math.min(1, Math.max(0, (dayNumber(day) - b) / (t - b)));
  const span = kpi.target.value - kpi.baseline.value;
  return { latest, expected: round4(kpi.baseline.value + span * frac),
    achievement: latest === null ? null : round4((latest - kpi.baseline.value) / span) };
}

test('a report submitted after the deadline is late by the days it came after it', async () => {
  // the API opens a quarter whose deadline has passed as asked (its clients are not asked)
  const p = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 201, 'office');
  period = p.id;
  assert.equal(p.deadline, '2025-12-31');
  assert.equal(p.status, 'open');
  await call('PUT', `/api/v1/periods/${period}/measures/${ids.measureId}/review`, {
    rating: 'delayed', text: '窓口のBPRを実施した', issues: '委託先との調整が遅れている', next_steps: '仕様を見直して再委託する',
    kpi_values: [{ kpi_id: ids.kpiId, value: 22.5 }], submit: true,
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
  assert.equal(k.derived.latest, 22.5);
  // the figures of the quarter's last day (2025-12-31), not of today
  assert.equal(pack.as_of, '2025-12-31');
  const then = figuresOn(kpi, kpi.measurements, '2025-12-31');
  assert.equal(then.expected, 29.2048);              // 50 × 639 / 1094 days
  assert.equal(k.derived.expected_today, then.expected);
  assert.equal(k.derived.achievement, then.achievement);
  assert.equal(k.derived.achievement, 0.45);
  // 45% of the way where 58% of the time had passed: at risk then (at least 60% of 58%), off
  // track today, when more than 89% of it has
  assert.equal(k.derived.status, 'at_risk');
  assert.equal(kpi.derived.status, 'off_track');
  const listed = pack.kpis_at_risk.find((x) => x.kpi_id === ids.kpiId);
  assert.deepEqual([listed.status, listed.expected_today], ['at_risk', then.expected]);
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
  // ...but for the one KPI measured, at risk on the quarter's last day and off track today
  const today = (x) => ({ ...x.kpi_status, at_risk: x.kpi_status.at_risk + 1, off_track: x.kpi_status.off_track - 1 });
  const home = plan.pillars.find((pi) => pi.themes.some((t) => t.measures.some((m) => m.id === ids.measureId)));
  for (const pr of pack.rollup.pillars) {
    const mine = plan.rollup.pillars.find((x) => x.id === pr.id);
    for (const key of ['measures', 'ratings', 'unrated', 'problems', 'kpis', 'achievement_mean'])
      assert.deepEqual(pr[key], mine[key], `${pr.title} ${key}`);
    assert.deepEqual(pr.kpi_status, pr.id === home.id ? today(mine) : mine.kpi_status, pr.title);
  }
  assert.deepEqual(pack.rollup.kpi_status, today(plan.rollup));
  assert.equal(pack.rollup.kpi_status.at_risk, plan.rollup.kpi_status.at_risk + 1);
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

test('the pack of a past quarter keeps the figures and ratings of its last day when later ones come', async () => {
  const kpiBefore = await call('GET', `/api/v1/kpis/${ids.kpiId}`, undefined, 200);
  const before = await call('GET', `/api/v1/periods/${period}/pack`, undefined, 200);
  // a later measurement, and a later quarter's report rating the measure on track
  await call('POST', `/api/v1/kpis/${ids.kpiId}/measurements`, { period: '2026-06-30', value: 40 }, 201, 'office');
  const later = (await call('GET', `/api/v1/plans/${ids.planId}/periods`, undefined, 200)).items
    .find((p) => p.fy === 2026 && p.quarter === 1);
  await call('PUT', `/api/v1/periods/${later.id}/measures/${ids.measureId}/review`, {
    rating: 'on_track', text: '再委託して進んだ', kpi_values: [{ kpi_id: ids.kpiId, value: 40 }], submit: true,
  }, 200, 'reporter');
  // today's figures moved...
  const kpi = await call('GET', `/api/v1/kpis/${ids.kpiId}`, undefined, 200);
  assert.equal(kpi.derived.latest, 40);
  assert.notEqual(kpi.derived.achievement, kpiBefore.derived.achievement);
  // ...the Q3 pack's did not: the latest value up to 2025-12-31, its achievement and status, the
  // expected value of that day, and the roll-up of the ratings given up to that quarter
  const pack = await call('GET', `/api/v1/periods/${period}/pack`, undefined, 200);
  const then = figuresOn(kpi, kpi.measurements, '2025-12-31');
  const k = pack.focus.find((x) => x.measure_id === ids.measureId).kpis.find((x) => x.id === ids.kpiId);
  assert.equal(k.derived.latest, then.latest);
  assert.equal(k.derived.latest, 22.5);
  assert.equal(k.derived.achievement, then.achievement);
  assert.equal(k.derived.expected_today, then.expected);
  assert.equal(k.derived.status, 'at_risk');
  assert.deepEqual(pack.kpis_at_risk, before.kpis_at_risk);
  assert.deepEqual(pack.rollup, before.rollup);
  assert.equal(pack.rollup.ratings.find((x) => x.code === 'delayed').count, 1);
  assert.equal(pack.rollup.ratings.find((x) => x.code === 'on_track').count, 0);
  // the plan's own roll-up is today's: the new rating
  const plan = await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200);
  assert.equal(plan.rollup.ratings.find((x) => x.code === 'on_track').count, 1);
  // the page says which day its figures are of, and shows that day's expected value
  const page = visibleText((await api(srv.url, `/periods/${period}/pack`)).text);
  assert.ok(page.includes('四半期末（2025年12月31日）時点'), page.slice(0, 400));
  assert.ok(page.includes('四半期末の期待値'));
});
