'use strict';
// Ids in a published version (SPEC §5, issue 4): the public reads a plan's latest published
// version carrying the ids of the working draft's rows with the same codes, so that its links
// lead somewhere. A row the draft no longer has, and every measurement (a snapshot keeps no row
// ids), shows no id at all — never a false 0 that leads to a 404.
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

const measuresOf = (plan) => plan.pillars.flatMap((p) => p.themes.flatMap((t) => t.measures));

test('a measure removed from the draft stays in the published plan, without an id', async () => {
  const del = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'DELETE', as: 'office' });
  assert.equal(del.status, 204, del.text);

  const own = (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as: 'office' })).json;
  assert.ok(!measuresOf(own).some((m) => m.title === '書かない窓口'), 'the draft no longer has it');

  const pub = (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as: null })).json;
  const gone = measuresOf(pub).find((m) => m.title === '書かない窓口');
  assert.ok(gone, 'the published version still has 書かない窓口');
  assert.ok(!('id' in gone), `no id for a measure the draft lost, got ${gone.id}`);
  assert.ok(gone.kpis.length > 0 && gone.kpis.every((k) => !('id' in k)), 'nor for its KPIs');

  // every id the public is shown leads to the same row
  const kept = measuresOf(pub).filter((m) => m !== gone);
  assert.ok(kept.length >= 29 && kept.every((m) => Number.isInteger(m.id) && m.id > 0), 'the others keep their ids');
  for (const m of kept.slice(0, 5)) {
    const r = await api(srv.url, `/api/v1/measures/${m.id}`, { as: null });
    assert.equal(r.status, 200, `${m.code}: ${r.text}`);
    assert.equal(r.json.code, m.code);
  }
  assert.ok(pub.pillars.every((p) => p.id > 0 && p.themes.every((t) => t.id > 0)), 'pillars and themes keep theirs');

  const list = (await api(srv.url, `/api/v1/plans/${ids.planId}/measures`, { as: null })).json;
  const row = list.items.find((m) => m.title === '書かない窓口');
  assert.ok(row && !('id' in row), 'the public list shows it too, without an id');
  assert.equal(list.total, measuresOf(pub).length);
  const q = (await api(srv.url, `/api/v1/plans/${ids.planId}/measures?q=${encodeURIComponent('書かない')}`, { as: null })).json;
  assert.ok(q.items.some((m) => m.title === '書かない窓口'), 'a search of the published text finds it');
  const dept = (await api(srv.url, `/api/v1/plans/${ids.planId}/measures?dept=${encodeURIComponent('窓口担当課')}`, { as: null })).json;
  assert.ok(!dept.items.some((m) => m.title === '書かない窓口'), 'a department filter, which the draft answers, does not');
});

test('published measurements carry no id; the draft\'s do', async () => {
  const kpi = measuresOf(ids.plan).flatMap((m) => m.kpis).find((k) => (k.name || '').includes('ITパスポート'));
  const pub = (await api(srv.url, `/api/v1/kpis/${kpi.id}`, { as: null })).json;
  assert.deepEqual(pub.measurements.map((x) => [x.period, x.value, 'id' in x]), [['2024-03-31', 7, false]]);
  const own = (await api(srv.url, `/api/v1/kpis/${kpi.id}`, { as: 'viewer' })).json;
  assert.ok(own.measurements.length >= 1 && own.measurements.every((x) => Number.isInteger(x.id) && x.id > 0));
});
