'use strict';
// Replacing a document keeps history (issue 12, point 1). 江津市 gets a quarter with a confirmed
// report (closed afterwards), a published version 1.3, a published and answered opinion, an inbox
// and a contact e-mail, and an API token pushing KPI values. Then its document, with one progress
// item changed, replaces it: the dry run lists exactly that one change and writes nothing; the
// replacement keeps all of the above and every KPI id (the token's next value lands in the same
// KPI), changes only the working draft, and audits the changed row with before and after. A
// document that drops a measure with reports is refused with 409 naming it, unless prune keeps
// the measure as abolished; a document that would change the published version is refused.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
let period;
let token;
let opinion;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

async function call(method, p, body, status, as) {
  const r = await api(srv.url, p, { method, body, as, headers: typeof body === 'string' ? { 'Content-Type': 'application/json' } : {} });
  assert.equal(r.status, status, `${method} ${p} → ${r.status} ${r.text.slice(0, 600)}`);
  return r.json;
}
const documentText = async () => (await api(srv.url, '/api/v1/orgs/322075/document')).text;
const kpiIds = async () => {
  const plan = await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200);
  return plan.pillars.flatMap((pi) => pi.themes.flatMap((t) => t.measures.flatMap((m) => m.kpis.map((k) => `${m.code} ${k.id}`))));
};
const push = (value, period) => api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, {
  method: 'POST', as: null, headers: { Authorization: `Bearer ${token}` }, body: { period, value } });
/** What must survive a replacement: quarters, reviews, versions, opinions, inbox, e-mail. */
async function history() {
  const periods = await call('GET', `/api/v1/plans/${ids.planId}/periods`, undefined, 200);
  const review = await call('GET', `/api/v1/periods/${period}/measures/${ids.measureId}/review`, undefined, 200);
  const versions = await call('GET', `/api/v1/plans/${ids.planId}/versions`, undefined, 200);
  const opinions = await call('GET', `/api/v1/plans/${ids.planId}/published/measures/1-1-3/feedback`, undefined, 200, null);
  const dept = (await call('GET', '/api/v1/orgs/322075', undefined, 200)).departments.find((d) => d.code === 'madoguchi');
  const inbox = await call('GET', `/api/v1/departments/${dept.id}/inbox`, undefined, 200);
  return {
    periods: periods.items.map((p) => [p.id, p.fy, p.quarter, p.status]),
    review: [review.review.state, review.review.rating, review.review.text],
    versions: versions.items.map((v) => [v.id, v.label]),
    opinions: opinions.items.map((o) => [o.id, o.text, o.answer]),
    dept: [dept.id, dept.email],
    inbox: inbox.total,
  };
}

test('a confirmed quarter, version 1.3, an answered opinion, an inbox, an e-mail and a token', async () => {
  period = (await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 201, 'office')).id;
  await call('PUT', `/api/v1/periods/${period}/measures/${ids.measureId}/review`, {
    rating: 'on_track', text: '窓口のBPRを実施', kpi_values: [{ kpi_id: ids.kpiId, value: 20 }], submit: true }, 200, 'reporter');
  await call('POST', `/api/v1/periods/${period}/measures/${ids.measureId}/review/confirm`, {}, 200, 'office');
  await call('POST', `/api/v1/periods/${period}/close`, {}, 200, 'office');
  await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.3', date: '2025-10-01', notes: ['四半期の反映'] }, 201, 'office');
  opinion = await call('POST', `/api/v1/plans/${ids.planId}/published/measures/1-1-3/feedback`, { text: '窓口が早くなった' }, 201, null);
  await call('POST', `/api/v1/feedback/${opinion.id}/moderation`, { decision: 'publish', answer: 'ありがとうございます' }, 200, 'office');
  const dept = (await call('GET', '/api/v1/orgs/322075', undefined, 200)).departments.find((d) => d.code === 'madoguchi');
  await call('PATCH', `/api/v1/departments/${dept.id}`, { email: 'madoguchi@city.example.jp' }, 200, 'office');
  const made = spawnSync(srv.bin, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', '基幹系'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  token = made.stdout.trim();
  assert.equal((await push(21, '2025-10-31')).status, 201);
});

test('the document with one progress item changed: the dry run lists that one change and writes nothing', async () => {
  const doc = JSON.parse(await documentText());
  const m = doc.plans[0].pillars[0].themes[0].measures.find((x) => x.code === '1-1-3');
  m.progress[0].items[0] += '（江津市内の窓口）';
  const before = await documentText();
  const audits = (await call('GET', '/api/v1/audit?limit=1', undefined, 200)).total;
  const dry = await call('PUT', '/api/v1/orgs/322075/document?dry_run=1', JSON.stringify(doc), 200, 'office');
  assert.equal(dry.dry_run, true);
  assert.equal(dry.applied, false);
  assert.deepEqual(dry.changes.map((c) => [c.entity, c.kind, c.key, (c.fields || []).map((f) => f.name)]),
    [['measure', 'changed', '1-1-3', ['progress']]]);
  assert.match(JSON.stringify(dry.changes[0].fields[0].after), /江津市内の窓口/);
  assert.equal(await documentText(), before, 'a dry run writes nothing');
  assert.equal((await call('GET', '/api/v1/audit?limit=1', undefined, 200)).total, audits);
});

test('the replacement keeps every quarter, review, version, opinion, inbox, e-mail and KPI id', async () => {
  const was = await history();
  const kpisBefore = await kpiIds();
  const doc = JSON.parse(await documentText());
  const m = doc.plans[0].pillars[0].themes[0].measures.find((x) => x.code === '1-1-3');
  m.progress[0].items[0] += '（江津市内の窓口）';
  const r = await call('PUT', '/api/v1/orgs/322075/document', JSON.stringify(doc), 200, 'office');
  assert.equal(r.changes.length, 1);
  assert.deepEqual(await history(), was);
  assert.deepEqual(await kpiIds(), kpisBefore);
  // the token's next value lands in the same KPI
  assert.equal((await push(22, '2025-11-30')).status, 201);
  const k = await call('GET', `/api/v1/kpis/${ids.kpiId}`, undefined, 200);
  assert.deepEqual(k.measurements.filter((x) => x.source === '基幹系').map((x) => x.value), [21, 22]);
  // only the draft changed: the published version still reads as before
  const sheet = await api(srv.url, `/plans/${ids.planId}/published/measures/1-1-3`, { as: null });
  assert.doesNotMatch(sheet.text, /江津市内の窓口/);
  assert.match((await api(srv.url, `/measures/${ids.measureId}`)).text, /江津市内の窓口/);
  // its own audit entry, with before and after
  const log = await call('GET', `/api/v1/audit?entity=measure&id=${ids.measureId}&limit=1`, undefined, 200);
  assert.equal(log.items[0].action, 'update');
  assert.doesNotMatch(JSON.stringify(log.items[0].before), /江津市内の窓口/);
  assert.match(JSON.stringify(log.items[0].after), /江津市内の窓口/);
  // the same document again: it lacks the value the token pushed since, which stays (history)
  const again = await call('PUT', '/api/v1/orgs/322075/document?dry_run=1', JSON.stringify(doc), 200, 'office');
  assert.deepEqual(again.changes.map((c) => [c.entity, c.kind, c.key]), [['measurement', 'kept', '1-1-3 2025-11-30']]);
  const fresh = await call('PUT', '/api/v1/orgs/322075/document?dry_run=1', await documentText(), 200, 'office');
  assert.deepEqual(fresh.changes, []);
});

test('a document dropping a measure with reports is refused with 409 naming it; prune keeps it as abolished', async () => {
  const doc = JSON.parse(await documentText());
  const theme = doc.plans[0].pillars[0].themes[0];
  theme.measures = theme.measures.filter((x) => x.code !== '1-1-3');
  for (const x of theme.measures) if (x.links) x.links = x.links.filter((l) => l !== '1-1-3');
  delete doc.plans[0].logic_model;      // it links 1-1-3; a document without one keeps the stored model
  const before = await documentText();
  const refused = await call('PUT', '/api/v1/orgs/322075/document', JSON.stringify(doc), 409, 'office');
  assert.equal(refused.error.code, 'conflict');
  const named = refused.error.details.map((d) => [d.entity, d.key]);
  assert.ok(named.some(([e, k]) => e === 'measure' && k === '1-1-3'), JSON.stringify(named));
  assert.match(refused.error.details.find((d) => d.key === '1-1-3').message, /review/);
  assert.equal(await documentText(), before, 'a refused replacement writes nothing');
  // with prune: kept as abolished, history and all
  const was = await history();
  const pruned = await call('PUT', '/api/v1/orgs/322075/document?prune=1', JSON.stringify(doc), 200, 'office');
  assert.ok(pruned.changes.some((c) => c.entity === 'measure' && c.kind === 'abolished' && c.key === '1-1-3'));
  const m = await call('GET', `/api/v1/measures/${ids.measureId}`, undefined, 200);
  assert.equal(m.status, 'abolished');
  assert.equal(m.kpis[0].id, ids.kpiId);
  assert.deepEqual(await history(), was);
  // a document that still lacks it leaves it as it is
  const quiet = await call('PUT', '/api/v1/orgs/322075/document?dry_run=1', JSON.stringify(doc), 200, 'office');
  assert.deepEqual(quiet.changes.filter((c) => c.key === '1-1-3'), []);
});

test('publishing is not a replacement: a document changing the version is refused', async () => {
  const doc = JSON.parse(await documentText());
  doc.plans[0].version = '1.4';
  const refused = await call('PUT', '/api/v1/orgs/322075/document', JSON.stringify(doc), 409, 'office');
  assert.match(refused.error.details[0].message, /publishing/);
  const bad = await api(srv.url, '/api/v1/orgs/322075/document?dry_run=maybe', {
    method: 'PUT', body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'dry_run');
});
