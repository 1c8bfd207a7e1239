'use strict';
// API tokens scoped to KPI ingestion: made with `kawaru token create` against the test server's
// database (and on /admin/tokens), used as "Authorization: Bearer" on
// POST /api/v1/kpis/{id}/measurements; revoked or unknown → 401, another organisation's → 403,
// a bad batch item → 422 with nothing written. Token requests are sent without a session
// ({as: null}), so that the token alone is what lets them in. Since issue 4 a request without a
// token needs a session with the right role (reporter of the measure's department, office,
// admin): anonymous → 401, a viewer or another department's reporter → 403; the measurement is
// recorded by the user's login (before, anyone could post and it was recorded by "api").
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

/** Runs the kawaru CLI; returns {status, stdout, stderr}. */
function cli(...args) {
  const r = spawnSync(srv.bin, args, { encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new token of organisation code, made with the CLI. */
function createToken(org, name) {
  const r = cli('token', 'create', '--db', srv.db, '--org', org, '--name', name);
  assert.equal(r.status, 0, `token create: ${r.stderr}`);
  return r.stdout.trim();
}

/** The id of the token named name, from `kawaru token list`. */
function tokenId(name) {
  const r = cli('token', 'list', '--db', srv.db);
  assert.equal(r.status, 0, r.stderr);
  const row = r.stdout.trim().split('\n').slice(1).map((l) => l.split('\t')).find((c) => c[2] === name);
  assert.ok(row, `token ${name} in:\n${r.stdout}`);
  return Number(row[0]);
}

/** token: an API token or an Authorization header (sent without a session); undefined: no
 *  token, signed in as `as` (the default admin unless given). */
const post = (body, token, kpi = ids.kpiId, as) => api(srv.url, `/api/v1/kpis/${kpi}/measurements`, {
  method: 'POST', body, headers: token === undefined ? {} : { Authorization: token.startsWith('kwt_') ? `Bearer ${token}` : token },
  as: token === undefined ? as : null,
});
const measurements = async (kpi = ids.kpiId) => {
  const r = await api(srv.url, `/api/v1/kpis/${kpi}`);
  assert.equal(r.status, 200);
  return r.json.measurements;
};

function assertError(r, status, code) {
  assert.equal(r.status, status, `status ${r.status}: ${r.text}`);
  assert.ok(r.json?.error, `error body: ${r.text}`);
  if (code) assert.equal(r.json.error.code, code);
}

test('token create prints the token once on stdout, with a warning on stderr; list shows only its prefix', () => {
  const r = cli('token', 'create', '--db', srv.db, '--org', '322075', '--name', '一覧確認');
  assert.equal(r.status, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^kwt_[A-Za-z0-9_-]{43}$/);
  assert.match(r.stderr, /cannot be shown again/);
  const list = cli('token', 'list', '--db', srv.db, '--org', '322075');
  assert.equal(list.status, 0, list.stderr);
  assert.ok(list.stdout.includes('一覧確認'), list.stdout);
  assert.ok(list.stdout.includes(token.slice(0, 12)), 'the visible prefix is listed');
  assert.ok(!list.stdout.includes(token), 'the token itself is never listed');
  assert.ok(!list.stdout.includes(token.slice(12)), 'not even its secret part');
});

test('a token of the KPI\'s organisation adds one measurement: source and recorded_by name the token', async () => {
  const token = createToken('322075', '窓口システム');
  const r = await post({ period: '2025-03-31', value: 12.5 }, token);
  assert.equal(r.status, 201, r.text);
  const id = r.json.items[0].id;
  const m = (await measurements()).find((x) => x.id === id);
  assert.ok(m, 'stored');
  assert.equal(m.source, '窓口システム');
  assert.equal(m.recorded_by, 'token:窓口システム');
  // the request's own source wins over the token's name
  const r2 = await post({ period: '2025-04-30', value: 13, source: '窓口アンケート' }, token);
  assert.equal(r2.status, 201, r2.text);
  const m2 = (await measurements()).find((x) => x.id === r2.json.items[0].id);
  assert.equal(m2.source, '窓口アンケート');
  assert.equal(m2.recorded_by, 'token:窓口システム');
  // last use is recorded
  const row = cli('token', 'list', '--db', srv.db, '--org', '322075').stdout.split('\n').find((l) => l.includes('\t窓口システム\t'));
  assert.match(row.split('\t')[6], /^\d{4}-\d\d-\d\dT/, `last_used_at in ${row}`);
});

test('a token posts a batch; a batch with one bad item → 422 naming it, and nothing is written', async () => {
  const token = createToken('322075', 'バッチ');
  const ok = await post({ measurements: [{ period: '2025-05-31', value: 14 }, { period: '2025-06-30', value: 15 }] }, token);
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.total, 2);
  const before = await measurements();
  const bad = await post({ measurements: [
    { period: '2025-07-31', value: 16 },
    { period: '2025-08-31', value: 17 },
    { period: '2025-09-30', value: 'many' },
  ] }, token);
  assertError(bad, 422, 'invalid');
  assert.equal(bad.json.error.field, 'measurements[2].value');
  assert.deepEqual(await measurements(), before, 'nothing written');
});

test('a revoked token → 401 with WWW-Authenticate, nothing written', async () => {
  const token = createToken('322075', '失効予定');
  assert.equal((await post({ period: '2025-03-31', value: 1 }, token)).status, 201);
  const id = tokenId('失効予定');
  const rv = cli('token', 'revoke', '--db', srv.db, String(id));
  assert.equal(rv.status, 0, rv.stderr);
  const before = await measurements();
  const r = await post({ period: '2025-03-31', value: 2 }, token);
  assertError(r, 401, 'unauthorized');
  assert.match(r.headers.get('www-authenticate') || '', /^Bearer/);
  assert.deepEqual(await measurements(), before);
  // revoking again changes nothing and says so
  const again = cli('token', 'revoke', '--db', srv.db, String(id));
  assert.equal(again.status, 2);
  assert.match(again.stderr, /revoked already/);
});

test('unknown, malformed and non-Bearer credentials → 401, nothing written', async () => {
  const before = await measurements();
  const token = createToken('322075', '形式確認');
  const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  for (const auth of [forged, 'kwt_short', `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', 'Bearer ']) {
    const r = await post({ period: '2025-03-31', value: 3 }, auth.startsWith('kwt_') ? `Bearer ${auth}` : auth);
    assertError(r, 401, 'unauthorized');
  }
  assert.deepEqual(await measurements(), before);
});

test('a token of another organisation → 403, nothing written (single, batch and CSV)', async () => {
  const inzai = createToken('122319', '印西の集計');
  const before = await measurements();
  assertError(await post({ period: '2025-03-31', value: 4 }, inzai), 403, 'forbidden');
  assertError(await post({ measurements: [{ period: '2025-03-31', value: 4 }] }, inzai), 403, 'forbidden');
  const csv = await api(srv.url, `/api/v1/plans/${ids.planId}/measurements.csv`, {
    method: 'POST', body: '施策コード,指標名,時点,値\n1-1-3,窓口の平均対応時間削減割合,2025-03-31,4\n',
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${inzai}` }, as: null,
  });
  assertError(csv, 403, 'forbidden');
  assert.deepEqual(await measurements(), before);
  // the same token may write to its own organisation's KPIs (Inzai's demo plan has none: make one)
  const inzaiMeasure = (await api(srv.url, `/api/v1/plans/${ids.inzaiPlanId}`)).json.pillars
    .flatMap((p) => p.themes).flatMap((t) => t.measures)[0];
  const kpi = await api(srv.url, `/api/v1/measures/${inzaiMeasure.id}/kpis`, {
    method: 'POST', body: { name: '電子申請の件数', unit: '件', target: { state: 'undecided' } },
  });
  assert.equal(kpi.status, 201, kpi.text);
  assert.equal((await post({ period: '2025-03-31', value: 4 }, inzai, kpi.json.id)).status, 201);
  const gotsu = createToken('322075', '江津の集計');
  assertError(await post({ period: '2025-03-31', value: 4 }, gotsu, kpi.json.id), 403, 'forbidden');
});

test('a token for an unknown KPI → 404', async () => {
  const token = createToken('322075', '存在確認');
  assertError(await post({ period: '2025-03-31', value: 1 }, token, 999999), 404);
});

test('requests without a token need a session of a reporter of the measure, office or admin', async () => {
  const before = await measurements();
  const anon = await post({ period: '2025-10-31', value: 5 }, undefined, ids.kpiId, null);
  assertError(anon, 401, 'unauthorized');
  assertError(await post({ period: '2025-10-31', value: 5 }, undefined, ids.kpiId, 'viewer'), 403, 'forbidden');
  const other = srv.addUser({ login: 'tok-kaikei', role: 'reporter', departments: ['kaikei'] });   // 会計課
  assertError(await post({ period: '2025-10-31', value: 5 }, undefined, ids.kpiId, await srv.signIn(other.login, other.password)),
    403, 'forbidden');
  assert.deepEqual(await measurements(), before, 'nothing written');
  for (const [role, value] of [['reporter', 5], ['office', 6], ['admin', 7]]) {   // the reporter's 窓口担当課 carries the measure
    const r = await post({ period: '2025-10-31', value }, undefined, ids.kpiId, role);
    assert.equal(r.status, 201, `${role}: ${r.text}`);
    const m = (await measurements()).find((x) => x.id === r.json.items[0].id);
    assert.equal(m.recorded_by, srv.users[role].login);
    assert.equal(m.source, undefined);
  }
});

test('the CLI refuses bad token commands on stderr with a non-zero exit', () => {
  let r = cli('token', 'create', '--db', srv.db, '--org', '322075');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--name/);
  r = cli('token', 'create', '--db', srv.db, '--org', '999999', '--name', 'x');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no organisation/);
  r = cli('token', 'create', '--db', srv.db, '--org', '322075', '--name', '窓口システム');
  assert.equal(r.status, 2, 'a live token of that name exists');
  assert.equal(r.stdout, '');
  r = cli('token', 'revoke', '--db', srv.db, '999999');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no token/);
  r = cli('token', 'frobnicate');
  assert.equal(r.status, 2);
  for (const sub of ['create', 'list', 'revoke']) {
    r = cli('token', sub, '--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, new RegExp(`usage: kawaru token ${sub}`));
  }
});

test('the admin page makes a token shown once, lists it by prefix, and revokes it', async () => {
  // admins only: anonymous → 401 (the sign-in form), office → 403
  assert.equal((await api(srv.url, '/admin/tokens', { as: null })).status, 401);
  assert.equal((await api(srv.url, '/admin/tokens', { as: 'office' })).status, 403);
  const office = await srv.session('office');
  const refused = await api(srv.url, '/admin/tokens', {
    method: 'POST', body: new URLSearchParams({ org: '322075', name: '事務局から', csrf: office.csrf }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, as: office,
  });
  assert.equal(refused.status, 403);
  assert.ok(!cli('token', 'list', '--db', srv.db).stdout.includes('事務局から'), 'nothing made');
  const page = await api(srv.url, '/admin/tokens');
  assert.equal(page.status, 200);
  assert.match(page.text, /APIトークン/);
  const { csrf } = await srv.session('admin');      // a signed-in form post carries the session's token
  const made = await api(srv.url, '/admin/tokens', {
    method: 'POST', body: new URLSearchParams({ org: '322075', name: '管理画面から', csrf }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(made.status, 201, made.text.slice(0, 300));
  const token = (made.text.match(/value="(kwt_[A-Za-z0-9_-]{43})"/) || [])[1];
  assert.ok(token, 'the new token is on the page');
  assert.match(made.text, /今だけ/);
  const listed = await api(srv.url, '/admin/tokens');
  assert.ok(listed.text.includes('管理画面から'));
  assert.ok(listed.text.includes(token.slice(0, 12)));
  assert.ok(!listed.text.includes(token), 'the list never shows the token');
  assert.equal((await post({ period: '2025-11-30', value: 6 }, token)).status, 201);
  const id = tokenId('管理画面から');
  const rv = await api(srv.url, `/admin/tokens/${id}/revoke`, { method: 'POST', body: `csrf=${csrf}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(rv.status, 303);
  assert.equal(rv.headers.get('location'), '/admin/tokens');
  assertError(await post({ period: '2025-11-30', value: 7 }, token), 401);
  // a blank name is refused next to the field, nothing made
  const bad = await api(srv.url, '/admin/tokens', {
    method: 'POST', body: `org=322075&name=&csrf=${csrf}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="name-error"/);
});
