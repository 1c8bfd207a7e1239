'use strict';
// Keeping a plan tree through the API (SPEC §3.1): organisation, departments, plan, pillars,
// themes, measures, KPIs and measurements are created, changed, reordered, moved and deleted;
// the result is read back as the kawaru-plan/1 document. Every refused write (400, 404, 409,
// 422) names its field and leaves the document byte-identical.
// Since issue 4 every write needs a signed-in role: the test runs on the demo database (a
// database without the demo has no users) as its admin (demo-admin of 江津市, an admin acts in
// every organisation), and builds its own organisation 131041 from nothing beside the demo
// ones. Anonymous and lesser roles are refused at the end.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, withQuery } = require('../lib/server');

let srv;
before(async () => { srv = await startServer(); });
after(() => srv && srv.stop());

const ORG = '131041';   // 新宿区's code: 1,3,1,0,4 → s = 33, check digit (11 − 0) mod 10 = 1
const ids = {};

async function call(method, p, body, status) {
  const r = await api(srv.url, p, { method, body });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}
const post = (p, body) => call('POST', p, body, 201);
const patch = (p, body) => call('PATCH', p, body, 200);
const del = (p) => call('DELETE', p, undefined, 204);
const documentText = async () => {
  const r = await api(srv.url, `/api/v1/orgs/${ORG}/document`);
  assert.equal(r.status, 200, r.text);
  return r.text;
};
const plan = async () => (await api(srv.url, `/api/v1/plans/${ids.plan}`)).json;
/** The tree of GET /api/v1/plans/{id} as codes: [['A', [['①', ['A-1-1', ...]], ...]], ...] */
const shape = (p) => p.pillars.map((pi) => [pi.code, pi.themes.map((t) => [t.code ?? t.title, t.measures.map((m) => m.code)])]);
const search = async (q) => {
  const r = await api(srv.url, withQuery(`/api/v1/plans/${ids.plan}/measures`, { q }));
  assert.equal(r.status, 200, r.text);
  return r.json.items.map((m) => m.code);
};

const expected = {
  format: 'kawaru-plan/1',
  org: { code: ORG, name: 'テスト区', prefecture: '東京都', population: 346000 },
  departments: [
    { code: 'seisaku', name: '政策企画課' },
    { code: 'madoguchi', name: '窓口課', parent: 'seisaku' },
  ],
  plans: [{
    title: 'テスト区DX推進計画', kind: 'action_plan', motto: '変わり続ける区役所',
    period: { from_fy: 2024, to_fy: 2026 }, review_cadence: 'quarterly', version: '1.0', published: '2024-04-01',
    pillars: [
      {
        code: 'A', title: '市民サービスの改善', summary: '来なくてよい区役所', examples: ['オンライン申請'],
        themes: [{
          code: '①', title: '窓口改革', means: [{ name: '書かない窓口', note: '記入を省く' }],
          measures: [
            {
              code: 'A-1-1', title: '書かない窓口', departments: ['窓口課', '政策企画課'], scope: 'cross_department',
              current: '申請書を手で書く', ideal: '名前を言うだけで済む', status: 'active', new_since_fy: 2024,
              means: ['書かない窓口'], tags: ['窓口'],
              kpis: [{
                name: '窓口の平均対応時間削減割合', unit: '%', direction: 'increase', perspective: 'citizen',
                baseline: { value: 0, fy: 2024 }, target: { value: 50, fy: 2026 }, definition: '対応時間の削減率',
                measurements: [{ period: '2025-03-31', value: 12.5, note: '速報' }],
              }],
            },
            {
              code: 'A-1-2', title: 'オンライン申請', departments: ['政策企画課'], status: 'planned', links: ['A-1-1'],
              kpis: [{ name: 'オンライン申請率', unit: '%', direction: 'increase', target: { state: 'undecided' } }],
            },
          ],
        }],
      },
      {
        code: 'B', title: '庁内の効率化',
        themes: [{ title: 'ペーパーレス', measures: [{ code: 'B-1-1', title: '電子決裁', departments: ['政策企画課'], status: 'active' }] }],
      },
    ],
  }],
};

test('a plan built from nothing through the API reads back as the expected kawaru-plan/1 document', async () => {
  const org = await post('/api/v1/orgs', { code: ORG, name: 'テスト区', prefecture: '東京都', population: 346000 });
  assert.deepEqual(org, { code: ORG, name: 'テスト区', prefecture: '東京都', population: 346000, departments: [], plans: [] });
  const d1 = await post(`/api/v1/orgs/${ORG}/departments`, { code: 'seisaku', name: '政策企画課' });
  assert.deepEqual(Object.keys(d1), ['id', 'code', 'name']);
  // created first, then put before 政策企画課 and moved back: positions are honoured both ways
  const d2 = await post(`/api/v1/orgs/${ORG}/departments`, { code: 'madoguchi', name: '窓口課', parent: 'seisaku', position: 0 });
  assert.equal(d2.parent, 'seisaku');
  assert.deepEqual((await api(srv.url, `/api/v1/orgs/${ORG}`)).json.departments.map((d) => d.code), ['madoguchi', 'seisaku']);
  await patch(`/api/v1/departments/${d2.id}`, { position: 1 });
  Object.assign(ids, { seisaku: d1.id, madoguchi: d2.id });

  const p = await post(`/api/v1/orgs/${ORG}/plans`, {
    title: 'テスト区DX推進計画', kind: 'action_plan', motto: '変わり続ける区役所', period: { from_fy: 2024, to_fy: 2026 },
    review_cadence: 'quarterly', version: '1.0', published: '2024-04-01',
  });
  assert.equal(p.org.code, ORG);
  assert.deepEqual(p.pillars, []);
  ids.plan = p.id;
  const pb = await post(`/api/v1/plans/${ids.plan}/pillars`, { code: 'B', title: '庁内の効率化' });
  const pa = await post(`/api/v1/plans/${ids.plan}/pillars`,
    { code: 'A', title: '市民サービスの改善', summary: '来なくてよい区役所', examples: ['オンライン申請'], position: 0 });
  assert.equal(pa.plan_id, ids.plan);
  assert.deepEqual(pa.themes, []);
  Object.assign(ids, { pillarA: pa.id, pillarB: pb.id });
  const t1 = await post(`/api/v1/pillars/${pa.id}/themes`, { code: '①', title: '窓口改革', means: [{ name: '書かない窓口', note: '記入を省く' }] });
  assert.equal(t1.pillar_id, pa.id);
  const t2 = await post(`/api/v1/pillars/${pb.id}/themes`, { title: 'ペーパーレス' });
  Object.assign(ids, { theme1: t1.id, theme2: t2.id });

  const m1 = await post(`/api/v1/themes/${t1.id}/measures`, {
    code: 'A-1-1', title: '書かない窓口', departments: ['窓口課', '政策企画課'], scope: 'cross_department',
    current: '申請書を手で書く', ideal: '名前を言うだけで済む', new_since_fy: 2024, means: ['書かない窓口'], tags: ['窓口'],
  });
  // the answer is the measure as GET /api/v1/measures/{id} shows it
  assert.deepEqual(m1, (await api(srv.url, `/api/v1/measures/${m1.id}`)).json);
  assert.equal(m1.theme.title, '窓口改革');
  const m2 = await post(`/api/v1/themes/${t1.id}/measures`,
    { code: 'A-1-2', title: 'オンライン申請', departments: ['政策企画課'], status: 'planned', links: ['A-1-1'] });
  const m3 = await post(`/api/v1/themes/${t2.id}/measures`, { code: 'B-1-1', title: '電子決裁', departments: ['政策企画課'] });
  Object.assign(ids, { m1: m1.id, m2: m2.id, m3: m3.id });

  const k1 = await post(`/api/v1/measures/${m1.id}/kpis`, {
    name: '窓口の平均対応時間削減割合', unit: '%', perspective: 'citizen', baseline: { value: 0, fy: 2024 },
    target: { value: 50, fy: 2026 }, definition: '対応時間の削減率',
  });
  assert.equal(k1.measure_id, m1.id);
  assert.deepEqual(k1, (await api(srv.url, `/api/v1/kpis/${k1.id}`)).json);
  const k2 = await post(`/api/v1/measures/${m2.id}/kpis`, { name: 'オンライン申請率', unit: '%', target: { state: 'undecided' } });
  Object.assign(ids, { k1: k1.id, k2: k2.id });
  const x = await post(`/api/v1/kpis/${k1.id}/measurements`, { period: '2025-03-31', value: 12.5, note: '速報' });
  ids.measurement = x.items[0].id;

  const text = await documentText();
  assert.deepEqual(JSON.parse(text), expected);
  assert.equal(text, JSON.stringify(expected, null, 2) + '\n', 'the exported bytes are the canonical document');
});

test('the document made through the API imports back to the same bytes (PUT document)', async () => {
  const text = await documentText();
  const r = await api(srv.url, `/api/v1/orgs/${ORG}/document`, { method: 'PUT', body: text, headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(await documentText(), text);
  // the import gave every entity a new id: look them up again
  const p = (await api(srv.url, `/api/v1/orgs/${ORG}/plans`)).json.items[0];
  ids.plan = p.id;
  const tree = await plan();
  const [a, b] = tree.pillars;
  Object.assign(ids, {
    pillarA: a.id, pillarB: b.id, theme1: a.themes[0].id, theme2: b.themes[0].id,
    m1: a.themes[0].measures[0].id, m2: a.themes[0].measures[1].id, m3: b.themes[0].measures[0].id,
    k1: a.themes[0].measures[0].kpis[0].id, k2: a.themes[0].measures[1].kpis[0].id,
    measurement: a.themes[0].measures[0].kpis[0].measurements[0].id,
  });
  const org = (await api(srv.url, `/api/v1/orgs/${ORG}`)).json;
  Object.assign(ids, { seisaku: org.departments[0].id, madoguchi: org.departments[1].id });
});

test('reorder and move: measures, themes and pillars, seen in GET /api/v1/plans/{id}', async () => {
  assert.deepEqual(shape(await plan()), [['A', [['①', ['A-1-1', 'A-1-2']]]], ['B', [['ペーパーレス', ['B-1-1']]]]]);
  // reorder within a theme
  let m = await patch(`/api/v1/measures/${ids.m2}`, { position: 0 });
  assert.equal(m.code, 'A-1-2');
  assert.deepEqual(shape(await plan()), [['A', [['①', ['A-1-2', 'A-1-1']]]], ['B', [['ペーパーレス', ['B-1-1']]]]]);
  // move a measure to a theme of another pillar, at a given place
  m = await patch(`/api/v1/measures/${ids.m1}`, { theme_id: ids.theme2, position: 0 });
  assert.equal(m.theme.title, 'ペーパーレス');
  assert.equal(m.pillar.code, 'B');
  assert.deepEqual(shape(await plan()), [['A', [['①', ['A-1-2']]]], ['B', [['ペーパーレス', ['A-1-1', 'B-1-1']]]]]);
  // move it back, last by default
  await patch(`/api/v1/measures/${ids.m1}`, { theme_id: ids.theme1 });
  assert.deepEqual(shape(await plan()), [['A', [['①', ['A-1-2', 'A-1-1']]]], ['B', [['ペーパーレス', ['B-1-1']]]]]);
  // move a theme to the other pillar, first
  const t = await patch(`/api/v1/themes/${ids.theme2}`, { pillar_id: ids.pillarA, position: 0 });
  assert.equal(t.pillar_id, ids.pillarA);
  assert.deepEqual(shape(await plan()), [['A', [['ペーパーレス', ['B-1-1']], ['①', ['A-1-2', 'A-1-1']]]], ['B', []]]);
  // reorder the pillars
  const pb = await patch(`/api/v1/pillars/${ids.pillarB}`, { position: 0 });
  assert.equal(pb.code, 'B');
  assert.deepEqual(shape(await plan()), [['B', []], ['A', [['ペーパーレス', ['B-1-1']], ['①', ['A-1-2', 'A-1-1']]]]]);
  // and everything back where the expected document has it
  await patch(`/api/v1/pillars/${ids.pillarB}`, { position: 1 });
  await patch(`/api/v1/themes/${ids.theme2}`, { pillar_id: ids.pillarB });
  await patch(`/api/v1/measures/${ids.m1}`, { position: 0 });
  assert.deepEqual(JSON.parse(await documentText()), expected);
});

test('PATCH of a measure: the new fields replace their lists; the first fields keep their meaning', async () => {
  const m = await patch(`/api/v1/measures/${ids.m2}`, {
    departments: ['窓口課'], scope: 'department', means: ['オンライン申請', 'RPA'], tags: ['申請'], links: [],
  });
  assert.deepEqual(m.departments, ['窓口課']);
  assert.equal(m.scope, 'department');
  assert.deepEqual(m.means, ['オンライン申請', 'RPA']);
  assert.equal(m.links, undefined);
  // null leaves title and status as they are; null clears scope
  const n = await patch(`/api/v1/measures/${ids.m2}`, { title: null, status: null, scope: null });
  assert.equal(n.title, 'オンライン申請');
  assert.equal(n.status, 'planned');
  assert.equal(n.scope, undefined);
  await patch(`/api/v1/measures/${ids.m2}`, { departments: ['政策企画課'], means: null, tags: null, links: ['A-1-1'] });
  assert.deepEqual(JSON.parse(await documentText()), expected);
});

test('PATCH of the other entities, and of a KPI', async () => {
  let org = await patch(`/api/v1/orgs/${ORG}`, { name: 'テスト区（改）', population: null });
  assert.equal(org.name, 'テスト区（改）');
  assert.equal(org.population, undefined);
  org = await patch(`/api/v1/orgs/${ORG}`, { name: 'テスト区', population: 346000 });
  const p = await patch(`/api/v1/plans/${ids.plan}`, { title: '改訂版', motto: null, period: { from_fy: 2025 }, version: '' });
  assert.equal(p.title, '改訂版');
  assert.equal(p.motto, undefined);
  assert.equal(p.version, undefined);
  assert.deepEqual(p.period, { from_fy: 2025 });
  await patch(`/api/v1/plans/${ids.plan}`, { title: 'テスト区DX推進計画', motto: '変わり続ける区役所', period: { from_fy: 2024, to_fy: 2026 }, version: '1.0' });
  const pa = await patch(`/api/v1/pillars/${ids.pillarA}`, { summary: '', examples: null });
  assert.equal(pa.summary, undefined);
  assert.equal(pa.examples, undefined);
  await patch(`/api/v1/pillars/${ids.pillarA}`, { summary: '来なくてよい区役所', examples: ['オンライン申請'] });
  const t = await patch(`/api/v1/themes/${ids.theme1}`, { code: null, means: [] });
  assert.equal(t.code, undefined);
  await patch(`/api/v1/themes/${ids.theme1}`, { code: '①', means: [{ name: '書かない窓口', note: '記入を省く' }] });
  const k = await patch(`/api/v1/kpis/${ids.k1}`, { baseline: null, target: { state: 'none' }, direction: 'keep', perspective: null });
  assert.equal(k.baseline, undefined);
  assert.deepEqual(k.target, { state: 'none' });
  assert.equal(k.direction, 'keep');
  assert.equal(k.derived.status, 'no_target');             // なし: a status of its own, not missing data
  await patch(`/api/v1/kpis/${ids.k1}`, { baseline: { value: 0, fy: 2024 }, target: { value: 50, fy: 2026 }, direction: 'increase', perspective: 'citizen' });
  const d = await patch(`/api/v1/departments/${ids.madoguchi}`, { parent: null });
  assert.equal(d.parent, undefined);
  await patch(`/api/v1/departments/${ids.madoguchi}`, { parent: 'seisaku' });
  assert.deepEqual(JSON.parse(await documentText()), expected);
});

test('search finds a renamed measure by its new title, and by its department after a rename', async () => {
  assert.deepEqual(await search('書かない窓口'), ['A-1-1']);
  await patch(`/api/v1/measures/${ids.m1}`, { title: 'ふわふわ受付' });
  assert.deepEqual(await search('ふわふわ受付'), ['A-1-1']);
  assert.deepEqual(await search('ふわ'), ['A-1-1']);
  assert.deepEqual(await search('電子決裁'), ['B-1-1']);
  await patch(`/api/v1/departments/${ids.seisaku}`, { name: 'もこもこ企画課' });
  assert.deepEqual((await search('もこもこ企画課')).sort(), ['A-1-1', 'A-1-2', 'B-1-1']);
  // a new KPI name is searchable too
  await patch(`/api/v1/kpis/${ids.k2}`, { name: 'ぴよぴよ率' });
  assert.deepEqual(await search('ぴよぴよ'), ['A-1-2']);
  await patch(`/api/v1/kpis/${ids.k2}`, { name: 'オンライン申請率' });
  await patch(`/api/v1/departments/${ids.seisaku}`, { name: '政策企画課' });
  await patch(`/api/v1/measures/${ids.m1}`, { title: '書かない窓口' });
  assert.deepEqual(await search('ふわふわ'), []);
  assert.deepEqual(JSON.parse(await documentText()), expected);
});

/** Runs a write that must be refused, and checks the document is byte-identical afterwards. */
async function refused(method, p, body, status, field) {
  const before = await documentText();
  const r = await api(srv.url, p, { method, body, headers: typeof body === 'string' ? { 'Content-Type': 'application/json' } : {} });
  assert.equal(r.status, status, `${method} ${p} ${typeof body === 'string' ? body : JSON.stringify(body)} → ${r.status} ${r.text}`);
  assert.ok(r.json && r.json.error && typeof r.json.error.message === 'string', `a JSON error: ${r.text}`);
  if (field !== undefined) assert.equal(r.json.error.field, field, `${method} ${p}: field of ${r.text}`);
  assert.equal(await documentText(), before, `${method} ${p} changed nothing`);
}

test('422: each bad field is named, and nothing changes', async () => {
  const long = 'あ'.repeat(501);        // 501 characters: lengths count characters, not bytes
  const cases = [
    ['POST', '/api/v1/orgs', { code: '131042', name: 'x' }, 'code'],
    ['POST', '/api/v1/orgs', { code: '13104', name: 'x' }, 'code'],
    ['POST', '/api/v1/orgs', { code: '130001' }, 'name'],
    ['POST', '/api/v1/orgs', { code: '130001', name: '\u3000 ' }, 'name'],
    ['POST', '/api/v1/orgs', { code: '130001', name: '東京都', population: -1 }, 'population'],
    ['PATCH', `/api/v1/orgs/${ORG}`, { name: '' }, 'name'],
    ['PATCH', `/api/v1/orgs/${ORG}`, { population: 1.5 }, 'population'],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'Bad Code', name: '新しい課' }, 'code'],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'new', name: '新しい課', parent: 'nope' }, 'parent'],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'new', name: '新しい課', position: 3 }, 'position'],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'new', name: '新しい課', position: -1 }, 'position'],
    ['PATCH', `/api/v1/departments/${ids.seisaku}`, { parent: 'madoguchi' }, 'parent'],
    ['PATCH', `/api/v1/departments/${ids.seisaku}`, { name: long }, 'name'],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: '計画', kind: 'other' }, 'kind'],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: ' \t', kind: 'strategy' }, 'title'],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: '計画', kind: 'strategy', period: { from_fy: 2026, to_fy: 2024 } }, 'period.to_fy'],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: '計画', kind: 'strategy', period: { from_fy: '来年度' } }, 'period.from_fy'],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: '計画', kind: 'strategy', published: '2024-02-30' }, 'published'],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: '計画', kind: 'strategy', review_cadence: 'monthly' }, 'review_cadence'],
    ['PATCH', `/api/v1/plans/${ids.plan}`, { title: null }, 'title'],
    ['PATCH', `/api/v1/plans/${ids.plan}`, { summary: 'x'.repeat(20001) }, 'summary'],
    ['PATCH', `/api/v1/plans/${ids.plan}`, { title: '変わらない', position: 1 }, 'position'],
    ['POST', `/api/v1/plans/${ids.plan}/pillars`, { title: '柱' }, 'code'],
    ['POST', `/api/v1/plans/${ids.plan}/pillars`, { code: 'C', title: '柱', position: 3 }, 'position'],
    ['POST', `/api/v1/plans/${ids.plan}/pillars`, { code: 'C', title: '柱', examples: ['a', ''] }, 'examples[1]'],
    ['PATCH', `/api/v1/pillars/${ids.pillarA}`, { title: '変わらない', position: 2 }, 'position'],
    ['POST', `/api/v1/pillars/${ids.pillarA}/themes`, { title: '\u3000' }, 'title'],
    ['POST', `/api/v1/pillars/${ids.pillarA}/themes`, { title: 'テーマ', means: [{}] }, 'means[0].name'],
    ['POST', `/api/v1/pillars/${ids.pillarA}/themes`, { title: 'テーマ', means: ['RPA'] }, 'means[0]'],
    ['PATCH', `/api/v1/themes/${ids.theme1}`, { pillar_id: 999999 }, 'pillar_id'],
    ['PATCH', `/api/v1/themes/${ids.theme1}`, { pillar_id: 'A' }, 'pillar_id'],
    ['PATCH', `/api/v1/themes/${ids.theme1}`, { title: '変わらない', position: 1 }, 'position'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', departments: ['無い課'] }, 'departments[0]'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', departments: ['窓口課', '窓口課'] }, 'departments[1]'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', links: ['Z-9'] }, 'links[0]'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', status: 'finished' }, 'status'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', scope: 'everywhere' }, 'scope'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: long }, 'title'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', current: 'x'.repeat(20001) }, 'current'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', new_since_fy: 1800 }, 'new_since_fy'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', tags: [' '] }, 'tags[0]'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-9', title: 'x', position: 3 }, 'position'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { title: 'x' }, 'code'],
    ['PATCH', `/api/v1/measures/${ids.m1}`, { title: '変わらない', theme_id: 999999 }, 'theme_id'],
    ['PATCH', `/api/v1/measures/${ids.m1}`, { title: '変わらない', position: 2 }, 'position'],
    ['PATCH', `/api/v1/measures/${ids.m1}`, { links: ['A-1-1'] }, 'links[0]'],
    ['PATCH', `/api/v1/measures/${ids.m1}`, { departments: '窓口課' }, 'departments'],
    ['PATCH', `/api/v1/measures/${ids.m1}`, { title: '変わらない', departments: ['窓口課', '無い課'] }, 'departments[1]'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標' }, 'target'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { value: 1 } }, 'target.fy'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'maybe' } }, 'target.state'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'none', value: 3 } }, 'target.value'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'none' }, baseline: { value: 'x', fy: 2024 } }, 'baseline.value'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'none' }, baseline: { value: 1 } }, 'baseline.fy'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'none' }, direction: 'up' }, 'direction'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'none' }, perspective: 'mayor' }, 'perspective'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '　', target: { state: 'none' } }, 'name'],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`, { name: '指標', target: { state: 'none' }, position: 2 }, 'position'],
    ['PATCH', `/api/v1/kpis/${ids.k1}`, { target: null }, 'target'],
    ['PATCH', `/api/v1/kpis/${ids.k1}`, { name: '変わらない', target: [50, 2026] }, 'target'],
    ['PATCH', `/api/v1/kpis/${ids.k1}`, { name: '変わらない', position: 1 }, 'position'],
  ];
  for (const [method, p, body, field] of cases) await refused(method, p, body, 422, field);
});

test('400 for a body that is not JSON, 422 for one that is not an object, on every write', async () => {
  const writes = [
    ['POST', '/api/v1/orgs'], ['PATCH', `/api/v1/orgs/${ORG}`], ['POST', `/api/v1/orgs/${ORG}/departments`],
    ['PATCH', `/api/v1/departments/${ids.seisaku}`], ['POST', `/api/v1/orgs/${ORG}/plans`], ['PATCH', `/api/v1/plans/${ids.plan}`],
    ['POST', `/api/v1/plans/${ids.plan}/pillars`], ['PATCH', `/api/v1/pillars/${ids.pillarA}`],
    ['POST', `/api/v1/pillars/${ids.pillarA}/themes`], ['PATCH', `/api/v1/themes/${ids.theme1}`],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`], ['PATCH', `/api/v1/measures/${ids.m1}`],
    ['POST', `/api/v1/measures/${ids.m1}/kpis`], ['PATCH', `/api/v1/kpis/${ids.k1}`],
  ];
  for (const [method, p] of writes) {
    await refused(method, p, '{"title":', 400);
    await refused(method, p, '', 400);
    await refused(method, p, '[1,2]', 422);
  }
});

test('404 for unknown ids and organisations, on every write', async () => {
  const cases = [
    ['PATCH', '/api/v1/orgs/130001', { name: 'x' }], ['POST', '/api/v1/orgs/130001/departments', { code: 'a', name: 'a' }],
    ['POST', '/api/v1/orgs/130001/plans', { title: 'x', kind: 'strategy' }],
    ['PATCH', '/api/v1/departments/999999', { name: 'x' }], ['DELETE', '/api/v1/departments/999999'],
    ['PATCH', '/api/v1/plans/999999', { title: 'x' }], ['DELETE', '/api/v1/plans/999999'],
    ['POST', '/api/v1/plans/999999/pillars', { code: 'x', title: 'x' }],
    ['PATCH', '/api/v1/pillars/999999', { title: 'x' }], ['DELETE', '/api/v1/pillars/999999'],
    ['POST', '/api/v1/pillars/999999/themes', { title: 'x' }],
    ['PATCH', '/api/v1/themes/999999', { title: 'x' }], ['DELETE', '/api/v1/themes/999999'],
    ['POST', '/api/v1/themes/999999/measures', { code: 'x', title: 'x' }],
    ['PATCH', '/api/v1/measures/999999', { title: 'x' }], ['DELETE', '/api/v1/measures/999999'],
    ['POST', '/api/v1/measures/999999/kpis', { name: 'x', target: { state: 'none' } }],
    ['PATCH', '/api/v1/kpis/999999', { name: 'x' }], ['DELETE', '/api/v1/kpis/999999'],
    ['DELETE', '/api/v1/measurements/999999'], ['DELETE', '/api/v1/measurements/abc'], ['PATCH', '/api/v1/themes/0', { title: 'x' }],
  ];
  for (const [method, p, body] of cases) await refused(method, p, body, 404);
});

test('409: taken codes and names, and deletes of what is still in use', async () => {
  const cases = [
    ['POST', '/api/v1/orgs', { code: ORG, name: '二つ目' }, 'code'],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'seisaku', name: '新しい課' }, 'code'],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'new', name: '政策企画課' }, 'name'],
    ['PATCH', `/api/v1/departments/${ids.madoguchi}`, { code: 'seisaku' }, 'code'],
    ['POST', `/api/v1/themes/${ids.theme1}/measures`, { code: 'A-1-1', title: '同じ番号' }, 'code'],
    ['PATCH', `/api/v1/measures/${ids.m2}`, { code: 'A-1-1', title: '変わらない' }, 'code'],
    ['DELETE', `/api/v1/departments/${ids.madoguchi}`, undefined, undefined],
    ['DELETE', `/api/v1/pillars/${ids.pillarA}`, undefined, undefined],
    ['DELETE', `/api/v1/themes/${ids.theme1}`, undefined, undefined],
  ];
  for (const [method, p, body, field] of cases) await refused(method, p, body, 409, field);
});

// Codes are unique within a theme: another theme may number its measures the same, and both are
// then known by their paths (their keys), which links and the published pages use.
test('a code repeated in another theme: both measures are known by their paths', async () => {
  const twin = await post(`/api/v1/themes/${ids.theme2}/measures`, { code: 'A-1-1', title: '同じ番号', links: ['A/①/A-1-1'] });
  assert.equal(twin.key, 'B/A-1-1');
  assert.deepEqual(twin.links, ['A/①/A-1-1']);
  assert.equal((await api(srv.url, `/api/v1/measures/${ids.m1}`)).json.key, 'A/①/A-1-1');
  const m2 = (await api(srv.url, `/api/v1/measures/${ids.m2}`)).json;
  assert.deepEqual(m2.links, ['A/①/A-1-1']);                   // A-1-2's link names the path now
  await refused('PATCH', `/api/v1/measures/${ids.m2}`, { links: ['A-1-1'] }, 422, 'links[0]');   // ambiguous
  await del(`/api/v1/measures/${twin.id}`);
  assert.equal((await api(srv.url, `/api/v1/measures/${ids.m1}`)).json.key, 'A-1-1');   // its own again
  assert.deepEqual((await api(srv.url, `/api/v1/measures/${ids.m2}`)).json.links, ['A-1-1']);
});

test('DELETE: a measurement, a KPI, a measure, a theme, a pillar, a department, a plan', async () => {
  await del(`/api/v1/measurements/${ids.measurement}`);
  assert.deepEqual((await api(srv.url, `/api/v1/kpis/${ids.k1}`)).json.measurements, []);
  await del(`/api/v1/kpis/${ids.k2}`);
  assert.equal((await api(srv.url, `/api/v1/kpis/${ids.k2}`)).status, 404);
  // deleting A-1-1 also drops A-1-2's link to it
  await del(`/api/v1/measures/${ids.m1}`);
  assert.equal((await api(srv.url, `/api/v1/measures/${ids.m1}`)).status, 404);
  assert.deepEqual(await search('書かない窓口'), []);
  const m2 = (await api(srv.url, `/api/v1/measures/${ids.m2}`)).json;
  assert.equal(m2.links, undefined);
  assert.deepEqual(m2.kpis, []);
  // a department no measure names any more can go; its child becomes top-level
  await patch(`/api/v1/measures/${ids.m2}`, { departments: ['政策企画課'] });
  await del(`/api/v1/measures/${ids.m3}`);
  await del(`/api/v1/themes/${ids.theme2}`);
  await del(`/api/v1/pillars/${ids.pillarB}`);
  assert.deepEqual(shape(await plan()), [['A', [['①', ['A-1-2']]]]]);
  const d = await post(`/api/v1/orgs/${ORG}/departments`, { code: 'kodomo', name: 'こども課', parent: 'madoguchi' });
  await del(`/api/v1/departments/${ids.madoguchi}`);
  const org = (await api(srv.url, `/api/v1/orgs/${ORG}`)).json;
  assert.deepEqual(org.departments.map((x) => [x.code, x.parent]), [['seisaku', undefined], ['kodomo', undefined]]);
  assert.equal(org.departments[1].id, d.id);
  // the plan goes with its whole tree, also out of search
  await del(`/api/v1/plans/${ids.plan}`);
  assert.equal((await api(srv.url, `/api/v1/plans/${ids.plan}`)).status, 404);
  assert.equal((await api(srv.url, withQuery(`/api/v1/plans/${ids.plan}/measures`, { q: 'オンライン' }))).status, 404);
  assert.deepEqual(JSON.parse(await documentText()).plans, []);
});

test('anonymous writes → 401, an office user of another organisation → 403, a viewer → 403; nothing changes', async () => {
  const p = (await post(`/api/v1/orgs/${ORG}/plans`, { title: '権限の確認', kind: 'strategy' })).id;
  const before = await documentText();
  const writes = [
    ['POST', '/api/v1/orgs', { code: '130001', name: '東京都' }], ['PATCH', `/api/v1/orgs/${ORG}`, { name: 'x' }],
    ['POST', `/api/v1/orgs/${ORG}/departments`, { code: 'a', name: 'a' }],
    ['POST', `/api/v1/orgs/${ORG}/plans`, { title: 'x', kind: 'strategy' }],
    ['PATCH', `/api/v1/plans/${p}`, { title: 'x' }], ['POST', `/api/v1/plans/${p}/pillars`, { code: 'Z', title: 'x' }],
    ['DELETE', `/api/v1/plans/${p}`],
  ];
  for (const [method, path, body] of writes) {
    const anon = await api(srv.url, path, { method, body, as: null });
    assert.equal(anon.status, 401, `anonymous ${method} ${path} → ${anon.status} ${anon.text}`);
    assert.equal(anon.json?.error?.code, 'unauthorized', anon.text);
    for (const role of ['office', 'viewer']) {     // 江津市's: not members of 131041
      const r = await api(srv.url, path, { method, body, as: role });
      assert.equal(r.status, 403, `${role} ${method} ${path} → ${r.status} ${r.text}`);
      assert.equal(r.json?.error?.code, 'forbidden', r.text);
    }
  }
  // the document itself is for members only
  assert.equal((await api(srv.url, `/api/v1/orgs/${ORG}/document`, { as: null })).status, 401);
  assert.equal((await api(srv.url, `/api/v1/orgs/${ORG}/document`, { as: 'office' })).status, 403);
  assert.equal(await documentText(), before, 'a refused write changed the document');
  await del(`/api/v1/plans/${p}`);
});
