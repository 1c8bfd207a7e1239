'use strict';
// What the public site's tests (tests/e2e/public_site.test.js, print.test.js) need beyond the demo:
// a quarter of 江津市's plan (2025 Q3) in which 書かない窓口's report (順調, its KPI at 20 on
// 2025-12-31) was confirmed by the office, 1-1-2's report (遅れ) was sent but not confirmed and
// 1-1-1's (やや遅れ) only saved; then a new measure 窓口予約システム and version 1.3 published
// with a note. Call it once per server.
//
//   const { publicData } = require('../lib/public_data');
//   const d = await publicData(srv);   // {ids, periodId, added: {title, key}, versions: [1.2, 1.3]}
const assert = require('node:assert/strict');
const { expectApi, demoIds } = require('./server');

const ADDED_TITLE = '窓口予約システム';
const NOTE = '窓口予約システムを追加';

async function publicData(srv) {
  const ids = await demoIds(srv.url);
  const call = (method, p, body, status, as) => expectApi(srv.url, method, p, body, status, as);
  const period = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2099-01-15' }, 201, 'office');
  const review = (code) => `/api/v1/periods/${period.id}/measures/${code === '1-1-3' ? ids.measureId : ids.measureOf(code)}/review`;
  // confirmed: public
  await call('PUT', review('1-1-3'), {
    rating: 'on_track', text: '書かない窓口を試行', kpi_values: [{ kpi_id: ids.kpiId, value: 20 }], submit: true,
  }, 200, 'reporter');
  const confirmed = await call('POST', `${review('1-1-3')}/confirm`, undefined, 200, 'office');
  assert.equal(confirmed.review.state, 'confirmed');
  // waiting for confirmation, and still being written: not public
  const sent = await call('PUT', review('1-1-2'), { rating: 'delayed', text: '調整中', submit: true }, 200, 'reporter');
  assert.equal(sent.review.state, 'submitted');
  const draft = await call('PUT', review('1-1-1'), { rating: 'minor_delay', text: '作成中' }, 200, 'reporter');
  assert.equal(draft.review.state, 'draft');
  // a new measure in 書かない窓口's theme, published as 1.3
  let themeId;
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      if (t.measures.some((m) => m.id === ids.measureId)) themeId = t.id;
  const added = await call('POST', `/api/v1/themes/${themeId}/measures`, { code: '1-1-9', title: ADDED_TITLE }, 201, 'office');
  await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.3', date: '2026-04-01', notes: [NOTE] }, 201, 'office');
  const versions = (await call('GET', `/api/v1/plans/${ids.planId}/versions`, undefined, 200)).items;
  return { ids, periodId: period.id, added: { id: added.id, title: ADDED_TITLE, key: added.key || '1-1-9' }, note: NOTE, versions };
}

module.exports = { publicData };
