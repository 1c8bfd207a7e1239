'use strict';
// The authorization matrix (issue 4 point 2): every route of the route table (read from
// src/server/routes.c, so a new route cannot be left out) is called as each role — anonymous,
// viewer, reporter, office and admin of 江津市, and an office user of 印西市 (another
// organisation) — on 江津市's resources, and the status must be what the route's declared
// permission says: 401 for anonymous where sign-in is needed, 403 for a role without the right,
// otherwise the handler's own answer (200 for a read; for a write, whatever the handler says
// to the body sent, never 401/403/5xx). Writes send bodies the handlers refuse (so the matrix
// changes nothing), except deletions and state changes, which get a fresh entity each time.
// The reporter's department (窓口担当課) carries 書かない窓口, the measure every
// measure-scoped path names; a second pass checks a reporter on another department's measure.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startServer, api, demoIds, REPO } = require('../lib/server');

/** The right each review step needs, from the one table of them (REVIEW_STEPS in core/review.h). */
function stepPerms() {
  const src = fs.readFileSync(path.join(REPO, 'src/core/review.h'), 'utf8');
  const perms = {};
  for (const m of src.matchAll(/X\((\w+),\s*"\w+",\s*PERM_(\w+)\)/g)) perms[m[1]] = m[2];
  return perms;
}

/** [{method, pattern, scope, perm, csrf}] from the route table; rows counts every row begun. */
function routeTable() {
  const src = fs.readFileSync(path.join(REPO, 'src/server/routes.c'), 'utf8');
  const steps = stepPerms();
  const rows = [];
  const re = /\{"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*SCOPE_(\w+),\s*\w+,\s*(?:PERM_(\w+)|PERM_STEP\((\w+)\)),\s*(true|false)\}/g;
  for (let m; (m = re.exec(src));) {
    rows.push({ method: m[1], pattern: m[2], scope: m[3], perm: m[4] || steps[m[5]], csrf: m[6] === 'true' });
  }
  rows.begun = (src.match(/^\s*\{"(GET|POST|PUT|PATCH|DELETE)",/gm) || []).length;
  return rows;
}

/** The scope a pattern's first placeholder names: the resource its segment before it says. */
const SEGMENT_SCOPE = {
  orgs: 'ORG', departments: 'DEPARTMENT', notifications: 'NOTIFICATION', bodies: 'BODY', meetings: 'MEETING',
  plans: 'PLAN', pillars: 'PILLAR', themes: 'THEME', measures: 'MEASURE', kpis: 'KPI', measurements: 'MEASUREMENT',
  versions: 'VERSION', periods: 'PERIOD', feedback: 'FEEDBACK', tokens: 'TOKEN', users: 'USER', means: 'MEANS',
  steps: 'STEP', applications: 'APPLICATION',   // the STEP3 matrix (issue 14 point 3)
  reallocations: 'REALLOCATION',
  categories: 'NONE',   // shared categories are no organisation's (issue 16 point 6)
};
function scopeOfPattern(pattern) {
  const m = pattern.match(/\/([a-z-]+)\/\{/);
  if (!m) return 'NONE';
  if (pattern === '/static/{name}') return 'NONE';
  if (pattern.includes('{mid}')) return 'PERIOD_MEASURE';
  return SEGMENT_SCOPE[m[1]];
}

const ROLES = ['anonymous', 'viewer', 'reporter', 'office', 'admin', 'other-org'];

/** A reporter's right holds on paths that name its department or one of its measures (here
 *  書かない窓口 and what hangs below it), not on a whole plan or organisation. */
const reporterScoped = (pattern) =>
  /^(\/api\/v1)?\/(measures|kpis|measurements|departments|notifications)\/|\/measures\/\{mid\}/.test(pattern);

/** What the permission of a route lets a role do: 'allowed', 401 or 403. */
function expected(perm, role, pattern = '') {
  if (perm === 'PUBLIC' || perm === 'PUBLISHED') return 'allowed';
  if (role === 'anonymous') return 401;
  if (role === 'admin') return 'allowed';
  if (role === 'other-org') return 403;
  const may = {
    MEMBER: ['viewer', 'reporter', 'office'],
    DECIDE: ['viewer', 'office'],
    REPORTER: ['reporter', 'office'],
    INGEST: ['reporter', 'office'],
    OFFICE: ['office'],
    ADMIN: [],
  }[perm];
  assert.ok(may, `unknown permission ${perm}`);
  if (role === 'reporter' && (perm === 'REPORTER' || perm === 'INGEST') && !reporterScoped(pattern)) return 403;
  return may.includes(role) ? 'allowed' : 403;
}

// Answers of a handler (not of the authorization) that are 401 by design.
const HANDLER_401 = new Set(['GET /api/v1/session as anonymous']);
// Answers of a handler that are 403 by design: the survey upload is a member's route whose
// handler lets the office and reporters in (a reporter's file may name only its own departments,
// which the route's scope cannot say), and not a viewer.
const HANDLER_403 = new Set(['GET /orgs/{code}/workload/import as viewer', 'POST /orgs/{code}/workload/import as viewer']);

let srv, ids, sessions, measure, measureCode, kpi, fy = 2040;

// a busy timeout: the server's own writes (the reminder sweep) may hold the database a moment
const sql = (q) => srv.sql(q);

async function ok(method, p, body, status = 201) {
  const r = await api(srv.url, p, { method, body, as: 'admin' });
  assert.equal(r.status, status, `${method} ${p}: ${r.text}`);
  return r.json;
}

before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  measure = ids.measureId;                              // 書かない窓口, of 窓口担当課
  kpi = ids.kpiId;
  measureCode = sql(`SELECT code FROM measure WHERE id = ${measure}`);
  srv.addUser({ login: 'inzai-office', role: 'office', org: '122319' });
  sessions = {
    anonymous: null,
    viewer: await srv.session('viewer'),
    reporter: await srv.session('reporter'),
    office: await srv.session('office'),
    admin: await srv.session('admin'),
    'other-org': await srv.signIn('inzai-office', 'password-inzai-office'),
  };
  await ok('POST', `/api/v1/kpis/${kpi}/measurements`, { period: '2024-03-31', value: 3 });   // a value to correct
});
after(() => srv && srv.stop());

/** Fresh entities for the routes that delete or change state, made as admin. */
const fresh = {
  async departments() {
    const code = 'mx-' + Math.random().toString(36).slice(2, 8);
    return (await ok('POST', '/api/v1/orgs/322075/departments', { code, name: '課' + code })).id;
  },
  async plans() {      // a plan's title is its own in the organisation
    return (await ok('POST', '/api/v1/orgs/322075/plans', { title: '試験計画' + Math.random().toString(36).slice(2, 8), kind: 'strategy' })).id;
  },
  async pillars() {
    return (await ok('POST', `/api/v1/plans/${ids.planId}/pillars`, { code: 'P' + Math.random().toString(36).slice(2, 6), title: '柱' })).id;
  },
  async themes() { return (await ok('POST', `/api/v1/pillars/${await fresh.pillars()}/themes`, { title: '主題' })).id; },
  async measures() {
    const code = 'M-' + Math.random().toString(36).slice(2, 8);
    return (await ok('POST', `/api/v1/themes/${await fresh.themes()}/measures`, { code, title: '施策', departments: ['窓口担当課'] })).id;
  },
  async kpis() { return (await ok('POST', `/api/v1/measures/${await fresh.measures()}/kpis`, { name: '指標', target: { state: 'none' } })).id; },
  async measurements() {
    const r = await ok('POST', `/api/v1/kpis/${kpi}/measurements`, { period: `${2000 + (fy++ % 50)}-03-31`, value: 1 });
    return r.id ?? r.items?.[0]?.id ?? sql(`SELECT max(id) FROM kpi_measurement`);
  },
  async bodies() {
    const code = 'mx-' + Math.random().toString(36).slice(2, 8);
    return (await ok('POST', '/api/v1/orgs/322075/bodies', { code, name: '会議体' + code, kind: 'working_group' })).id;
  },
  async meetings() {
    const body = sql("SELECT min(b.id) FROM body b JOIN org o ON o.id = b.org_id WHERE o.code = '322075'");
    return (await ok('POST', `/api/v1/bodies/${body}/meetings`, { date: '2030-04-01', title: '試験会議' })).id;
  },
  async reallocations() {
    return (await ok('POST', '/api/v1/orgs/322075/reallocations', { fy: 2025, hours: 1, service: '試験' + fy++ })).id;
  },
  async means() {
    return (await ok('POST', '/api/v1/orgs/322075/means', { name: '試験手段' + fy++, reduction: 10 })).id;
  },
  async applications() {   // a means applied to a step of a business of its own (the matrix)
    const step = matrixStep();
    return (await ok('POST', `/api/v1/steps/${step}/applications`, { means_id: await fresh.means() })).id;
  },
  async periods() { return (await ok('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: fy++, quarter: 1, deadline: '2099-06-30' })).id; },
  async tokens() {
    execFileSync(srv.bin, ['token', 'create', '--db', srv.db, '--org', '322075', '--name', 'mx' + fy++], { stdio: 'pipe' });
    return sql('SELECT max(id) FROM api_token');
  },
  async users() {
    const login = 'mx-user-' + fy++;
    srv.addUser({ login, role: 'viewer' });
    return sql(`SELECT id FROM users WHERE login = '${login}'`);
  },
};

/** A step of a business of 江津市's madoguchi (the matrix's routes), made once. */
let matrixStepId = null;
function matrixStep() {
  if (matrixStepId) return matrixStepId;
  const d = sql("SELECT d.id FROM department d JOIN org o ON o.id = d.org_id WHERE o.code = '322075' AND d.code = 'madoguchi'");
  sql(`INSERT INTO business (department_id, survey_fy, position, code, name, volume) VALUES (${d}, 2024, 0, 'MX', '業務MX', 100)`);
  const b = sql("SELECT max(id) FROM business");
  sql(`INSERT INTO business_step (business_id, number, name, minutes, staff, channel) VALUES (${b}, 1, '手順', 5, 'regular', 'counter')`);
  return (matrixStepId = sql('SELECT max(id) FROM business_step'));
}

/** The route's path on 江津市's resources, and a fresh entity where the call would change one. */
async function concrete(route, period) {
  const { method, pattern } = route;
  const destructive = method === 'DELETE' || /\/(close|revoke|disable|delete)$/.test(pattern);
  const kind = pattern.replace(/^\/api\/v1/, '').replace(/^\/admin/, '').split('/')[1];
  const first = destructive && fresh[kind] ? await fresh[kind]() : null;
  // each kind's id read only when the path names that kind (each read is a process)
  const byKind = {
    orgs: () => '322075', departments: () => sql("SELECT id FROM department WHERE code = 'madoguchi'"), plans: () => ids.planId,
    pillars: () => ids.plan.pillars[0].id, themes: () => ids.plan.pillars[0].themes[0].id, measures: () => measure, kpis: () => kpi,
    measurements: () => sql(`SELECT min(id) FROM kpi_measurement WHERE kpi_id = ${kpi}`), periods: () => period,
    versions: () => sql(`SELECT max(id) FROM plan_version WHERE plan_id = ${ids.planId}`),
    bodies: () => sql('SELECT min(b.id) FROM body b JOIN org o ON o.id = b.org_id WHERE o.code = \'322075\''),
    meetings: () => sql('SELECT min(m.id) FROM meeting m JOIN body b ON b.id = m.body_id JOIN org o ON o.id = b.org_id WHERE o.code = \'322075\''),
    feedback: () => sql('SELECT max(id) FROM feedback'),
    notifications: () => sql("SELECT max(n.id) FROM notification n JOIN department d ON d.id = n.department_id WHERE d.code = 'madoguchi'"),
    tokens: () => sql('SELECT min(id) FROM api_token'), users: () => sql("SELECT id FROM users WHERE login = 'demo-viewer'"),
    means: () => sql("SELECT min(m.id) FROM means m JOIN org o ON o.id = m.org_id WHERE o.code = '322075'"),
    steps: () => matrixStep(), applications: () => sql('SELECT min(id) FROM means_application') || fresh.applications(),
    reallocations: () => sql("INSERT INTO reallocation (org_id, fy, hours, service) SELECT id, 2025, 1, '試験' FROM org o " +
      "WHERE o.code = '322075' AND NOT EXISTS (SELECT 1 FROM reallocation x WHERE x.org_id = o.id); " +
      "SELECT min(x.id) FROM reallocation x JOIN org o ON o.id = x.org_id WHERE o.code = '322075'"),
  };
  // two published versions (here one with itself): anyone may compare those, members alone the draft
  const own = pattern.includes('{') && byKind[kind] ? await byKind[kind]() : undefined;
  const versions = /\/compare$/.test(pattern) ? byKind.versions() : null;
  const query = versions ? `?from=${versions}&to=${versions}` : '';
  let i = 0;
  const filled = pattern.replace(/\{(\w+)\*?\}/g, (_, name) => {
    i++;
    if (name === 'code' && (kind === 'categories' || i === 2)) return 'front_yard';   // a shared category
    if (name === 'code' && i === 1) return '322075';
    if (name === 'key') return encodeURIComponent(measureCode);   // a measure's key: its code in 江津市's plan
    if (name === 'mid') return String(measure);
    if (name === 'node') return 's1-a1';                            // a node of 江津市's logic model, by key
    if (name === 'name') return 'app.css';
    if (name === 'file') return 'kpis.csv';                           // an organisation's open data file
    return String(i === 1 && first !== null ? first : own);
  });
  return filled + query;
}

/** A body the handler refuses (or that changes nothing), by content type. */
function bodyFor(route) {
  if (route.method === 'GET' || route.method === 'DELETE') return {};
  if (route.pattern.startsWith('/api/')) {
    return route.pattern.endsWith('.csv')
      ? { body: 'kpi_id,period,value\n', headers: { 'Content-Type': 'text/csv' } }
      : { body: '{"matrix": [' };                       // malformed JSON: 400 from a handler that runs
  }
  return { body: 'matrix=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
}

/** Calls the route as role; a page form gets the session's CSRF token (the CSRF check is not
 *  what this test is about: csrf.test.js). Session-ending routes get a throwaway session. */
async function call(route, role, p) {
  let s = sessions[role];
  if (s && (p === '/logout' || (p === '/api/v1/session' && route.method === 'DELETE'))) {
    const u = role === 'other-org' ? { login: 'inzai-office', password: 'password-inzai-office' } : srv.users[role];
    s = await srv.signIn(u.login, u.password);
  }
  const { body, headers = {} } = bodyFor(route);
  let payload = body;
  if (s && route.csrf && typeof body === 'string') payload = body + '&csrf=' + encodeURIComponent(s.csrf);
  if (route.method === 'POST' && p === '/login') {
    // the sign-in form's pre-session token (login CSRF: tests/api/login.test.js)
    const form = await api(srv.url, '/login', { as: s });
    const pre = form.headers.get('set-cookie').split(';')[0];
    payload += '&login_csrf=' + encodeURIComponent(/name="login_csrf" value="([^"]+)"/.exec(form.text)[1]);
    headers.Cookie = s ? `${s.cookie}; ${pre}` : pre;
  }
  const r = await api(srv.url, p, { method: route.method, body: payload, headers, as: s });
  return r;
}

test('the route table is read whole, and every permission is a known one', () => {
  const rows = routeTable();
  assert.ok(rows.length >= 100, `${rows.length} routes`);
  assert.equal(rows.length, rows.begun, 'every row has a method, pattern, scope, handler, permission and csrf');
  for (const r of rows) expected(r.perm, 'viewer');
});

test('every route declares the resource it acts on, and it is the one its path names', () => {
  const wrong = [];
  for (const r of routeTable()) {
    if (r.scope === 'UNDECLARED') wrong.push(`${r.method} ${r.pattern}: no scope declared`);
    else if (r.scope !== scopeOfPattern(r.pattern)) wrong.push(`${r.method} ${r.pattern}: SCOPE_${r.scope}, its path names ${scopeOfPattern(r.pattern)}`);
  }
  assert.deepEqual(wrong, []);
  // the check itself: a row without a scope, or with another, is found
  assert.equal(scopeOfPattern('/api/v1/kpis/{id}/measurements'), 'KPI');
  assert.equal(scopeOfPattern('/periods/{id}/measures/{mid}'), 'PERIOD_MEASURE');
  assert.equal(scopeOfPattern('/admin/users'), 'NONE');
});

test('every route × role answers as its permission declares', async () => {
  const open = await ok('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2039, quarter: 2, deadline: '2099-09-30' });
  await ok('POST', `/api/v1/plans/${ids.planId}/published/measures/${encodeURIComponent(measureCode)}/feedback`,
    { text: '行列の試験' });
  assert.ok(sql('SELECT max(id) FROM feedback') && sql("SELECT count(*) FROM notification") !== '0');
  const failures = [];
  let calls = 0;
  for (const route of routeTable()) {
    for (const role of ROLES) {
      const p = await concrete(route, open.id);
      const r = await call(route, role, p);
      calls++;
      const call_ = `${route.method} ${route.pattern} as ${role}`;
      const want = HANDLER_401.has(call_) ? 401 : HANDLER_403.has(call_) ? 403 : expected(route.perm, role, route.pattern);
      const what = `${route.method} ${route.pattern} (${route.perm}) as ${role} → ${r.status}`;
      if (want !== 'allowed') {
        if (r.status !== want) failures.push(`${what}, expected ${want}: ${r.text.slice(0, 120)}`);
        continue;
      }
      if (r.status === 401 || r.status === 403 || r.status >= 500) {
        failures.push(`${what}, expected it to be allowed: ${r.text.slice(0, 120)}`);
      } else if (route.method === 'GET') {
        // a read answers 200; pages of a draft send those who do not read it to the published version
        const toPublished = r.status === 303 && /\/published/.test(r.headers.get('location') || '');
        if (r.status !== 200 && !(route.perm === 'PUBLISHED' && toPublished))
          failures.push(`${what}, expected 200: ${r.text.slice(0, 120)}`);
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${calls} calls answered otherwise:\n${failures.join('\n')}`);
});

test('a reporter on a measure of another department: every measure-scoped write is 403', async () => {
  const foreign = sql("SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id JOIN org o ON o.id = p.org_id " +
    "WHERE o.code = '322075' AND m.id NOT IN (SELECT measure_id FROM measure_department md JOIN department d " +
    "ON d.id = md.department_id WHERE d.code = 'madoguchi') LIMIT 1");
  const foreignKpi = sql(`SELECT min(id) FROM kpi WHERE measure_id = ${foreign}`);
  const open = await ok('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2038, quarter: 3, deadline: '2099-12-31' });
  const calls = [
    ['PATCH', `/api/v1/measures/${foreign}`, { current: 'x' }],
    ['POST', `/api/v1/kpis/${foreignKpi}/measurements`, { period: '2025-03-31', value: 1 }],
    ['PUT', `/api/v1/periods/${open.id}/measures/${foreign}/review`, { rating: 'on_track', text: 'x' }],
  ];
  for (const [method, p, body] of calls) {
    const r = await api(srv.url, p, { method, body, as: 'reporter' });
    assert.equal(r.status, 403, `${method} ${p}: ${r.text}`);
    const mine = await api(srv.url, p.replace(String(foreign), String(measure)).replace(String(foreignKpi), String(kpi)),
      { method, body: '{', as: 'reporter' });
    assert.equal(mine.status, 400, `the same write on 書かない窓口 reaches the handler: ${mine.text}`);
  }
  const edit = await api(srv.url, `/measures/${foreign}/edit`, { as: 'reporter' });
  assert.equal(edit.status, 403);
  assert.match(edit.text, /権限がありません/);
});

test('rules that do not follow from the table alone: who reads the audit log, who decides, who reads drafts', async () => {
  // independent of the declared permissions: what SPEC §5 says each role may do
  const status = async (as, method, p, body) => (await api(srv.url, p, { method, body, as })).status;
  assert.equal(await status('office', 'GET', '/api/v1/audit'), 403, 'the audit log is the admin\'s');
  assert.equal(await status('admin', 'GET', '/api/v1/audit'), 200);
  const open = await ok('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2037, quarter: 4, deadline: '2099-03-31' });
  const decide = `/api/v1/periods/${open.id}/measures/${measure}/review/decision`;
  assert.equal(await status('reporter', 'POST', decide, '{'), 403, 'a department does not decide');
  assert.equal(await status('viewer', 'POST', decide, '{'), 400, 'the HQ decides');
  assert.equal(await status('viewer', 'PATCH', `/api/v1/measures/${measure}`, { title: 'x' }), 403, 'the HQ does not edit');
  assert.equal(await status('viewer', 'POST', `/api/v1/periods/${open.id}/measures/${measure}/review/confirm`, '{'), 403);
  assert.equal(await status(null, 'GET', `/api/v1/periods/${open.id}`), 401);
  assert.equal(await status(sessions['other-org'], 'GET', `/api/v1/periods/${open.id}`), 403);
  assert.equal(await status(sessions['other-org'], 'GET', '/api/v1/orgs/322075/document'), 403);
  assert.equal(await status('viewer', 'GET', '/api/v1/orgs/322075/document'), 200);
});

test('one organisation never sees another\'s draft: a change to the draft is seen by members only', async () => {
  const p = `/api/v1/measures/${measure}`;
  const before = (await api(srv.url, p, { as: null })).json.title;
  const r = await api(srv.url, p, { method: 'PATCH', body: { title: '書かない窓口（改訂案）' }, as: 'office' });
  assert.equal(r.status, 200, r.text);
  for (const as of ['office', 'viewer', 'reporter', 'admin'])
    assert.equal((await api(srv.url, p, { as })).json.title, '書かない窓口（改訂案）', `${as} reads the draft`);
  for (const as of [null, sessions['other-org']]) {
    const who = as ? 'another organisation' : 'the public';
    assert.equal((await api(srv.url, p, { as })).json.title, before, `${who} reads the published title`);
    const plan = (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as })).json;
    const titles = plan.pillars.flatMap((x) => x.themes.flatMap((t) => t.measures.map((m) => m.title)));
    assert.ok(titles.includes(before) && !titles.includes('書かない窓口（改訂案）'), `${who}: the plan as published`);
    const found = (await api(srv.url, `/api/v1/plans/${ids.planId}/measures?q=${encodeURIComponent('改訂案')}`, { as })).json;
    assert.equal(found.total, 0, `${who} does not find a word only the draft has`);
    const page = await api(srv.url, `/measures/${measure}`, { as });
    assert.equal(page.status, 303, `${who} is sent to the published sheet`);
    assert.match(page.headers.get('location'), new RegExp(`/plans/${ids.planId}/published/measures/`));
  }
  // 印西市's plan is published as its 案: 江津市 and the public read that version, never 印西市's draft
  const inzai = sql(`SELECT id FROM measure WHERE plan_id = ${ids.inzaiPlanId} AND code = 'A-1'`);
  const q = `/api/v1/measures/${inzai}`;
  assert.equal((await api(srv.url, q, { method: 'PATCH', body: { title: '書かない窓口（印西市の作業中）' }, as: sessions['other-org'] })).status, 200);
  assert.equal((await api(srv.url, q, { as: sessions['other-org'] })).json.title, '書かない窓口（印西市の作業中）');
  for (const as of [null, 'office'])
    assert.equal((await api(srv.url, q, { as })).json.title, '書かない窓口', 'the 案 as published');
  assert.equal((await api(srv.url, q, { method: 'PATCH', body: { title: '書かない窓口' }, as: sessions['other-org'] })).status, 200);
  assert.equal((await api(srv.url, '/api/v1/orgs/122319/plans', { as: null })).json.total, 1);
  await api(srv.url, p, { method: 'PATCH', body: { title: before }, as: 'office' });
});

test('the meeting calendar shows the public the published titles of the measures taken up', async () => {
  const id = sql("SELECT m.id FROM measure m JOIN meeting_measure mm ON mm.measure_id = m.id LIMIT 1");
  const p = `/api/v1/measures/${id}`;
  const title = (await api(srv.url, p, { as: 'office' })).json.title;
  assert.equal((await api(srv.url, p, { method: 'PATCH', body: { title: '会議の施策（改訂案）' }, as: 'office' })).status, 200);
  const pub = (await api(srv.url, '/orgs/322075/meetings?fy=2024', { as: null })).text;
  assert.ok(pub.includes(title) && !pub.includes('会議の施策（改訂案）'), 'the public sees the published title');
  const member = (await api(srv.url, '/orgs/322075/meetings?fy=2024', { as: 'viewer' })).text;
  assert.ok(member.includes('会議の施策（改訂案）'), 'a member sees the draft');
  await api(srv.url, p, { method: 'PATCH', body: { title }, as: 'office' });
});

test('who may change what (issue 12 point 3): a reporter writes its measure\'s content, the office its structure and commitments', async () => {
  const p = `/api/v1/measures/${measure}`;
  const as = 'reporter';
  const before = (await api(srv.url, p, { as })).json;
  // the content of its own measure: 現状, schedule and progress items
  const content = {
    current: '窓口の現状（担当課が更新）',
    schedule: [{ fy: 2025, items: ['申請書の見直し'] }, { fy: 2025, quarter: 3, items: ['試行'] }],
    progress: [{ fy: 2024, items: ['職員研修を実施'] }],
  };
  for (const [k, v] of Object.entries(content)) {
    const r = await api(srv.url, p, { method: 'PATCH', body: { [k]: v }, as });
    assert.equal(r.status, 200, `${k}: ${r.text}`);
    assert.deepEqual(r.json[k], v, k);
  }
  // the plan's structure and commitments are the office's: each refused, naming the field
  const office = {
    title: '改名', code: '9-9-9', status: 'abolished', departments: ['窓口担当課'], ideal: '理想', scope: 'department',
    new_since_fy: 2026, means: ['手段'], tags: ['タグ'], links: [], position: 0,
    theme_id: ids.plan.pillars[0].themes[0].id,
  };
  const kept = (await api(srv.url, p, { as })).json;
  for (const [k, v] of Object.entries(office)) {
    const r = await api(srv.url, p, { method: 'PATCH', body: { current: '保存されない', [k]: v }, as });
    assert.equal(r.status, 403, `${k}: ${r.text}`);
    assert.equal(r.json.error.field, k);
  }
  assert.deepEqual((await api(srv.url, p, { as })).json, kept, 'nothing changed');
  // KPI definitions and targets are the office's; the KPI's values are the department's
  for (const body of [{ name: '改名' }, { target: { value: 1, fy: 2030 } }, { abolished: true }]) {
    const r = await api(srv.url, `/api/v1/kpis/${kpi}`, { method: 'PATCH', body, as });
    assert.equal(r.status, 403, r.text);
  }
  const added = await api(srv.url, `/api/v1/kpis/${kpi}/measurements`, { method: 'POST', body: { period: '2025-09-30', value: 41 }, as });
  assert.equal(added.status, 201, added.text);
  const mid = added.json.items[0].id;
  const fixed = await api(srv.url, `/api/v1/measurements/${mid}`, { method: 'PATCH', body: { value: 42, note: '訂正' }, as });
  assert.equal(fixed.status, 200, fixed.text);
  const m = fixed.json.measurements.find((x) => x.id === mid);
  assert.equal(m.value, 42);
  assert.equal(m.note, '訂正');
  assert.equal((await api(srv.url, p, { method: 'DELETE', as })).status, 403, 'a department does not delete its measure');
  // the office changes what the reporter may not
  const r = await api(srv.url, p, { method: 'PATCH', body: { title: before.title, status: before.status }, as: 'office' });
  assert.equal(r.status, 200, r.text);
});
