'use strict';
// The quarterly review cycle through the API (SPEC §3.3, issue 3): the office opens 2025 Q3 of
// 江津市's plan; a department saves and submits its report with a KPI value; the office sends it
// back, the department resubmits, the office confirms, the HQ decides; the period shows who is
// late; closing it makes everything read-only. Refused steps change nothing.
// Since issue 4 each step is made by its role: the department is the demo reporter (窓口担当課,
// which carries 書かない窓口), the office the demo office user, the HQ the demo viewer; the
// audit log names them, and a role refused a step (403) changes nothing. Reads are the admin's.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, expectApi, demoIds } = require('../lib/server');

let srv;
let ids;
let period;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const call = (method, p, body, status, as) => expectApi(srv.url, method, p, body, status, as);
const reviewPath = (m = ids.measureId) => `/api/v1/periods/${period}/measures/${m}/review`;
const kpiValues = async () => (await call('GET', `/api/v1/kpis/${ids.kpiId}`, undefined, 200)).measurements;

test('the office opens a quarter; the same quarter cannot be opened twice; bad input is refused', async () => {
  const p = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 201, 'office');
  period = p.id;
  assert.equal(p.status, 'open');
  assert.equal(p.measures.length, 30);
  assert.ok(p.measures.every((m) => m.state === 'missing'));
  assert.equal(p.counts.missing, 30);
  const again = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2026-01-15' }, 409);
  assert.equal(again.error.field, 'quarter');
  for (const [body, field] of [
    [{ fy: 2025, quarter: 5, deadline: '2025-12-31' }, 'quarter'],
    [{ fy: 2025, quarter: 3, deadline: '2025-13-01' }, 'deadline'],
    [{ quarter: 3, deadline: '2025-12-31' }, 'fy'],
  ]) {
    const r = await call('POST', `/api/v1/plans/${ids.planId}/periods`, body, 422);
    assert.equal(r.error.field, field);
  }
  await call('POST', '/api/v1/plans/999999/periods', { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 404);
  const list = await call('GET', `/api/v1/plans/${ids.planId}/periods`, undefined, 200);
  assert.equal(list.total, 1);
});

test('a department saves a draft, then submits with a KPI value at the quarter end', async () => {
  const before = (await kpiValues()).length;
  let r = await call('PUT', reviewPath(), { rating: 'on_track', text: '**BPR** を実施', issues: '人員' }, 200, 'reporter');
  assert.equal(r.review.state, 'draft');
  r = await call('PUT', reviewPath(), {
    rating: 'on_track', text: '**BPR** を実施', issues: '人員', next_steps: '試行',
    kpi_values: [{ kpi_id: ids.kpiId, value: 20, note: '窓口集計' }], submit: true,
  }, 200, 'reporter');
  assert.equal(r.review.state, 'submitted');
  assert.ok(r.review.submitted_at);
  const values = await kpiValues();
  assert.equal(values.length, before + 1);
  const added = values.find((m) => m.period === '2025-12-31');
  assert.equal(added.value, 20);
  assert.equal(added.source, 'review');
  // locked once submitted
  const locked = await call('PUT', reviewPath(), { text: 'changed' }, 409, 'reporter');
  assert.equal(locked.error.field, 'state');
  assert.equal((await call('GET', reviewPath(), undefined, 200)).review.text, '**BPR** を実施');
});

test('refused reports write nothing', async () => {
  const other = ids.plan.pillars[0].themes[0].measures[0].id;
  const before = (await kpiValues()).length;
  for (const [body, status, field] of [
    [{ rating: 'excellent', text: 'x', submit: true }, 422, 'rating'],
    [{ rating: 'on_track', submit: true }, 422, 'text'],
    [{ rating: 'on_track', text: 'x', kpi_values: [{ kpi_id: ids.kpiId, value: 'many' }] }, 422, 'kpi_values[0].value'],
    [{ rating: 'on_track', text: 'x', kpi_values: [{ kpi_id: ids.kpiId, value: 1 }] }, 422, 'kpi_values'],
    [{ rating: 'on_track', text: 'x', submit: 'yes' }, 422, 'submit'],
  ]) {
    const r = await call('PUT', reviewPath(other), body, status);
    assert.equal(r.error.field, field, JSON.stringify(r));
  }
  assert.equal((await kpiValues()).length, before);
  assert.equal((await call('GET', reviewPath(other), undefined, 200)).review.state, 'missing');
  await call('PUT', `/api/v1/periods/${period}/measures/999999/review`, { text: 'x' }, 404);
  await call('PUT', '/api/v1/periods/999999/measures/1/review', { text: 'x' }, 404);
});

test('the office sends it back with a comment; the department resubmits; the office confirms; the HQ decides', async () => {
  await call('POST', `${reviewPath()}/confirm`, undefined, 200, 'office').then((r) => assert.equal(r.review.state, 'confirmed'));
  let r = await call('POST', `${reviewPath()}/send-back`, { comment: '   ' }, 422, 'office');
  assert.equal(r.error.field, 'comment');
  r = await call('POST', `${reviewPath()}/send-back`, { comment: 'KPIの根拠を書いてください' }, 200, 'office');
  assert.equal(r.review.state, 'sent_back');
  assert.equal(r.review.office_comment, 'KPIの根拠を書いてください');
  r = await call('PUT', reviewPath(), {
    rating: 'on_track', text: '根拠：窓口集計', kpi_values: [{ kpi_id: ids.kpiId, value: 25 }], submit: true,
  }, 200, 'reporter');
  assert.equal(r.review.state, 'submitted');
  const values = (await kpiValues()).filter((m) => m.period === '2025-12-31');
  assert.deepEqual(values.map((m) => m.value), [25]);          // replaced, not added twice
  r = await call('POST', `${reviewPath()}/confirm`, undefined, 200, 'office');
  assert.equal(r.review.state, 'confirmed');
  await call('POST', `${reviewPath()}/confirm`, undefined, 409, 'office');
  r = await call('POST', `${reviewPath()}/decision`, { decision: 'maybe' }, 422, 'viewer');
  assert.equal(r.error.field, 'decision');
  r = await call('POST', `${reviewPath()}/decision`, { decision: 'expand', note: '全課に展開' }, 200, 'viewer');
  assert.equal(r.review.decision, 'expand');
  assert.equal(r.review.decision_note, '全課に展開');
});

test('the period shows every state by measure and by department, and who is late', async () => {
  const p = await call('GET', `/api/v1/periods/${period}`, undefined, 200);
  const line = p.measures.find((m) => m.measure_id === ids.measureId);
  assert.equal(line.state, 'confirmed');
  assert.equal(line.late, true);                                 // submitted after the deadline 2025-12-31
  assert.ok(line.days_late > 0);
  assert.equal(line.decision, 'expand');
  assert.equal(line.kpis_due, 0);
  assert.equal(p.counts.confirmed, 1);
  assert.equal(p.counts.missing, 29);
  assert.equal(p.counts.late, 30);                               // the deadline 2025-12-31 has passed
  const madoguchi = p.departments.find((d) => d.name === '窓口担当課');
  assert.ok(madoguchi.counts.confirmed >= 1);
  assert.equal(p.departments.reduce((n, d) => n + d.counts.total, 0), 30);
});

test('the plan roll-up counts the confirmed rating in its theme, pillar and plan', async () => {
  const plan = await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200);
  const count = (ru) => ru.ratings.find((x) => x.code === 'on_track').count;
  assert.equal(plan.rollup.measures, 30);
  assert.equal(count(plan.rollup), 1);
  assert.equal(plan.rollup.unrated, 29);
  const pillar = plan.pillars.find((pi) => pi.themes.some((t) => t.measures.some((m) => m.id === ids.measureId)));
  const theme = pillar.themes.find((t) => t.measures.some((m) => m.id === ids.measureId));
  const pr = plan.rollup.pillars.find((x) => x.id === pillar.id);
  assert.equal(count(pr), 1);
  assert.equal(count(pr.themes.find((x) => x.id === theme.id)), 1);
  assert.equal(pr.kpis, pillar.themes.reduce((n, t) => n + t.measures.reduce((k, m) => k + m.kpis.length, 0), 0));
  // the plan page shows the same figures
  const page = await api(srv.url, `/plans/${ids.planId}`);
  const total = page.text.match(/<tr><th scope="row">合計<\/th>(.*?)<\/tr>/)[1];
  const cells = [...total.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
  const level = plan.rating_scale.findIndex((l) => l.code === 'on_track');
  assert.equal(cells[level], '1');
  assert.equal(cells[plan.rating_scale.length], '29');
});

let q4;
test('last quarter is offered as the starting point of the next', async () => {
  q4 = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 4, deadline: '2099-04-15' }, 201, 'office');
  assert.equal(q4.counts.late, 0);                               // the deadline is ahead
  const r = await call('GET', `/api/v1/periods/${q4.id}/measures/${ids.measureId}/review`, undefined, 200);
  assert.equal(r.review.state, 'missing');
  assert.equal(r.previous.text, '根拠：窓口集計');
});

test('the HQ pack lists changed ratings, KPIs off track, missing reports and decisions requested', async () => {
  let pack = await call('GET', `/api/v1/periods/${period}/pack`, undefined, 200);
  assert.deepEqual(pack.rating_changes.map((c) => [c.measure_id, c.from, c.to.code]), [[ids.measureId, null, 'on_track']]);
  assert.equal(pack.without_report.length, 29);
  assert.deepEqual(pack.decisions.map((d) => [d.measure_id, d.decision, d.requested]), [[ids.measureId, 'expand', false]]);
  // Q4: the rating drops to 遅れ (a problem level) and the KPI value is far below its line
  await call('PUT', `/api/v1/periods/${q4.id}/measures/${ids.measureId}/review`, {
    rating: 'delayed', text: '委託先の事情で遅れ', kpi_values: [{ kpi_id: ids.kpiId, value: 1 }], submit: true,
  }, 200, 'reporter');
  pack = await call('GET', `/api/v1/periods/${q4.id}/pack`, undefined, 200);
  assert.deepEqual(pack.rating_changes.map((c) => [c.measure_id, c.from.code, c.to.code, c.to.label]),
    [[ids.measureId, 'on_track', 'delayed', '遅れ']]);
  const d = pack.decisions.find((x) => x.measure_id === ids.measureId);
  assert.equal(d.requested, true);
  assert.equal(d.rating.label, '遅れ');
  const k = pack.kpis_at_risk.find((x) => x.kpi_id === ids.kpiId);
  assert.ok(k, JSON.stringify(pack.kpis_at_risk));
  assert.equal(k.latest, 1);
  assert.ok(['at_risk', 'off_track'].includes(k.status));
  assert.ok(pack.kpis_at_risk.every((x) => ['at_risk', 'off_track'].includes(x.status)));
  assert.equal(pack.counts.submitted, 1);
  // the printable page shows the same lists
  const page = await api(srv.url, `/periods/${q4.id}/pack`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="changes-table"[\s\S]*順調[\s\S]*遅れ/);
  assert.match(page.text, /判断を求める/);
  await call('GET', '/api/v1/periods/999999/pack', undefined, 404);
});

test('each step is refused (403) to the roles that may not make it, and nothing changes', async () => {
  const otherMeasure = ids.plan.pillars[0].themes[1].measures[0];   // 1-2-1: 市民生活課's only
  assert.ok(!otherMeasure.departments.includes('窓口担当課'), otherMeasure.departments.join());
  const other = otherMeasure.id;
  const before = await call('GET', reviewPath(), undefined, 200);
  const otherBefore = await call('GET', `/api/v1/periods/${q4.id}/measures/${other}/review`, undefined, 200);
  const refusals = [
    ['PUT', `/api/v1/periods/${q4.id}/measures/${other}/review`, { rating: 'on_track', text: 'x' }, 'reporter'],
    ['PUT', `/api/v1/periods/${q4.id}/measures/${ids.measureId}/review`, { rating: 'on_track', text: 'x' }, 'viewer'],
    ['POST', `${reviewPath()}/send-back`, { comment: '戻します' }, 'reporter'],
    ['POST', `${reviewPath()}/confirm`, undefined, 'viewer'],
    ['POST', `${reviewPath()}/decision`, { decision: 'continue' }, 'reporter'],
    ['POST', `/api/v1/periods/${period}/close`, undefined, 'viewer'],
    ['POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2026, quarter: 1, deadline: '2026-07-15' }, 'reporter'],
  ];
  for (const [method, p, body, as] of refusals) {
    const r = await call(method, p, body, 403, as);
    assert.equal(r.error.code, 'forbidden', `${as} ${method} ${p}`);
  }
  for (const [method, p, body] of refusals.slice(0, 3)) await call(method, p, body, 401, null);
  assert.deepEqual(await call('GET', reviewPath(), undefined, 200), before);
  assert.deepEqual(await call('GET', `/api/v1/periods/${q4.id}/measures/${other}/review`, undefined, 200), otherBefore);
  assert.equal((await call('GET', `/api/v1/plans/${ids.planId}/periods`, undefined, 200)).total, 2);
});

test('a closed period is read-only', async () => {
  const p = await call('POST', `/api/v1/periods/${period}/close`, undefined, 200, 'office');
  assert.equal(p.status, 'closed');
  assert.equal(p.counts.late, 30);                               // closing keeps the record of who was late
  await call('POST', `/api/v1/periods/${period}/close`, undefined, 409);
  const other = ids.plan.pillars[0].themes[0].measures[0].id;
  const r = await call('PUT', reviewPath(other), { rating: 'on_track', text: 'x' }, 409);
  assert.equal(r.error.field, 'period');
  await call('POST', `${reviewPath()}/decision`, { decision: 'continue' }, 409);
  assert.equal((await call('GET', reviewPath(), undefined, 200)).review.decision, 'expand');
});

test('every step is in the audit log with before and after', async () => {
  // read straight from the database: the audit API is tested on its own
  const out = srv.sql("SELECT action || ':' || CASE WHEN before_json IS NULL THEN 0 ELSE 1 END || ':' || " +
    "CASE WHEN after_json IS NULL THEN 0 ELSE 1 END FROM audit WHERE entity = 'measure_review' ORDER BY id").split('\n');
  assert.deepEqual(out, ['save:0:1', 'submit:1:1', 'confirm:1:1', 'send_back:1:1', 'submit:1:1', 'confirm:1:1', 'decide:1:1', 'submit:0:1']);
  const periods = srv.sql("SELECT action FROM audit WHERE entity = 'review_period' ORDER BY id").split('\n');
  assert.deepEqual(periods, ['create', 'create', 'close']);
  // by whom: the department's reporter, the office, the HQ viewer
  const actors = srv.sql("SELECT actor || ':' || via FROM audit WHERE entity = 'measure_review' ORDER BY id").split('\n');
  const [reporter, office, viewer] = ['reporter', 'office', 'viewer'].map((r) => `${srv.users[r].login}:api`);
  assert.deepEqual(actors, [reporter, reporter, office, office, reporter, office, viewer, reporter]);
});
