'use strict';
// The STEP3 matrix through the API (issue 14 point 3): the office applies a means of its catalogue
// to a surveyed step (POST /api/v1/steps/{id}/applications), changes and removes the application
// (PATCH/DELETE /api/v1/applications/{id}), each write audited with its before and after; every
// refusal names its field and changes nothing (rows and audit log counted before and after); only
// the office and admins write, members read GET /api/v1/orgs/{code}/matrix: the businesses with
// their numbered steps and hours, the means applied with the hours each saves, the applications,
// narrowed by department, means and measure. The inventory is written with sqlite3 here.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
after(() => srv && srv.stop());

const sql = (q) => srv.sql(q);
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);
const hours = (volume, minutes) => (volume * minutes) / 60;

/** One business with its steps [minutes, staff, channel] in a department of an organisation. */
function business(dept, fy, code, volume, steps, org = '322075') {
  const d = sql(`SELECT d.id FROM department d JOIN org o ON o.id = d.org_id WHERE o.code = '${org}' AND d.code = '${dept}'`);
  assert.ok(d, `department ${dept} of ${org}`);
  sql(`INSERT INTO business (department_id, survey_fy, position, code, name, volume) VALUES (${d}, ${fy}, 0, '${code}', '業務${code}', ${volume})`);
  const b = sql('SELECT max(id) FROM business');
  return steps.map(([minutes, staff, channel], i) => {
    sql(`INSERT INTO business_step (business_id, number, name, minutes, staff, channel) VALUES (${b}, ${i + 1}, '手順${i + 1}', ${minutes}, '${staff}', '${channel}')`);
    return Number(sql('SELECT max(id) FROM business_step'));
  });
}
const meansOf = async (name, code = '322075') =>
  (await api(srv.url, `/api/v1/orgs/${code}/means`)).json.items.find((m) => m.name === name).id;
const state = () => sql("SELECT count(*) || '/' || coalesce(group_concat(id || ':' || reduction || ':' || coalesce(CAST(measure_id AS TEXT), '-') || ':' || status), '') FROM means_application") +
  '|' + sql("SELECT count(*) FROM audit WHERE entity = 'means_application'");
const audits = (id) => sql(`SELECT action || ' ' || coalesce(before_json, '-') || ' ' || coalesce(after_json, '-') FROM audit WHERE entity = 'means_application' AND entity_id = ${id} ORDER BY id`).split('\n');

let steps;        // 江津市's steps: madoguchi A (1200 cases: 10 and 5 minutes), jinji B (600 cases: 20 minutes)
let other;        // a step of 印西市
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  steps = [...business('madoguchi', 2024, 'A', 1200, [[10, 'regular', 'counter'], [5, 'fiscal_year', 'internal']]),
    ...business('jinji', 2024, 'B', 600, [[20, 'outsourced', 'phone']])];
  const r = await api(srv.url, '/api/v1/orgs/122319/departments', { method: 'POST', body: { code: 'gyokaku', name: '行政改革推進課' } });
  assert.equal(r.status, 201, r.text);
  other = business('gyokaku', 2024, 'Z', 100, [[1, 'regular', 'counter']], '122319')[0];
});

test('apply a means to a step, change it, remove it: each write audited with before and after', async () => {
  const online = await meansOf('オンライン申請');
  let r = await api(srv.url, `/api/v1/steps/${steps[0]}/applications`, { method: 'POST', body: { means_id: online } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual(r.json, { id, step_id: steps[0], means_id: online, measure_id: null, reduction: 50, planned_fy: null, status: 'planned' },
    "the means' default reduction, planned, no measure yet");
  let a = audits(id);
  assert.equal(a.length, 1);
  assert.match(a[0], /^create - \{.*"reduction":50.*"status":"planned"\}$/);

  r = await api(srv.url, `/api/v1/applications/${id}`, { method: 'PATCH',
    body: { reduction: 30, measure_id: ids.measureId, planned_fy: 2025, status: 'in_progress' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { id, step_id: steps[0], means_id: online, measure_id: ids.measureId, reduction: 30, planned_fy: 2025, status: 'in_progress' });
  a = audits(id);
  assert.match(a[1], /^update \{.*"reduction":50.*\} \{.*"reduction":30.*"planned_fy":2025,"status":"in_progress"\}$/);

  r = await api(srv.url, `/api/v1/applications/${id}`, { method: 'PATCH', body: { measure_id: null, planned_fy: null } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.measure_id, r.json.planned_fy, r.json.reduction], [null, null, 30], 'null clears; the rest stays');

  r = await api(srv.url, `/api/v1/applications/${id}`, { method: 'DELETE' });
  assert.equal(r.status, 204, r.text);
  assert.equal(sql(`SELECT count(*) FROM means_application WHERE id = ${id}`), '0');
  a = audits(id);
  assert.match(a[3], /^delete \{.*"reduction":30.*\} -$/);
  assert.equal((await api(srv.url, `/api/v1/applications/${id}`, { method: 'DELETE' })).status, 404);
});

test('each refusal names its field and changes nothing', async () => {
  const rpa = await meansOf('RPA'), online = await meansOf('オンライン申請');
  const inzaiMeans = await meansOf('RPA', '122319');
  const inzaiMeasure = sql(`SELECT min(id) FROM measure WHERE plan_id = ${ids.inzaiPlanId}`);
  let r = await api(srv.url, `/api/v1/steps/${steps[1]}/applications`, { method: 'POST', body: { means_id: rpa, reduction: 60 } });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  const cases = [
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: inzaiMeans }, 422, 'means_id', "another organisation's means"],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: 999999 }, 422, 'means_id', 'no such means'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: online, measure_id: Number(inzaiMeasure) }, 422, 'measure_id', "another organisation's measure"],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: online, reduction: 101 }, 422, 'reduction', 'over 100 %'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: online, reduction: -1 }, 422, 'reduction', 'below 0 %'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: online, status: 'finished' }, 422, 'status', 'an unknown status'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: online, planned_fy: 'next' }, 422, 'planned_fy', 'not a fiscal year'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, {}, 422, 'means_id', 'no means'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: rpa }, 409, 'means_id', 'the same means twice on a step'],
    ['POST', `/api/v1/steps/${steps[1]}/applications`, { means_id: online, color: 'red' }, 400, 'color', 'an unknown member'],
    ['PATCH', `/api/v1/applications/${id}`, { reduction: 100.5 }, 422, 'reduction', 'a change over 100 %'],
    ['PATCH', `/api/v1/applications/${id}`, { measure_id: Number(inzaiMeasure) }, 422, 'measure_id', "a change to another organisation's measure"],
    ['PATCH', `/api/v1/applications/${id}`, { means_id: online }, 400, 'means_id', 'the means of an application is not changed'],
  ];
  for (const [method, p, body, status, field, why] of cases) {
    const before = state();
    r = await api(srv.url, p, { method, body });
    assert.equal(r.status, status, `${why}: ${r.text}`);
    assert.equal(r.json.error.field, field, `${why}: ${r.text}`);
    assert.equal(state(), before, `${why}: nothing changed`);
  }
  const before = state();
  assert.equal((await api(srv.url, '/api/v1/steps/999999/applications', { method: 'POST', body: { means_id: online } })).status, 404);
  // a step of 印西市 with 江津市's means: the means is not of the step's organisation
  r = await api(srv.url, `/api/v1/steps/${other}/applications`, { method: 'POST', body: { means_id: online } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'means_id');
  assert.equal(state(), before);
  assert.equal((await api(srv.url, `/api/v1/applications/${id}`, { method: 'DELETE' })).status, 204);
});

test('the office and admins write; members read the matrix; the public and other organisations do not', async () => {
  const online = await meansOf('オンライン申請');
  srv.addUser({ login: 'inzai-office-mx', role: 'office', org: '122319' });
  const inzai = await srv.signIn('inzai-office-mx', 'password-inzai-office-mx');
  const before = state();
  for (const [as, status] of [[null, 401], ['viewer', 403], ['reporter', 403], [inzai, 403]]) {
    const r = await api(srv.url, `/api/v1/steps/${steps[0]}/applications`, { method: 'POST', body: { means_id: online }, as });
    assert.equal(r.status, status, `${as && as.login ? 'other org' : as}: ${r.text}`);
  }
  assert.equal(state(), before);
  let r = await api(srv.url, `/api/v1/steps/${steps[0]}/applications`, { method: 'POST', body: { means_id: online }, as: 'office' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  for (const [as, status] of [['viewer', 403], ['reporter', 403], [inzai, 403]]) {
    assert.equal((await api(srv.url, `/api/v1/applications/${id}`, { method: 'PATCH', body: { reduction: 1 }, as })).status, status);
    assert.equal((await api(srv.url, `/api/v1/applications/${id}`, { method: 'DELETE', as })).status, status);
  }
  for (const as of ['viewer', 'reporter', 'office']) assert.equal((await api(srv.url, '/api/v1/orgs/322075/matrix', { as })).status, 200, as);
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/matrix', { as: null })).status, 401);
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/matrix', { as: inzai })).status, 403);
  assert.equal((await api(srv.url, `/api/v1/applications/${id}`, { method: 'DELETE', as: 'office' })).status, 204);
});

test('the matrix: businesses with numbered steps and hours, the means applied and what each saves, filtered', async () => {
  const online = await meansOf('オンライン申請'), rpa = await meansOf('RPA'), nudge = await meansOf('ナッジ');
  const post = async (step, body) => {
    const r = await api(srv.url, `/api/v1/steps/${step}/applications`, { method: 'POST', body });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const a1 = await post(steps[0], { means_id: online, reduction: 50, measure_id: ids.measureId });
  const a2 = await post(steps[0], { means_id: rpa, reduction: 50 });
  const a3 = await post(steps[2], { means_id: nudge, reduction: 10, status: 'done' });
  let r = await api(srv.url, '/api/v1/orgs/322075/matrix', { as: 'viewer' });
  assert.equal(r.status, 200, r.text);
  let m = r.json;
  assert.equal(m.survey_fy, 2024);
  assert.deepEqual(m.survey_years, [2024]);
  assert.deepEqual(m.businesses.map((b) => [b.code, b.department.code, b.steps.map((s) => s.number)]).sort(),
    [['A', 'madoguchi', [1, 2]], ['B', 'jinji', [1]]]);
  const A = m.businesses.find((b) => b.code === 'A');
  near(A.steps[0].hours, hours(1200, 10), 'step ① hours');
  near(A.hours, hours(1200, 10) + hours(1200, 5), 'business hours');
  const base = hours(1200, 10) + hours(1200, 5) + hours(600, 20);
  // two means of 50 % on one step leave 25 %, in the order applied; ナッジ takes 10 % of step B①
  const projected = hours(1200, 10) * 0.25 + hours(1200, 5) + hours(600, 20) * 0.9;
  near(m.baseline_hours, base, 'baseline');
  near(m.projected_hours, projected, 'projected');
  const saved = Object.fromEntries(m.means.map((x) => [x.name, x.saved_hours]));
  assert.deepEqual(Object.keys(saved).sort(), ['RPA', 'オンライン申請', 'ナッジ'].sort(), 'the rows: the means applied');
  near(saved['オンライン申請'], hours(1200, 10) * 0.5, 'オンライン申請 saves');
  near(saved.RPA, hours(1200, 10) * 0.25, 'RPA saves what is left');
  near(saved['ナッジ'], hours(600, 20) * 0.1, 'ナッジ saves');
  assert.deepEqual(m.applications.map((x) => x.id), [a1, a2, a3]);
  assert.equal(m.applications[2].status, 'done');
  // the same projection as the workload figures
  near((await api(srv.url, '/api/v1/orgs/322075/workload')).json.projected_hours, projected, 'the workload API agrees');

  // filters: a department's businesses; a means' applications; a measure's applications
  m = (await api(srv.url, '/api/v1/orgs/322075/matrix?dept=jinji')).json;
  assert.deepEqual(m.businesses.map((b) => b.code), ['B']);
  assert.deepEqual(m.applications.map((x) => x.id), [a3]);
  assert.deepEqual(m.means.map((x) => x.name), ['ナッジ']);
  near(m.baseline_hours, hours(600, 20), "the department's baseline");
  m = (await api(srv.url, `/api/v1/orgs/322075/matrix?means=${rpa}`)).json;
  assert.deepEqual(m.applications.map((x) => x.id), [a2]);
  assert.deepEqual(m.means.map((x) => x.name), ['RPA']);
  near(m.projected_hours, projected, 'a means filter changes no hour');
  m = (await api(srv.url, `/api/v1/orgs/322075/matrix?measure=${ids.measureId}&fy=R6`)).json;
  assert.deepEqual(m.applications.map((x) => x.id), [a1]);
  for (const [q, field] of [['dept=nowhere', 'dept'], ['means=999999', 'means'], ['measure=abc', 'measure'], ['fy=next', 'fy']]) {
    r = await api(srv.url, `/api/v1/orgs/322075/matrix?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.json.error.field, field, q);
  }
  // another year: empty
  m = (await api(srv.url, '/api/v1/orgs/322075/matrix?fy=2030')).json;
  assert.deepEqual([m.survey_fy, m.businesses, m.applications, m.baseline_hours], [2030, [], [], 0]);
  for (const id of [a1, a2, a3]) assert.equal((await api(srv.url, `/api/v1/applications/${id}`, { method: 'DELETE' })).status, 204);
});

// Before any means is applied, the page shows the businesses' steps as columns and, as rows, the
// means that fit a step (its channel, or a flag, is one the means names; a means naming neither
// fits every step): each fitting cell says 候補, and for the office links to the apply form with
// that step and means chosen.
test('the matrix page shows the steps and the candidate means before any is applied', async () => {
  assert.equal(sql('SELECT count(*) FROM means_application'), '0');
  const catalogue = (await api(srv.url, '/api/v1/orgs/322075/means')).json.items;
  const stepChannels = { [steps[0]]: 'counter', [steps[1]]: 'internal', [steps[2]]: 'phone' };   // no flags
  const fits = (m, ch) => (m.channels.length === 0 && m.flags.length === 0) || m.channels.includes(ch);
  const page = (await api(srv.url, '/orgs/322075/workload/matrix', { as: 'viewer' })).text;
  for (const s of steps) assert.ok(page.includes(`id="step-${s}"`), `step ${s} is a column`);
  assert.ok(page.includes(`年${(hours(1200, 10) + hours(1200, 5)).toLocaleString('en')}時間`), "business A's hours a year");
  assert.ok(!page.includes('時間時間'), 'hours said once');
  const rows = [...page.matchAll(/<tr id="means-(\d+)">(.*?)<\/tr>/gs)].map(([, id, row]) => [Number(id), row]);
  const want = catalogue.filter((m) => steps.some((s) => fits(m, stepChannels[s])));
  assert.ok(want.length > 0 && want.length < catalogue.length, 'some means fit, some do not');
  assert.deepEqual(rows.map(([id]) => id).sort(), want.map((m) => m.id).sort(), 'a row a fitting means');
  for (const [id, row] of rows) {
    const m = catalogue.find((x) => x.id === id);
    assert.equal((row.match(/class="candidate"/g) || []).length, steps.filter((s) => fits(m, stepChannels[s])).length, m.name);
  }
  assert.ok(!page.includes('new-step='), 'a viewer gets no link to apply');
  const office = (await api(srv.url, '/orgs/322075/workload/matrix', { as: 'office' })).text;
  const [, step, means] = office.match(/href="\?fy=2024&amp;new-step=(\d+)&amp;new-means=(\d+)#apply"/);
  const form = (await api(srv.url, `/orgs/322075/workload/matrix?fy=2024&new-step=${step}&new-means=${means}`, { as: 'office' })).text;
  assert.match(form, new RegExp(`<option value="${step}" selected>`), 'the step chosen');
  assert.match(form, new RegExp(`<option value="${means}" selected>`), 'the means chosen');
});
