'use strict';
// The promotion organisation (issue 4, point 4): an organisation's bodies with members and WG
// topics, its meeting calendar of a fiscal year, a body's page, and 404s for unknown ones.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, orgCode } = require('../lib/server');

let srv;
before(async () => { srv = await startServer(); });
after(() => srv && srv.stop());

test('GET /api/v1/orgs/322075/bodies lists 推進本部, 監事会, DX推進委員会, six WGs and DX推進リーダー', async () => {
  const r = await api(srv.url, '/api/v1/orgs/322075/bodies');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total, r.json.items.length);
  const kinds = r.json.items.map((b) => b.kind);
  assert.equal(kinds.filter((k) => k === 'working_group').length, 6);
  for (const k of ['headquarters', 'audit_board', 'committee', 'leaders']) assert.ok(kinds.includes(k), k);
  const hq = r.json.items.find((b) => b.kind === 'headquarters');
  assert.equal(typeof hq.id, 'number');
  assert.ok(hq.members.some((m) => m.role === 'CDO' && m.post === '市長'), 'the mayor is CDO');
  assert.equal(hq.members.filter((m) => m.role === '副CDO').length, 2);
  const topics = r.json.items.flatMap((b) => b.topics || []);
  for (const t of ['AI-OCR', 'RPA', 'ナッジ理論', 'LINE公式アカウント', '書かない窓口', 'テレワーク', 'MaaS']) assert.ok(topics.includes(t), t);
  const committee = r.json.items.find((b) => b.kind === 'committee');
  assert.equal(committee.headcount, 28, 'counted as the seed counts it; its members are not named');
  const m0 = committee.meetings[0].measures[0];
  assert.equal(m0.code, '3-3-1');
  assert.equal(typeof m0.id, 'number');
  const measure = await api(srv.url, `/api/v1/measures/${m0.id}`);
  assert.equal(measure.status, 200);
  assert.equal(measure.json.code, '3-3-1');
});

test('an organisation without bodies gives an empty list', async () => {
  const made = await api(srv.url, '/api/v1/orgs', { method: 'POST', body: { code: orgCode('01100'), name: '札幌市' } });
  assert.equal(made.status, 201, made.text);
  const r = await api(srv.url, `/api/v1/orgs/${orgCode('01100')}/bodies`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { items: [], total: 0 });
});

test('GET /api/v1/orgs/322075/meetings?fy=2024 is the FY2024 calendar in date order', async () => {
  const r = await api(srv.url, '/api/v1/orgs/322075/meetings?fy=2024');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.fy, 2024);
  const items = r.json.items;
  assert.equal(r.json.total, items.length);
  const dates = items.map((i) => i.meeting.date);
  assert.deepEqual(dates, [...dates].sort());
  assert.ok(dates.every((d) => d >= '2024-04-01' && d <= '2025-03-31'));
  assert.equal(items.filter((i) => /DX推進委員会議/.test(i.meeting.title)).length, 6);
  assert.ok(items.some((i) => i.body.kind === 'audit_board'), '監事会');
  assert.ok(items.some((i) => i.body.kind === 'headquarters' && i.meeting.title === '推進本部会議'));
  assert.ok(dates.indexOf('2025-02-20') > dates.indexOf('2024-12-19'), 'January-March come after December');
});

test('the fy filter: another year is empty, 令和6年度 is 2024, garbage is 400, no fy is every meeting', async () => {
  const none = await api(srv.url, '/api/v1/orgs/322075/meetings?fy=2023');
  assert.equal(none.status, 200);
  assert.equal(none.json.total, 0);
  const reiwa = await api(srv.url, `/api/v1/orgs/322075/meetings?fy=${encodeURIComponent('令和6年度')}`);
  assert.equal(reiwa.json.fy, 2024);
  assert.equal(reiwa.json.total, 9);
  const bad = await api(srv.url, '/api/v1/orgs/322075/meetings?fy=abc');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'fy');
  const all = await api(srv.url, '/api/v1/orgs/322075/meetings');
  assert.equal(all.json.total, 9);
});

test('unknown organisations are 404 on both lists and on the pages; an unknown body is 404', async () => {
  for (const path of ['/api/v1/orgs/999999/bodies', '/api/v1/orgs/999999/meetings?fy=2024']) {
    const r = await api(srv.url, path);
    assert.equal(r.status, 404, path);
    assert.equal(r.json.error.code, 'not_found');
  }
  for (const path of ['/orgs/999999/bodies', '/orgs/999999/meetings', '/bodies/999999']) {
    const r = await fetch(srv.url + path);
    assert.equal(r.status, 404, path);
  }
});

test('the pages show bodies, members, the calendar by month in fiscal order, and a body', async () => {
  let r = await fetch(`${srv.url}/orgs/322075/bodies`);
  assert.equal(r.status, 200);
  let html = await r.text();
  assert.match(html, /スマートシティ江津推進本部/);
  assert.match(html, /<td>CDO<\/td><td>市長<\/td>/);
  assert.match(html, /WG⑥（MaaS）/);
  r = await fetch(`${srv.url}/orgs/322075/meetings?fy=2024`);
  html = await r.text();
  assert.equal(r.status, 200);
  const april = html.indexOf('<h2>2024年4月</h2>'), feb = html.indexOf('<h2>2025年2月</h2>'), march = html.indexOf('<h2>2025年3月</h2>');
  assert.ok(april > 0 && feb > april && march > feb, 'April to March');
  assert.match(html, /第1回DX推進委員会議/);
  r = await fetch(`${srv.url}/orgs/322075/meetings?fy=2024&lang=en`);
  assert.match(await r.text(), /<h2>April 2024<\/h2>/);
  const org = await (await fetch(`${srv.url}/orgs/322075`)).text();
  assert.match(org, /href="\/orgs\/322075\/bodies"/);
  assert.match(org, /href="\/orgs\/322075\/meetings"/);
});

test('a body\'s page lists its meetings by date, however late one was recorded', async () => {
  const committee = (await api(srv.url, '/api/v1/orgs/322075/bodies')).json.items.find((b) => b.kind === 'committee');
  const first = committee.meetings.map((m) => m.date).sort()[0];
  const r = await api(srv.url, `/api/v1/bodies/${committee.id}/meetings`, { method: 'POST', as: 'office',
    body: { date: '2020-01-15', title: '後から記録した準備会' } });
  assert.equal(r.status, 201, r.text);
  const stored = (await api(srv.url, `/api/v1/orgs/322075/bodies`)).json.items.find((b) => b.id === committee.id);
  assert.equal(stored.meetings.at(-1).title, '後から記録した準備会', 'recorded last');
  const html = (await api(srv.url, `/bodies/${committee.id}`)).text;
  const late = html.indexOf('後から記録した準備会');
  const earliest = html.indexOf(first);
  assert.ok(late > 0 && earliest > 0, 'both are on the page');
  assert.ok(late < earliest, `the 2020 meeting comes before the ${first} one`);
});
