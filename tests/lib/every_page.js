'use strict';
// Every kind of page of kawaru, each with a role that uses it (the office, a reporter, the HQ's
// viewer, the admin, a citizen signed out), for the tests that hold every page to a rule: the
// phone's width (tests/e2e/narrow.test.js) and English (tests/e2e/english.test.js).
//
//   const { everyPage } = require('../lib/every_page');
//   const { ids, extra, pages } = await everyPage(srv);   // pages: [[role or null, path], …]
//
// It opens a review period of 江津市's plan (2025 Q3), so that the period, its work, review and
// pack pages have rows: call it once per server.
const assert = require('node:assert/strict');
const { api, demoIds } = require('./server');

function findMeasure(plan, id) {
  for (const pi of plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures)
        if (m.id === id) return m;
  throw new Error(`no measure ${id}`);
}

/** Opens the period and returns the pages as [role, path] (role null: signed out) with the ids. */
async function everyPage(srv) {
  const ids = await demoIds(srv.url);
  // A period with rows: the office opens a quarter (review.test.js does it through the form).
  const opened = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`,
    { method: 'POST', as: 'office', body: { fy: 2025, quarter: 3, deadline: '2099-01-15' } });
  assert.equal(opened.status, 201, opened.text);
  const org = (await api(srv.url, '/api/v1/orgs/322075')).json;
  const dept = org.departments.find((d) => d.name === '窓口担当課');
  const versions = (await api(srv.url, `/api/v1/plans/${ids.planId}/versions`)).json.items;
  const bodies = (await api(srv.url, '/api/v1/orgs/322075/bodies', { as: null })).json.items;
  const measure = findMeasure(ids.plan, ids.measureId);
  const extra = { periodId: opened.json.id, deptId: dept.id, versionId: versions[0].id, bodyId: bodies[0].id, key: measure.key || measure.code };
  const P = () => `/plans/${ids.planId}`;
  const pages = [
    [null, '/'],
    ['office', '/'],
    [null, '/orgs'],
    [null, `/orgs?prefecture=${encodeURIComponent('島根県')}`],
    [null, `/orgs?q=${encodeURIComponent('江津')}`],
    [null, '/orgs/322075'],
    [null, '/open-data'],
    ['office', '/orgs/322075'],
    ['office', P()],
    [null, `${P()}/published`],
    [null, `${P()}/published/measures/${encodeURI(extra.key)}`],
    [null, `${P()}/summary`],
    [null, `${P()}/versions`],
    [null, `${P()}/compare?from=${extra.versionId}&to=${extra.versionId}`],
    ['office', `${P()}/search?q=${encodeURIComponent('窓口')}`],
    [null, `${P()}/logic-model`],
    ['office', `${P()}/logic-model`],
    ['office', `/measures/${ids.measureId}`],
    ['office', `/measures/${ids.measureId}/history`],
    ['office', `/measures/${ids.measureId}/edit`],
    ['reporter', `/measures/${ids.measureId}/edit`],
    ['office', `/measures/${ids.measureId}/kpis`],
    ['office', `/kpis/${ids.kpiId}`],
    [null, `/kpis/${ids.kpiId}`],
    ['office', `/kpis/${ids.kpiId}/edit`],
    ['office', `${P()}/edit`],
    ['office', `${P()}/structure`],
    ['office', `${P()}/rating-scale`],
    ['office', `${P()}/logic-model/edit`],
    ['office', `${P()}/periods`],
    ['office', `/periods/${extra.periodId}`],
    ['reporter', `/periods/${extra.periodId}/work?dept=${extra.deptId}`],
    ['reporter', `/periods/${extra.periodId}/measures/${ids.measureId}`],
    ['office', `/periods/${extra.periodId}/measures/${ids.measureId}`],
    ['viewer', `/periods/${extra.periodId}/pack`],
    ['reporter', `/departments/${extra.deptId}/inbox`],
    ['office', `${P()}/versions`],
    ['office', `${P()}/compare?from=${extra.versionId}&to=draft`],
    ['admin', '/audit'],
    ['admin', '/admin/users'],
    ['admin', '/admin/tokens'],
    ['office', '/orgs/322075/feedback'],
    ['office', '/orgs/322075/departments'],
    [null, '/orgs/322075/bodies'],
    [null, '/orgs/322075/meetings'],
    [null, `/bodies/${extra.bodyId}`],
    ['office', '/orgs/322075/bodies/new'],
    ['office', `/bodies/${extra.bodyId}/edit`],
    ['admin', `/plans/${ids.inzaiPlanId}`],
    ['office', '/orgs/322075/workload'],
    ['office', '/orgs/322075/workload/import'],
    ['office', '/orgs/322075/workload/means'],
    ['office', '/orgs/322075/workload/matrix'],
    ['office', `/departments/${extra.deptId}/inventory`],
    ['admin', '/orgs/122319/workload'],
    [null, '/categories'],
    [null, '/categories/front_yard'],
    ['office', `/measures/${ids.measureId}/categories`],
    ['office', `/plans/${ids.planId}/categories`],
    [null, '/login'],
  ];
  return { ids, extra, pages };
}

module.exports = { everyPage };
