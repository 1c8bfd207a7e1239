'use strict';
// A plan's rating scale (issue 3, point 4): shown with GET (the default scale when the plan has
// none), replaced with PUT by levels or a preset (letter grades A–D, or the default); bad levels
// are refused naming the level and change nothing; a level that rates reviews cannot go; reviews
// are rated on the plan's scale; every change is in the audit log.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

async function call(method, p, body, status) {
  const r = await api(srv.url, p, { method, body });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}
const scale = (plan) => `/api/v1/plans/${plan}/rating-scale`;

test('the demo plan has its own five levels', async () => {
  const s = await call('GET', scale(ids.planId), undefined, 200);
  assert.equal(s.default, false);
  assert.deepEqual(s.levels.map((l) => l.label), ['完了', '順調', 'やや遅れ', '遅れ', '未着手']);
  await call('GET', scale(999999), undefined, 404);
});

test('bad levels are refused, naming the level, and nothing changes', async () => {
  const before = await call('GET', scale(ids.inzaiPlanId), undefined, 200);
  const ok = { code: 'good', label: '良好' };
  const cases = [
    [{ levels: [ok, { code: 'Bad Code', label: 'x' }] }, 'levels[1].code'],
    [{ levels: [ok, { code: 'good', label: 'again' }] }, 'levels[1].code'],
    [{ levels: [{ code: 'x', label: '　' }] }, 'levels[0].label'],
    [{ levels: [{ code: 'x', label: 'x', color: 'red' }] }, 'levels[0].color'],
    [{ levels: [{ code: 'x', label: 'x', problem: 'yes' }] }, 'levels[0].problem'],
    [{ levels: Array.from({ length: 17 }, (_, i) => ({ code: `l${i}`, label: `L${i}` })) }, 'levels'],
    [{ preset: 'stars' }, 'preset'],
    [{}, 'levels'],
  ];
  for (const [body, field] of cases) {
    const r = await call('PUT', scale(ids.inzaiPlanId), body, 422);
    assert.equal(r.error.field, field, JSON.stringify(r));
  }
  assert.deepEqual(await call('GET', scale(ids.inzaiPlanId), undefined, 200), before);
});

test('letter grades A–D; reviews are then rated on them', async () => {
  const s = await call('PUT', scale(ids.inzaiPlanId), { preset: 'letters' }, 200);
  assert.deepEqual(s.levels.map((l) => [l.code, l.label, l.problem]),
    [['a', 'A（順調）', false], ['b', 'B（概ね順調）', false], ['c', 'C（遅れ）', true], ['d', 'D（大幅な遅れ）', true]]);
  const period = await call('POST', `/api/v1/plans/${ids.inzaiPlanId}/periods`, { fy: 2025, quarter: 2, deadline: '2025-10-15' }, 201);
  const measure = period.measures[0].measure_id;
  const path = `/api/v1/periods/${period.id}/measures/${measure}/review`;
  const bad = await call('PUT', path, { rating: 'on_track', text: 'x', submit: true }, 422);
  assert.equal(bad.error.field, 'rating');
  await call('PUT', path, { rating: 'b', text: '概ね予定どおり', submit: true }, 200);
  const plan = await call('GET', `/api/v1/plans/${ids.inzaiPlanId}`, undefined, 200);
  assert.equal(plan.rollup.ratings.find((x) => x.code === 'b').count, 1);
});

test('a level that rates reviews cannot be removed, but may be renamed', async () => {
  const levels = (await call('GET', scale(ids.inzaiPlanId), undefined, 200)).levels;
  const without = levels.filter((l) => l.code !== 'b');
  const r = await call('PUT', scale(ids.inzaiPlanId), { levels: without }, 409);
  assert.equal(r.error.field, 'levels');
  assert.match(r.error.message, /"b"/);
  const renamed = levels.map((l) => (l.code === 'b' ? { ...l, label: 'B（おおむね順調）', color: '#0031d8' } : l));
  const s = await call('PUT', scale(ids.inzaiPlanId), { levels: renamed }, 200);
  assert.equal(s.levels.find((l) => l.code === 'b').label, 'B（おおむね順調）');
  await call('PUT', scale(ids.inzaiPlanId), { preset: 'default' }, 409);     // "b" is in use
  // the page says it in the reader's words, naming the level
  const s2 = await srv.session('admin');
  const page = await api(srv.url, `/plans/${ids.inzaiPlanId}/rating-scale`, { method: 'POST', as: s2,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: s2.csrf, action: 'default' }).toString() });
  assert.equal(page.status, 409);
  const error = page.text.match(/すでに評価に使われている段階は削除できません[^<]*/);
  assert.ok(error, 'the error is on the page');
  assert.equal(error[0], 'すでに評価に使われている段階は削除できません：b');
});

test('a plan can go back to the default scale, and every change is audited', async () => {
  const s = await call('PUT', scale(ids.planId), { preset: 'default' }, 200);
  assert.equal(s.default, true);
  assert.deepEqual(s.levels.map((l) => l.label), ['順調', '概ね順調', '遅れ', '大幅な遅れ', '完了']);
  const doc = await call('GET', '/api/v1/orgs/322075/document', undefined, 200);
  assert.equal(doc.plans[0].rating_scale, undefined);                   // the document holds no scale of its own
  const log = await call('GET', `/api/v1/audit?entity=rating_scale&id=${ids.planId}`, undefined, 200);
  assert.equal(log.total, 1);
  assert.match(JSON.stringify(log.items[0].before), /やや遅れ/);
  assert.deepEqual(log.items[0].after, []);
  const inzai = await call('GET', `/api/v1/audit?entity=rating_scale&id=${ids.inzaiPlanId}`, undefined, 200);
  assert.equal(inzai.total, 2);                                         // letters, then the rename
});
