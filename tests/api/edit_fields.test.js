'use strict';
// Every field of the plan is writable through the API (issue 12 point 2): a measure's schedule
// and progress per FY and quarter, a KPI's code, missing name and 廃止, a plan's code, めざす姿,
// principles and goals, 廃止 of pillars, themes and departments, a measurement corrected, and
// the bodies and meetings. Each write is audited with before and after and shows in the
// compare with the published version; bad input names its field and changes nothing.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, withQuery, demoIds, orgCode } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const call = async (method, path, body, status) => {
  const r = await api(srv.url, path, { method, body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.json;
};
const measurePath = () => `/api/v1/measures/${ids.measureId}`;
const compareDraft = async () => {
  const v = await call('GET', `/api/v1/plans/${ids.planId}/versions`, undefined, 200);
  return call('GET', `/api/v1/plans/${ids.planId}/compare?from=${v.items[0].id}&to=draft`, undefined, 200);
};

test('schedule and progress: items added, edited, reordered and removed per FY and quarter; audited; compared', async () => {
  const m0 = await call('GET', measurePath(), undefined, 200);
  const schedule = [
    { fy: 2025, items: ['申請書の見直し', '窓口支援システムの選定'] },
    { fy: 2025, quarter: 2, items: ['試行開始'] },
    { fy: 2026, items: ['全窓口で運用'] },
  ];
  let m = await call('PATCH', measurePath(), { schedule }, 200);
  assert.deepEqual(m.schedule, schedule);
  // reorder and edit one item, remove a quarter: the list is replaced as a whole
  const schedule2 = [
    { fy: 2025, items: ['窓口支援システムの選定', '申請書様式の見直し'] },
    { fy: 2026, items: ['全窓口で運用'] },
  ];
  m = await call('PATCH', measurePath(), { schedule: schedule2, progress: [{ fy: 2024, quarter: 4, items: ['研修'] }] }, 200);
  assert.deepEqual(m.schedule, schedule2);
  assert.deepEqual(m.progress, [{ fy: 2024, quarter: 4, items: ['研修'] }]);
  assert.equal(m.title, m0.title, 'other fields stay');
  // the audit entry holds before and after
  const h = await call('GET', withQuery(`/api/v1/measures/${ids.measureId}/history`, { limit: 1 }), undefined, 200);
  assert.equal(h.items[0].entity, 'measure');
  const texts = (list) => list.flatMap((s) => s.items);
  assert.deepEqual(h.items[0].after.schedule.map((s) => s.text), texts(schedule2));   // one row per item
  assert.deepEqual(h.items[0].before.schedule.map((s) => s.text), texts(schedule));
  // the compare with the published version names the field
  const cmp = await compareDraft();
  const change = cmp.changes.find((c) => c.entity === 'measure' && c.kind === 'changed' && c.fields.some((f) => f.name === 'schedule'));
  assert.ok(change, JSON.stringify(cmp.changes.map((c) => [c.entity, c.key])));
  // null clears
  m = await call('PATCH', measurePath(), { progress: null }, 200);
  assert.equal(m.progress, undefined);
});

test('bad schedules are refused naming the item, and nothing changes', async () => {
  const before = await call('GET', measurePath(), undefined, 200);
  const bad = [
    [{ schedule: [{ fy: 2025, items: ['a'] }, { fy: 2025, items: ['b'] }] }, 'schedule[1].fy'],
    [{ schedule: [{ fy: 2025, quarter: 1, items: ['a'] }, { fy: 2025, quarter: 1, items: ['b'] }] }, 'schedule[1].quarter'],
    [{ progress: [{ fy: 2025, items: [] }] }, 'progress[0].items'],
    [{ progress: [{ fy: 2025, quarter: 5, items: ['a'] }] }, 'progress[0].quarter'],
    [{ progress: [{ items: ['a'] }] }, 'progress[0].fy'],
    [{ progress: [{ fy: 2025, items: ['　'] }] }, 'progress[0].items[0]'],
    [{ schedule: 'FY2025' }, 'schedule'],
  ];
  for (const [body, field] of bad) {
    const r = await api(srv.url, measurePath(), { method: 'PATCH', body: { current: '保存されない', ...body } });
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, field);
  }
  const r = await api(srv.url, measurePath(), { method: 'PATCH', body: { schedule: [{ fy: 2025, items: ['a'], colour: 1 }] } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'schedule[0].colour');
  assert.deepEqual(await call('GET', measurePath(), undefined, 200), before);
});

test('a measure created with its schedule and progress', async () => {
  const theme = ids.plan.pillars[0].themes[0].id;
  const m = await call('POST', `/api/v1/themes/${theme}/measures`, {
    code: '1-1-90', title: '新しい施策', departments: ['窓口担当課'],
    schedule: [{ fy: 2026, items: ['検討'] }], progress: [{ fy: 2025, quarter: 4, items: ['準備'] }],
  }, 201);
  assert.deepEqual(m.schedule, [{ fy: 2026, items: ['検討'] }]);
  assert.deepEqual(m.progress, [{ fy: 2025, quarter: 4, items: ['準備'] }]);
});

test('a KPI: code, abolished, and a name cleared to 指標未設定', async () => {
  const m = await call('GET', measurePath(), undefined, 200);
  const k = await call('POST', `/api/v1/measures/${ids.measureId}/kpis`,
    { name: '試験指標', code: 'K1', unit: '件', target: { state: 'undecided' } }, 201);
  assert.equal(k.code, 'K1');
  let p = await call('PATCH', `/api/v1/kpis/${k.id}`, { name: null }, 200);
  assert.equal(p.name, undefined);
  p = await call('PATCH', `/api/v1/kpis/${k.id}`, { name: '試験指標2', abolished: true, code: null }, 200);
  assert.equal(p.abolished, true);
  assert.equal(p.code, undefined);
  assert.equal(p.name, '試験指標2');
  // a second KPI may not take a code in use on the measure
  await call('PATCH', `/api/v1/kpis/${k.id}`, { code: 'K9', abolished: false }, 200);
  const other = m.kpis[0].id;
  const r = await api(srv.url, `/api/v1/kpis/${other}`, { method: 'PATCH', body: { code: 'K9' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'code');
  const bad = await api(srv.url, `/api/v1/kpis/${other}`, { method: 'PATCH', body: { abolished: 'yes' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.field, 'abolished');
});

test('a plan: code, めざす姿, principles, goals; audited; in the compare', async () => {
  const body = {
    code: 'smart-gotsu',
    vision: [{ title: '市民', text: 'いつでもどこでも手続できる' }, { title: '職員' }],
    principles: [{ title: 'デジタル・ファースト', text: '最初からデジタルで' }],
    goals: [{ name: '業務量', unit: '%', direction: 'decrease', target: { value: 30, fy: 2027 }, note: '令和元年度比' },
      { name: '市民満足度', unit: '%', direction: 'keep', target: { value: 80 } }],     // kept at its level
  };
  const p = await call('PATCH', `/api/v1/plans/${ids.planId}`, body, 200);
  assert.equal(p.code, 'smart-gotsu');
  assert.deepEqual(p.vision, body.vision);
  assert.deepEqual(p.principles, body.principles);
  assert.deepEqual(p.goals, body.goals);
  const cmp = await compareDraft();
  const change = cmp.changes.find((c) => c.entity === 'plan');
  const names = change.fields.map((f) => f.name);
  for (const f of ['code', 'vision', 'principles', 'goals']) assert.ok(names.includes(f), `${f} in ${names}`);
  const a = await call('GET', withQuery('/api/v1/audit', { entity: 'plan', limit: 1 }), undefined, 200);
  assert.equal(a.items[0].after.code, 'smart-gotsu');
  // a goal without a target, or a principle without a title, names the field
  for (const [b, field] of [[{ goals: [{ name: '業務量' }] }, 'goals[0].target'], [{ principles: [{ text: 'x' }] }, 'principles[0].title'],
    [{ goals: [{ name: '業務量', target: { value: 'many' } }] }, 'goals[0].target.value']]) {
    const r = await api(srv.url, `/api/v1/plans/${ids.planId}`, { method: 'PATCH', body: b });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.error.field, field);
  }
  // null clears
  const cleared = await call('PATCH', `/api/v1/plans/${ids.planId}`, { goals: null }, 200);
  assert.equal(cleared.goals, undefined);
});

test('pillars, themes and departments are abolished and restored, keeping their ids', async () => {
  const pillar = ids.plan.pillars[ids.plan.pillars.length - 1];
  const theme = pillar.themes[0];
  assert.equal((await call('PATCH', `/api/v1/pillars/${pillar.id}`, { abolished: true }, 200)).abolished, true);
  assert.equal((await call('PATCH', `/api/v1/themes/${theme.id}`, { abolished: true }, 200)).abolished, true);
  const plan = await call('GET', `/api/v1/plans/${ids.planId}`, undefined, 200);
  const again = plan.pillars.find((x) => x.id === pillar.id);
  assert.equal(again.abolished, true);
  assert.equal(again.themes[0].id, theme.id);
  assert.equal((await call('PATCH', `/api/v1/pillars/${pillar.id}`, { abolished: false }, 200)).abolished, undefined);
  await call('PATCH', `/api/v1/themes/${theme.id}`, { abolished: false }, 200);
  const d = await call('POST', '/api/v1/orgs/322075/departments', { code: 'haishi-test', name: '廃止試験課' }, 201);
  assert.equal((await call('PATCH', `/api/v1/departments/${d.id}`, { abolished: true }, 200)).abolished, true);
});

test('a measurement is corrected: value, period, note; audited; refused fields named', async () => {
  const added = await call('POST', `/api/v1/kpis/${ids.kpiId}/measurements`, { period: '2025-06-30', value: 10 }, 201);
  const id = added.items[0].id;
  const k = await call('PATCH', `/api/v1/measurements/${id}`, { value: 12.5, period: '2025-06-29', note: '集計誤りを訂正' }, 200);
  assert.equal(k.id, ids.kpiId);
  const m = k.measurements.find((x) => x.id === id);
  assert.deepEqual([m.period, m.value, m.note], ['2025-06-29', 12.5, '集計誤りを訂正']);
  const h = await call('GET', withQuery(`/api/v1/measures/${ids.measureId}/history`, { limit: 1 }), undefined, 200);
  assert.equal(h.items[0].entity, 'kpi_measurement');
  assert.equal(h.items[0].before.value, 10);
  assert.equal(h.items[0].after.value, 12.5);
  for (const [b, field, status] of [[{ value: 'x' }, 'value', 422], [{ period: '2025-13-01' }, 'period', 422], [{ kpi_id: 1 }, 'kpi_id', 400]]) {
    const r = await api(srv.url, `/api/v1/measurements/${id}`, { method: 'PATCH', body: b });
    assert.equal(r.status, status, r.text);
    assert.equal(r.json.error.field, field);
  }
  assert.equal((await api(srv.url, '/api/v1/measurements/999999', { method: 'PATCH', body: { value: 1 } })).status, 404);
});

test('bodies and meetings: create, change members and topics, abolish, record a meeting with its measures, delete', async () => {
  const b = await call('POST', '/api/v1/orgs/322075/bodies', {
    code: 'test-wg', name: '試験WG', kind: 'working_group', topics: ['RPA'],
    members: [{ name: '山田', role: '座長', department: '窓口担当課' }],
  }, 201);
  assert.equal(b.name, '試験WG');
  assert.deepEqual(b.topics, ['RPA']);
  assert.equal(b.members[0].department, '窓口担当課');
  const p = await call('PATCH', `/api/v1/bodies/${b.id}`, { topics: ['RPA', 'AI-OCR'], members: [{ name: '佐藤', role: '委員', post: '主査' }], description: '業務改善' }, 200);
  assert.deepEqual(p.topics, ['RPA', 'AI-OCR']);
  assert.deepEqual(p.members.map((m) => m.name), ['佐藤']);
  const bad = await api(srv.url, `/api/v1/bodies/${b.id}`, { method: 'PATCH', body: { members: [{ name: 'x', role: 'y', department: '存在しない課' }] } });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json.error.field, 'members[0].department');
  const kind = await api(srv.url, `/api/v1/bodies/${b.id}`, { method: 'PATCH', body: { kind: 'club' } });
  assert.equal(kind.status, 422);
  const mt = await call('POST', `/api/v1/bodies/${b.id}/meetings`, {
    date: '2025-05-20', title: '第1回試験WG', agenda: '議題', measures: [{ measure_id: ids.measureId, note: '進め方を決定' }],
  }, 201);
  assert.equal(mt.measures[0].id, ids.measureId);
  assert.equal(mt.measures[0].note, '進め方を決定');
  const mt2 = await call('PATCH', `/api/v1/meetings/${mt.id}`, { minutes: '議事録', agenda: null }, 200);
  assert.equal(mt2.minutes, '議事録');
  assert.equal(mt2.agenda, undefined);
  const cal = await call('GET', '/api/v1/orgs/322075/meetings?fy=2025', undefined, 200);
  assert.ok(cal.items.some((i) => i.meeting.id === mt.id));
  // a body with meetings is abolished, not deleted
  const del = await api(srv.url, `/api/v1/bodies/${b.id}`, { method: 'DELETE' });
  assert.equal(del.status, 409, del.text);
  assert.equal((await call('PATCH', `/api/v1/bodies/${b.id}`, { abolished: true }, 200)).abolished, true);
  await call('DELETE', `/api/v1/meetings/${mt.id}`, undefined, 204);
  await call('DELETE', `/api/v1/bodies/${b.id}`, undefined, 204);
  const a = await call('GET', withQuery('/api/v1/audit', { entity: 'body', limit: 5 }), undefined, 200);
  assert.ok(a.items.some((e) => e.action === 'delete' && e.entity_id === b.id));
  const dup = await api(srv.url, '/api/v1/orgs/322075/bodies', { method: 'POST', body: { code: 'dx-committee', name: 'x', kind: 'committee' } });
  assert.ok([409, 201].includes(dup.status));
});

test('a department abolished and given an e-mail in one PATCH keeps both', async () => {
  const d = await call('POST', '/api/v1/orgs/322075/departments', { code: 'haishi-mail', name: '廃止メール課' }, 201);
  const p = await call('PATCH', `/api/v1/departments/${d.id}`, { abolished: true, email: 'haishi@city.example.jp' }, 200);
  assert.equal(p.abolished, true);
  const inbox = await call('GET', `/api/v1/departments/${d.id}/inbox`, undefined, 200);
  assert.equal(inbox.department.email, 'haishi@city.example.jp');
});

test('pillar and theme codes are unique where a document has them; a pillar of measures takes no themes', async () => {
  const plan = await call('POST', '/api/v1/orgs/322075/plans', { title: '符号の試験', kind: 'strategy' }, 201);
  const a = await call('POST', `/api/v1/plans/${plan.id}/pillars`, { code: 'A', title: '柱A' }, 201);
  const b = await call('POST', `/api/v1/plans/${plan.id}/pillars`, { code: 'B', title: '柱B' }, 201);
  for (const [method, path, body] of [['POST', `/api/v1/plans/${plan.id}/pillars`, { code: 'A', title: '二つ目のA' }],
    ['PATCH', `/api/v1/pillars/${b.id}`, { code: 'A' }]]) {
    const r = await api(srv.url, path, { method, body });
    assert.equal(r.status, 409, `${method} ${path}: ${r.text}`);
    assert.equal(r.json.error.field, 'code');
  }
  const t1 = await call('POST', `/api/v1/pillars/${a.id}/themes`, { code: '①', title: 'テーマ1' }, 201);
  await call('POST', `/api/v1/pillars/${b.id}/themes`, { code: '①', title: '別の柱の①' }, 201);   // another pillar: fine
  const dup = await api(srv.url, `/api/v1/pillars/${a.id}/themes`, { method: 'POST', body: { code: '①', title: 'x' } });
  assert.equal(dup.status, 409, dup.text);
  const move = await api(srv.url, `/api/v1/themes/${t1.id}`, { method: 'PATCH', body: { pillar_id: b.id } });
  assert.equal(move.status, 409, `moving ① next to another ①: ${move.text}`);
  const shape = (await call('GET', `/api/v1/plans/${plan.id}`, undefined, 200)).pillars.map((p) => [p.code, p.themes.map((t) => t.title)]);
  assert.deepEqual(shape, [['A', ['テーマ1']], ['B', ['別の柱の①']]], 'nothing changed');
});

test('a pillar that holds its measures directly takes no theme, by a new one or a move', async () => {
  const code = orgCode('01202');
  const doc = { format: 'kawaru-plan/1', org: { code, name: '函館市' }, departments: [],
    plans: [{ title: '行革計画', kind: 'action_plan', pillars: [
      { code: '1', title: '柱1', measures: [{ code: '1', title: '施策1' }] },
      { code: '2', title: '柱2', themes: [{ code: '①', title: 'テーマ', measures: [{ code: '1', title: '施策2' }] }] }] }] };
  const put = await api(srv.url, `/api/v1/orgs/${code}/document`, { method: 'PUT', body: doc });
  assert.ok([200, 201].includes(put.status), put.text);
  const planId = (await call('GET', `/api/v1/orgs/${code}/plans`, undefined, 200)).items[0].id;
  const plan = await call('GET', `/api/v1/plans/${planId}`, undefined, 200);
  const [p1, p2] = plan.pillars;
  const made = await api(srv.url, `/api/v1/pillars/${p1.id}/themes`, { method: 'POST', body: { title: '新テーマ' } });
  assert.equal(made.status, 409, made.text);
  assert.equal(made.json.error.field, 'pillar_id');
  const moved = await api(srv.url, `/api/v1/themes/${p2.themes[0].id}`, { method: 'PATCH', body: { pillar_id: p1.id } });
  assert.equal(moved.status, 409, moved.text);
  const exported = (await call('GET', `/api/v1/orgs/${code}/document`, undefined, 200));
  assert.deepEqual(exported.plans[0].pillars.map((p) => Object.keys(p).includes('measures')), [true, false]);
});
