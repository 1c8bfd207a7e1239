'use strict';
// Plan versions (issue 3, point 6): an imported plan's stated version is kept as a published
// snapshot; the office changes a KPI target in the working draft and publishes 1.3 with change
// notes; 1.2 and 1.3 compare with the target change field by field; the revision history shows
// the seed's 1.0 → 1.1 → 1.2 and the new 1.3. Bad input is refused and publishes nothing.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
let undecided;                       // a KPI of 江津市 whose 2026 target is 未決定
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures)
        for (const k of m.kpis)
          if (!undecided && k.target.state === 'undecided') undecided = { ...k, measure: m.code };
});
after(() => srv && srv.stop());

async function call(method, p, body, status) {
  const r = await api(srv.url, p, { method, body });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}
const versions = () => call('GET', `/api/v1/plans/${ids.planId}/versions`, undefined, 200);

test('the imported plan is published as version 1.2, with its notes and a snapshot', async () => {
  const v = await versions();
  assert.equal(v.total, 1);
  assert.equal(v.items[0].label, '1.2');
  assert.equal(v.items[0].date, '2024-03-26');
  assert.equal(v.items[0].notes.length, 3);
  const one = await call('GET', `/api/v1/versions/${v.items[0].id}`, undefined, 200);
  assert.equal(one.document.format, 'kawaru-plan/1');
  assert.equal(one.document.plans.length, 1);
  assert.equal(one.document.plans[0].version, '1.2');
  const inzai = await call('GET', `/api/v1/plans/${ids.inzaiPlanId}/versions`, undefined, 200);
  assert.deepEqual(inzai.items.map((x) => x.label), ['案']);            // 印西市's 案, published for public comment
});

test('refused publications write nothing', async () => {
  for (const [body, field, status] of [
    [{ label: '' }, 'label', 422],
    [{ label: '1.3', date: '2025-02-30' }, 'date', 422],
    [{ label: '1.3', notes: 'one' }, 'notes', 422],
    [{ label: '1.2' }, 'label', 409],
  ]) {
    const r = await call('POST', `/api/v1/plans/${ids.planId}/versions`, body, status);
    assert.equal(r.error.field, field);
  }
  assert.equal((await versions()).total, 1);
  assert.equal((await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200)).version, '1.2');
});

test('a target set in the draft, published as 1.3, shows in the comparison', async () => {
  await call('PATCH', `/api/v1/kpis/${undecided.id}`, { target: { value: 50, fy: 2026 } }, 200);
  const draft = await call('GET', `/api/v1/plans/${ids.planId}/compare?from=${(await versions()).items[0].id}&to=draft`, undefined, 200);
  assert.ok(draft.changes.some((c) => c.entity === 'kpi' && c.kind === 'changed'));
  // the published version still shows 未決定 until 1.3 is published; the draft shows 50
  const targetIn = (doc) => {
    for (const pi of doc.plans[0].pillars)
      for (const t of pi.themes)
        for (const m of t.measures)
          if (m.code === undecided.measure) return m.kpis.find((k) => k.name === undecided.name).target;
    return undefined;
  };
  let published = await call('GET', `/api/v1/plans/${ids.planId}/published`, undefined, 200);
  assert.equal(published.label, '1.2');
  assert.deepEqual(targetIn(published.document), { state: 'undecided' });
  const sheet = (await api(srv.url, `/plans/${ids.planId}/published/measures/${encodeURIComponent(undecided.measure)}`)).text;
  assert.match(sheet, /公開版：1\.2/);
  assert.match(sheet, /未決定/);
  assert.doesNotMatch(sheet, /50%/);
  const v13 = await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.3', date: '2026-04-01', notes: ['KPI目標を設定'] }, 201);
  published = await call('GET', `/api/v1/plans/${ids.planId}/published`, undefined, 200);
  assert.equal(published.label, '1.3');
  assert.deepEqual(targetIn(published.document), { value: 50, fy: 2026 });
  assert.match((await api(srv.url, `/plans/${ids.planId}/published`)).text, /公開版：1\.3（2026-04-01）/);
  const unpublished = await call('POST', '/api/v1/orgs/122319/plans', { title: '未公開の計画', kind: 'strategy' }, 201);
  await call('GET', `/api/v1/plans/${unpublished.id}/published`, undefined, 404);         // never published
  assert.equal((await api(srv.url, `/plans/${ids.planId}/published/measures/no-such-code`)).status, 404);
  assert.equal(v13.label, '1.3');
  assert.equal(v13.document.plans[0].version, '1.3');
  const plan = await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200);
  assert.equal(plan.version, '1.3');
  assert.equal(plan.published, '2026-04-01');
  assert.deepEqual(plan.revisions.map((r) => r.version), ['1.0', '1.1', '1.2', '1.3']);
  assert.deepEqual(plan.revisions[3].notes, ['KPI目標を設定']);
  const [v12] = (await versions()).items;
  const cmp = await call('GET', `/api/v1/plans/${ids.planId}/compare?from=${v12.id}&to=${v13.id}`, undefined, 200);
  const kpi = cmp.changes.find((c) => c.entity === 'kpi');
  assert.equal(kpi.key, `${undecided.measure} ${undecided.name ?? ''}`);
  assert.deepEqual(kpi.fields, [{ name: 'target', before: { state: 'undecided' }, after: { value: 50, fy: 2026 } }]);
  const planChange = cmp.changes.find((c) => c.entity === 'plan');
  assert.deepEqual(planChange.fields.map((f) => [f.name, f.before, f.after]),
    [['version', '1.2', '1.3'], ['published', '2024-03-26', '2026-04-01']]);
  assert.equal(cmp.total, 2);
  // right after publishing, the draft is the version
  const same = await call('GET', `/api/v1/plans/${ids.planId}/compare?from=${v13.id}&to=draft`, undefined, 200);
  assert.equal(same.total, 0);
  // the exported document carries the new version and its history
  const doc = await call('GET', '/api/v1/orgs/322075/document', undefined, 200);
  assert.equal(doc.plans[0].version, '1.3');
  // the page shows the same change in words
  const page = await api(srv.url, `/plans/${ids.planId}/compare?from=${v12.id}&to=${v13.id}`);
  assert.match(page.text, /目標値<\/strong>：未決定 → 50（2026年度（令和8年度））/);   // in words
});

test('comparisons refuse what is not a version of the plan', async () => {
  const [v12] = (await versions()).items;
  let r = await call('GET', `/api/v1/plans/${ids.planId}/compare?from=abc&to=draft`, undefined, 400);
  assert.equal(r.error.field, 'from');
  r = await call('GET', `/api/v1/plans/${ids.planId}/compare?from=${v12.id}`, undefined, 400);
  assert.equal(r.error.field, 'to');
  await call('GET', `/api/v1/plans/${ids.inzaiPlanId}/compare?from=${v12.id}&to=draft`, undefined, 404);
  await call('GET', '/api/v1/versions/999999', undefined, 404);
});

test('the revision history page shows 1.0 → 1.1 → 1.2 → 1.3, with snapshots where kawaru has them', async () => {
  const page = await api(srv.url, `/plans/${ids.planId}/versions`);
  assert.equal(page.status, 200);
  const rows = [...page.text.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="date">([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rows, [['1.0', '2023-03-31'], ['1.1', '2023-09-30'], ['1.2', '2024-03-26'], ['1.3', '2026-04-01']]);
  assert.equal((page.text.match(/記録なし/g) || []).length, 2);           // 1.0 and 1.1 predate kawaru
  assert.match(page.text, /初版発行/);
  const log = await call('GET', `/api/v1/audit?entity=plan_version`, undefined, 200);
  assert.deepEqual(log.items.map((e) => e.after.label).sort(), ['1.2', '1.3', '案']);   // 案: 印西市's demo
});
