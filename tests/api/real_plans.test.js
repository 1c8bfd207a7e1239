'use strict';
// Plans as governments write them (issue 12, point 6): measures numbered 1, 2, 3 again in each
// pillar, a pillar without a theme level, rating codes such as A–D and S, links and meetings that
// name a measure by its path, and many files at once. They import without editing, round-trip
// byte for byte, and their measures are reached by their keys (the code, or the path where the
// plan's codes repeat) on the public pages and in the API.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { startServer, api, orgCode, BIN } = require('../lib/server');

const CODE = '132012';                 // 八王子市
const doc = {
  format: 'kawaru-plan/1',
  org: { code: CODE, name: '八王子市', prefecture: '東京都' },
  departments: [{ code: 'kikaku', name: '企画課' }, { code: 'shimin', name: '市民課' }],
  bodies: [{
    code: 'hq', name: '行政改革推進本部', kind: 'headquarters',
    meetings: [{ date: '2025-05-20', title: '第1回本部会議', measures: [{ code: 'A/(1)/2' }, { code: 'C-1' }] }],
  }],
  plans: [{
    title: '行財政改革実行プラン', kind: 'action_plan', period: { from_fy: 2025, to_fy: 2027 },
    rating_scale: [
      { code: 'S', label: '計画以上', problem: false }, { code: 'A', label: '計画どおり', problem: false },
      { code: 'B', label: 'やや遅れ', problem: true }, { code: 'C', label: '遅れ', problem: true },
      { code: 'D', label: '未着手', problem: true }],
    pillars: [
      { code: 'A', title: '市民サービスの向上', themes: [{ code: '(1)', title: '窓口', measures: [
        { code: '1', title: '書かない窓口', departments: ['市民課'], status: 'active',
          reviews: [{ fy: 2025, quarter: 1, rating: 'B', text: '端末の調達が遅れた' }] },
        { code: '2', title: 'オンライン申請', departments: ['企画課', '市民課'], status: 'active', links: ['B/(1)/1'] }] }] },
      { code: 'B', title: '業務の効率化', themes: [{ code: '(1)', title: 'ペーパーレス', measures: [
        { code: '1', title: '電子決裁', departments: ['企画課'], status: 'planned', links: ['A/(1)/1'],
          kpis: [{ name: '電子決裁率', unit: '%', direction: 'increase', target: { value: 90, fy: 2027 },
            measurements: [{ period: '2025-06-30', value: 40 }] }] }] }] },
      { code: 'C', title: '人材育成', measures: [
        { code: 'C-1', title: 'DX研修', departments: ['企画課'], status: 'active',
          reviews: [{ fy: 2025, quarter: 1, rating: 'S' }] }] },
    ],
  }],
};

let srv;
let dir;
const run = (args) => spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000 });

before(async () => {
  srv = await startServer();                      // signed in as the demo admin, who may create organisations
  dir = srv.dir;
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(doc, null, 1));
});
after(() => srv && srv.stop());

test('a plan numbered per pillar with rating codes S and A–D imports and round-trips byte for byte', () => {
  const db1 = path.join(dir, 'one.db'), db2 = path.join(dir, 'two.db');
  for (const db of [db1, db2]) execFileSync(BIN, ['init', db], { stdio: 'pipe' });
  const imported = run(['import', '--db', db1, path.join(dir, 'plan.json')]);
  assert.equal(imported.status, 0, imported.stderr);
  const a = path.join(dir, 'a.json'), b = path.join(dir, 'b.json');
  assert.equal(run(['export', '--db', db1, '--org', CODE, '--format', 'json', '-o', a]).status, 0);
  assert.equal(run(['import', '--db', db2, a]).status, 0);
  assert.equal(run(['export', '--db', db2, '--org', CODE, '--format', 'json', '-o', b]).status, 0);
  assert.equal(fs.readFileSync(b, 'utf8'), fs.readFileSync(a, 'utf8'));
  const out = JSON.parse(fs.readFileSync(a, 'utf8'));
  const p = out.plans[0];
  assert.deepEqual(p.rating_scale.map((l) => l.code), ['S', 'A', 'B', 'C', 'D']);
  assert.equal(p.pillars[0].themes[0].measures[0].reviews[0].rating, 'B');
  assert.deepEqual(p.pillars[0].themes[0].measures[1].links, ['B/(1)/1']);  // links as keys: the paths
  assert.deepEqual(p.pillars[1].themes[0].measures[0].links, ['A/(1)/1']);
  assert.equal(p.pillars[2].themes, undefined);                              // no theme level
  assert.deepEqual(p.pillars[2].measures.map((m) => m.code), ['C-1']);
  assert.deepEqual(out.bodies[0].meetings[0].measures.map((m) => m.code), ['2', 'C-1']);   // as keys
});

test('measures are addressed by their keys: the API, the draft and the public pages', async () => {
  const r = await api(srv.url, `/api/v1/orgs/${CODE}/document`, {
    method: 'PUT', body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200, r.text);
  const plans = (await api(srv.url, `/api/v1/orgs/${CODE}/plans`)).json.items;
  const plan = (await api(srv.url, `/api/v1/plans/${plans[0].id}`)).json;
  const keys = plan.pillars.flatMap((pi) => (pi.themes || [{ measures: pi.measures }]).flatMap((t) => t.measures.map((m) => m.key)));
  assert.deepEqual(keys, ['A/(1)/1', '2', 'B/(1)/1', 'C-1']);   // 2 and C-1 are their plan's only
  assert.ok(plan.pillars[2].theme_id > 0, 'a pillar without themes names the theme that holds its measures');
  // publish, then the public reads the sheet of A/(1)/1 at its path and sends an opinion there
  const v = await api(srv.url, `/api/v1/plans/${plans[0].id}/versions`, {
    method: 'POST', body: JSON.stringify({ label: '1.0', date: '2025-04-01', notes: ['初版'] }),
    headers: { 'Content-Type': 'application/json' } });
  assert.equal(v.status, 201, v.text);
  const sheet = await api(srv.url, `/plans/${plans[0].id}/published/measures/A/(1)/1`, { as: null });
  assert.equal(sheet.status, 200);
  assert.match(sheet.text, /書かない窓口/);
  const other = await api(srv.url, `/plans/${plans[0].id}/published/measures/B/(1)/1`, { as: null });
  assert.match(other.text, /電子決裁/);
  assert.match(other.text, /href="\/plans\/\d+\/published\/measures\/A\/%281%29\/1"/);   // its link, by path
  assert.equal((await api(srv.url, `/plans/${plans[0].id}/published/measures/1`, { as: null })).status, 404);  // ambiguous
  const sent = await api(srv.url, `/api/v1/plans/${plans[0].id}/published/measures/A/(1)/1/feedback`, {
    as: null, method: 'POST', body: JSON.stringify({ text: '窓口が早くなりました' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(sent.status, 201, sent.text);
  const queue = (await api(srv.url, `/api/v1/orgs/${CODE}/feedback`)).json.items;
  assert.deepEqual(queue.map((f) => f.measure_code), ['A/(1)/1']);
  // the plan page lists the pillar without themes with no theme heading of its own
  const page = await api(srv.url, `/plans/${plans[0].id}`);
  assert.match(page.text, /DX研修/);
});

test('kawaru import takes any number of files: 120 organisations at once', () => {
  const db = path.join(dir, 'many.db');
  execFileSync(BIN, ['init', db], { stdio: 'pipe' });
  const files = [];
  for (let i = 0; i < 120; i++) {
    const f = path.join(dir, `org${i}.json`);
    const one = structuredClone(doc);
    one.org = { code: orgCode(40100 + i), name: `市${i}` };
    fs.writeFileSync(f, JSON.stringify(one));
    files.push(f);
  }
  const r = run(['import', '--db', db, ...files]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 120 documents/);
});

test('a plan without a title is refused, saying so, and nothing is written', () => {
  const db = path.join(dir, 'untitled.db');
  execFileSync(BIN, ['init', db], { stdio: 'pipe' });
  const bad = structuredClone(doc);
  delete bad.plans[0].title;
  const f = path.join(dir, 'untitled.json');
  fs.writeFileSync(f, JSON.stringify(bad));
  const r = run(['import', '--db', db, f]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /plans\[0\]\.title: is missing: every plan needs its title/);
  assert.notEqual(run(['export', '--db', db, '--org', CODE, '--format', 'json']).status, 0);
});

// The JSON Schema in docs/ describes what kawaru writes: the demo plans' and this plan's exports
// validate against it (with ajv, draft 2020-12).
test('exports validate against docs/kawaru-plan-1.schema.json', () => {
  const Ajv2020 = require('ajv/dist/2020');
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'kawaru-plan-1.schema.json'), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const db = path.join(dir, 'schema.db');
  execFileSync(BIN, ['init', '--demo', db], { stdio: 'pipe' });
  assert.equal(run(['import', '--db', db, path.join(dir, 'plan.json')]).status, 0);
  for (const code of ['322075', '122319', CODE]) {
    const out = run(['export', '--db', db, '--org', code, '--format', 'json']);
    assert.equal(out.status, 0, out.stderr);
    const ok = validate(JSON.parse(out.stdout));
    assert.ok(ok, `${code}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
  const bad = structuredClone(doc);                      // the schema does refuse: a code with "/"
  bad.plans[0].pillars[0].code = 'A/B';
  assert.equal(validate(bad), false);
});
