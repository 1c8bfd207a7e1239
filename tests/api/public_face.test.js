'use strict';
// What the public reads of a plan outside its published pages (SPEC §5, issue 4): lists of
// plans, the revision history and the meetings that took measures up show the plan and its
// measures as the latest published version has them. A draft's new title, a measure's new
// wording or a code only the draft has must not reach anyone who is not a member.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

const PUBLISHED_TITLE = 'スマートシティ江津推進構想アクションプラン';
const DRAFT_TITLE = '下書きの計画名（未公開）';
const DRAFT_MEASURE_TITLE = '下書きの施策名（未公開）';

let srv;
let ids;
let taken;          // a measure a meeting took up (3-3-1 in the seed)
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  const meetings = (await api(srv.url, '/api/v1/orgs/322075/meetings')).json;
  taken = meetings.items.flatMap((i) => i.meeting.measures || [])[0];
  assert.ok(taken && taken.code === '3-3-1', `a meeting takes up 3-3-1, got ${JSON.stringify(taken)}`);
  const plan = await api(srv.url, `/api/v1/plans/${ids.planId}`, { method: 'PATCH', body: { title: DRAFT_TITLE }, as: 'office' });
  assert.equal(plan.status, 200, plan.text);
  const m = await api(srv.url, `/api/v1/measures/${taken.id}`, { method: 'PATCH', body: { title: DRAFT_MEASURE_TITLE }, as: 'office' });
  assert.equal(m.status, 200, m.text);
});
after(() => srv && srv.stop());

const anyDraftWording = (text) => text.includes(DRAFT_TITLE) || text.includes(DRAFT_MEASURE_TITLE);

test('lists of plans show the public the published title, members the draft\'s', async () => {
  const pub = (await api(srv.url, '/api/v1/orgs/322075/plans', { as: null })).json;
  assert.deepEqual(pub.items.map((p) => [p.title, p.version, p.published, 'measures' in p]),
    [[PUBLISHED_TITLE, '1.2', '2024-03-26', false]]);
  const org = (await api(srv.url, '/api/v1/orgs/322075', { as: null })).json;
  assert.deepEqual(org.plans.map((p) => p.title), [PUBLISHED_TITLE]);
  for (const page of ['/', '/orgs/322075']) {
    const html = (await api(srv.url, page, { as: null })).text;
    assert.ok(html.includes(`/plans/${ids.planId}/published">${PUBLISHED_TITLE}</a>`), `${page} links the published title`);
    assert.ok(!anyDraftWording(html), `${page} shows no draft wording`);
  }
  const own = (await api(srv.url, '/api/v1/orgs/322075/plans', { as: 'viewer' })).json;
  assert.deepEqual(own.items.map((p) => [p.title, p.measures]), [[DRAFT_TITLE, 30]]);
  const home = (await api(srv.url, '/', { as: 'viewer' })).text;
  assert.ok(home.includes(`/plans/${ids.planId}">${DRAFT_TITLE}</a>`), 'members see the draft');
});

test('the revision history shows the public the published version, without the comparison with the draft', async () => {
  const html = (await api(srv.url, `/plans/${ids.planId}/versions`, { as: null })).text;
  assert.ok(html.includes(PUBLISHED_TITLE) && !anyDraftWording(html), 'the published title only');
  assert.ok(html.includes(`<a href="/plans/${ids.planId}/published">${PUBLISHED_TITLE}</a>`), 'the crumb leads to the published plan');
  assert.ok(html.includes('<th scope="row">1.2</th><td class="date">2024-03-26</td>'), 'its history');
  assert.ok(!html.includes('to=draft'), 'no link to a comparison the public may not open');
  const own = (await api(srv.url, `/plans/${ids.planId}/versions`, { as: 'viewer' })).text;
  assert.ok(own.includes(DRAFT_TITLE) && own.includes('to=draft'), 'members see the draft and can compare');
});

test('meetings name the published plan and measure to the public', async () => {
  for (const path of ['/api/v1/orgs/322075/meetings', '/api/v1/orgs/322075/bodies']) {
    const r = await api(srv.url, path, { as: null });
    assert.equal(r.status, 200, r.text);
    assert.ok(!anyDraftWording(r.text), `${path} shows no draft wording`);
  }
  const pub = (await api(srv.url, '/api/v1/orgs/322075/meetings', { as: null })).json;
  const first = pub.items.flatMap((i) => i.meeting.measures || [])[0];
  assert.deepEqual(first, { ...taken, plan: PUBLISHED_TITLE }, 'the published plan and measure, with its id');
  const own = (await api(srv.url, '/api/v1/orgs/322075/meetings', { as: 'viewer' })).json;
  const mine = own.items.flatMap((i) => i.meeting.measures || [])[0];
  assert.deepEqual([mine.plan, mine.title], [DRAFT_TITLE, DRAFT_MEASURE_TITLE]);
  for (const page of ['/orgs/322075/meetings', '/orgs/322075/bodies']) {
    const html = (await api(srv.url, page, { as: null })).text;
    assert.ok(!anyDraftWording(html), `${page} shows no draft wording`);
  }
  const bodies = (await api(srv.url, '/api/v1/orgs/322075/bodies', { as: null })).json;
  const body = bodies.items.find((b) => (b.meetings || []).some((mt) => (mt.measures || []).length));
  const html = (await api(srv.url, `/bodies/${body.id}`, { as: null })).text;
  assert.ok(html.includes(`/plans/${ids.planId}/published/measures/3-3-1">3-3-1 ${taken.title}</a>`), 'the sheet it links is the published one');
});

test('a code only the draft has is shown to the public as a code, without id or title', async () => {
  const r = await api(srv.url, `/api/v1/measures/${taken.id}`, { method: 'PATCH', body: { code: '3-3-9' }, as: 'office' });
  assert.equal(r.status, 200, r.text);
  try {
    const pub = (await api(srv.url, '/api/v1/orgs/322075/meetings', { as: null })).json;
    const first = pub.items.flatMap((i) => i.meeting.measures || [])[0];
    assert.deepEqual(first, { plan: PUBLISHED_TITLE, code: '3-3-9', note: taken.note });
    const bodies = (await api(srv.url, '/api/v1/orgs/322075/bodies', { as: null })).json;
    const body = bodies.items.find((b) => (b.meetings || []).some((mt) => (mt.measures || []).length));
    const html = (await api(srv.url, `/bodies/${body.id}`, { as: null })).text;
    assert.ok(html.includes('：3-3-9 <span class="muted small">'), 'the page shows the code alone');
    assert.ok(!html.includes('/published/measures/3-3-9'), 'and no link to a sheet the version lacks');
  } finally {
    await api(srv.url, `/api/v1/measures/${taken.id}`, { method: 'PATCH', body: { code: '3-3-1' }, as: 'office' });
  }
});

test('the rating scale the public reads is the published version\'s', async () => {
  const before = (await api(srv.url, `/api/v1/plans/${ids.planId}/rating-scale`, { as: null })).json;
  const put = await api(srv.url, `/api/v1/plans/${ids.planId}/rating-scale`, { method: 'PUT', body: { preset: 'letters' }, as: 'office' });
  assert.equal(put.status, 200, put.text);
  const own = (await api(srv.url, `/api/v1/plans/${ids.planId}/rating-scale`, { as: 'viewer' })).json;
  assert.deepEqual(own.levels.map((l) => l.code), ['a', 'b', 'c', 'd']);
  const pub = (await api(srv.url, `/api/v1/plans/${ids.planId}/rating-scale`, { as: null })).json;
  assert.deepEqual(pub, before, 'unchanged for the public until the plan is published again');
  assert.ok(pub.levels.some((l) => l.code === 'on_track'));
  const draft = await api(srv.url, '/api/v1/orgs/122319/plans', { method: 'POST', body: { title: '未公開の計画', kind: 'strategy' } });
  assert.equal(draft.status, 201, draft.text);
  const never = await api(srv.url, `/api/v1/plans/${draft.json.id}/rating-scale`, { as: null });
  assert.equal(never.status, 404, 'a plan never published has no scale for the public');
});

test('a version read again (each server thread keeps it parsed) carries the draft\'s ids of now, not of an earlier request', async () => {
  const measuresOf = (plan) => plan.pillars.flatMap((p) => p.themes.flatMap((t) => t.measures));
  const find = (plan) => measuresOf(plan).find((m) => m.code === '1-1-3');
  for (let i = 0; i < 4; i++) {           // every server thread reads it, with the measure's id
    const pub = (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as: null })).json;
    assert.equal(find(pub).id, ids.measureId);
    assert.ok(find(pub).kpis.every((k) => k.id > 0));
  }
  const del = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'DELETE', as: 'office' });
  assert.equal(del.status, 204, del.text);
  for (let i = 0; i < 4; i++) {
    const pub = (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as: null })).json;
    const gone = find(pub);
    assert.ok(gone && !('id' in gone), `read ${i}: no id for the measure the draft lost, got ${gone && gone.id}`);
    assert.ok(gone.kpis.every((k) => !('id' in k)), 'nor for its KPIs');
    assert.ok(pub.id === ids.planId && measuresOf(pub).filter((m) => m.id > 0).length === 29, 'the others keep theirs');
    const sheet = await api(srv.url, `/plans/${ids.planId}/published/measures/1-1-3`, { as: null });
    assert.equal(sheet.status, 200);
    assert.ok(sheet.text.includes('書かない窓口'), 'the published sheet still reads');
  }
});
