'use strict';
// The demo as the seeds have it (issue 12 point 7). 印西市: three pillars with their examples,
// measures under the seed's four ways of carrying them out (no invented theme level), no links
// the seed does not state, the foundation and これまでの主な課題, the 推進体制 as a body, the
// default rating scale (the seed states none); the plan page shows the measures by those four
// groups as the seed does. 江津市: the DX推進委員会 counted as the seed counts it (28名, no
// invented members), each WG with the departments the seed lists.
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

const SCOPES = ['全庁的に実施', '関係部署で協力して実施', '個別の部署ごとに実施', '人材育成・組織風土改革'];

test('印西市: pillars A–C with examples, themes only from the seed\'s headings, no invented links', async () => {
  const doc = (await api(srv.url, '/api/v1/orgs/122319/document')).json;
  const p = doc.plans[0];
  assert.deepEqual(p.pillars.map((x) => x.code), ['A', 'B', 'C']);
  assert.deepEqual(p.pillars[0].examples, ['書かない窓口の整備', 'オンライン手続きの拡充', '支所、出張所でのリモート相談環境の整備']);
  const themes = p.pillars.flatMap((x) => x.themes.map((t) => t.title));
  assert.ok(themes.every((t) => SCOPES.includes(t)), `theme titles are the seed's headings: ${themes}`);
  const measures = p.pillars.flatMap((x) => x.themes.flatMap((t) => t.measures.map((m) => ({ ...m, theme: t.title }))));
  assert.equal(measures.length, 23, 'every measure the seed lists under 主な施策（例）');
  const scopeWord = { organization_wide: SCOPES[0], cross_department: SCOPES[1], department: SCOPES[2], people_culture: SCOPES[3] };
  for (const m of measures) assert.equal(scopeWord[m.scope], m.theme, `${m.title} sits under its own way of carrying out`);
  assert.deepEqual(measures.filter((m) => m.links), [], 'the seed states 施策連携 between groups, not between measures');
  assert.deepEqual(measures.filter((m) => m.scope === 'organization_wide').map((m) => m.title),
    ['改善プロジェクトX', '業務棚卸し、見える化', '庁内向け電子申請の拡充', '紙決裁の廃止', 'ペーパーレス', 'ハンコレス、移動レス', '庁内システムの見直し']);
  assert.deepEqual(p.foundation, [{ title: '「変わり続ける」ことが当たり前の風土の醸成', text: '改善の仕組み化' }]);
  assert.equal(p.challenges.length, 2);
  assert.match(p.challenges[0].title, /複数の部署で同一の内容を重複管理/);
  assert.match(p.challenges[1].title, /計画期間が4～5年/);
  assert.equal(p.rating_scale, undefined, 'the seed states no rating scale');
  assert.equal((await api(srv.url, `/api/v1/plans/${ids.inzaiPlanId}/rating-scale`, { as: 'admin' })).json.default, true);
  assert.deepEqual(doc.bodies.map((b) => [b.name, b.kind]), [['推進体制', 'headquarters']]);
  assert.match(doc.bodies[0].description, /市長トップのもと、定期的な進捗管理/);
  assert.deepEqual(doc.bodies[0].members, [{ name: '市長', role: 'トップ', post: '市長' }]);
});

test('印西市\'s plan page: foundation, problems, and the measures by the four ways with 施策連携', async () => {
  const page = (await api(srv.url, `/plans/${ids.inzaiPlanId}`, { as: 'admin' })).text;
  assert.match(page, /<h2 id="foundation">施策の土台<\/h2>/);
  assert.match(page, /「変わり続ける」ことが当たり前の風土の醸成<\/strong>（改善の仕組み化）/);
  assert.match(page, /<h2 id="challenges">これまでの主な課題<\/h2>/);
  const overview = page.slice(page.indexOf('id="by-scope"'));
  assert.ok(page.includes('id="by-scope"'), 'the overview by way of carrying out');
  let at = 0;
  for (const s of SCOPES) {
    const i = overview.indexOf(`<h3>${s}</h3>`);
    assert.ok(i > at, `${s} in the seed's order`);
    at = i;
  }
  assert.equal((overview.slice(0, overview.indexOf(SCOPES[3])).match(/施策連携/g) || []).length, 2,
    'the three ways are linked (施策連携)');
  assert.match(overview, /<li><a href="\/measures\/\d+">書かない窓口<\/a><\/li>/);
  // 江津市's measures state no scope but the four organisation-wide or shared ones (担当：全課): no such overview there
  const gotsu = (await api(srv.url, `/plans/${ids.planId}`, { as: 'admin' })).text;
  assert.ok(!gotsu.includes('id="by-scope"'));
});

test('江津市: the DX推進委員会 as the seed counts it, the WGs with the departments the seed lists', async () => {
  const bodies = (await api(srv.url, '/api/v1/orgs/322075/bodies')).json.items;
  const by = Object.fromEntries(bodies.map((b) => [b.code, b]));
  assert.equal(by['dx-committee'].headcount, 28);
  assert.equal(by['dx-committee'].members, undefined, 'the seed names no one: 各課職員1名');
  assert.equal(by.hq.headcount, 42);
  assert.equal(by.audit.headcount, 11);
  assert.equal(by['dx-leaders'].headcount, 10);
  const depts = (code) => by[code].members.map((m) => m.department);
  assert.deepEqual(depts('wg1'), ['税務課']);
  assert.deepEqual(depts('wg3'), ['総務課', '市民生活課']);
  assert.equal(depts('wg4').length, 10);
  assert.ok(['保険年金課', '子育て支援課', '高齢者障がい者福祉課'].every((d) => depts('wg4').includes(d)));
  assert.deepEqual(depts('wg6'), ['地域振興課']);
  const page = (await api(srv.url, `/bodies/${by['dx-committee'].id}`)).text;
  assert.match(page, /人数：28名/);
});
