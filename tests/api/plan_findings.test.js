'use strict';
// The plan page lists the plan's check findings for its members (issue 14 point 6): the count of
// what needs action and of notes — the same as `kawaru check` counts — then each finding with
// its measure linked, in the reader's language; the public, sent to the published plan, sees none.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

test("江津市's plan page lists its findings as kawaru check counts them", async () => {
  const findings = JSON.parse(spawnSync(srv.bin, ['check', '--db', srv.db, '--org', '322075', '--format', 'json'],
    { encoding: 'utf8' }).stdout).filter((f) => f.entity.plan_id === ids.planId);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const notes = findings.length - errors;
  assert.ok(errors > 0 && notes > 0, 'the demo has both');
  const page = (await api(srv.url, `/plans/${ids.planId}`, { as: 'viewer' })).text;
  assert.match(page, /<h2 id="plan-check-title">計画の点検<\/h2>/);
  assert.ok(page.includes(`要対応 ${errors}件・注意 ${notes}件`), 'the summary counts as kawaru check does');
  assert.equal((page.match(/<li><span class="badge badge-(act|note)">/g) || []).length, findings.length, 'one item a finding');
  const maas = findings.find((f) => f.code === 'kpi_without_name' && f.entity.measure_title === 'MaaSの導入');
  const measureId = Number(sql(`SELECT measure_id FROM kpi WHERE id = ${maas.entity.id}`));
  assert.match(page, new RegExp(`<a href="/measures/${measureId}">1-5-1 MaaSの導入</a>：KPIの指標が未設定です</li>`));
  const en = (await api(srv.url, `/plans/${ids.planId}?lang=en`, { as: 'viewer' })).text;
  assert.ok(en.includes(`${errors} to act on, ${notes} notes`), 'in English');
  assert.match(en, /MaaSの導入<\/a>: the KPI names no indicator yet \(指標未設定\)<\/li>/);
  const pub = await api(srv.url, `/plans/${ids.planId}`, { as: null });
  assert.ok(!pub.text.includes('plan-check-title'), 'the public sees no findings');
});

function sql(q) {
  return spawnSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).stdout.trim();
}
