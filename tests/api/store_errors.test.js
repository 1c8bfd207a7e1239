'use strict';
// One mapping of store results to replies (issue 13, point 3): when the store refuses a page's
// write for a reason the form does not handle, the page answers the store's status as the HTML
// page of that status — never 500 — and the API answers the same status in JSON.
//
// - A conflict: a trigger added with the sqlite3 tool refuses the row, as data changed by another
//   writer between the page's read and its write would; the measurement form and the citizen's
//   opinion form answer the 409 page, the API 409 {"error":{"code":"conflict"}}.
// - Busy: while another connection holds the write lock, every page write whose store failure
//   used to be answered 500 by its handler answers the 503 busy page with Retry-After, from the
//   store's KW_EBUSY alone (resp_error no longer turns a 500 into a 503 by itself).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const { startServer, api, demoIds, BIN } = require('../lib/server');

process.env.KAWARU_BUSY_MS = '300';      // the server's wait for the lock (inherited by serve)

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures) if (m.id === ids.measureId) ids.measure = m;
});
after(() => srv && srv.stop());

const sql = (q) => srv.sql(q);
const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded' };
const encode = (fields) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&amp;/g, '&');
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? unescape(m[1]) : undefined;
};

/**
 * The fields the form of html posting to action would send as it stands (text inputs, hidden
 * ones, checked boxes, selected options, textareas), as [name, value] pairs; set overrides or
 * adds fields.
 */
function formFields(html, action, set = {}) {
  const at = html.indexOf(`action="${action}"`);
  assert.ok(at >= 0, `no form posting to ${action}`);
  const form = html.slice(html.lastIndexOf('<form', at), html.indexOf('</form>', at));
  const fields = [];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') || 'text';
    if (!name || ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag))) continue;
    fields.push([name, attr(tag, 'value') ?? '']);
  }
  for (const [, attrs, text] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g))
    fields.push([attr(attrs, 'name'), unescape(text.replace(/^\n/, ''))]);
  for (const [, attrs, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const chosen = options.match(/<option value="([^"]*)"[^>]*\sselected/) || options.match(/<option value="([^"]*)"/);
    fields.push([attr(attrs, 'name'), chosen ? unescape(chosen[1]) : '']);
  }
  for (const [k, v] of Object.entries(set)) {
    const i = fields.findIndex(([name]) => name === k);
    if (i >= 0) fields[i][1] = v;
    else fields.push([k, v]);
  }
  return fields;
}

/** A form post as the browser sends it, signed in as role (null: anonymous). */
async function post(path, fields, role) {
  const as = role ? await srv.session(role) : null;
  return api(srv.url, path, { method: 'POST', as, headers: urlencoded, body: encode(fields) });
}

/** The form of page that posts to action (default: page itself), filled in, as role sees it. */
async function formOf(page, { action = page, set = {}, role = 'admin' } = {}) {
  const r = await api(srv.url, page, { as: await srv.session(role) });
  assert.equal(r.status, 200, `GET ${page}: ${r.status}`);
  return { path: action, fields: formFields(r.text, action, set), role };
}

/** A form with the second step's confirm=1, as its question page sends it. */
const confirmed = (f) => ({ ...f, fields: [...f.fields, ['confirm', '1']] });

function assertPage(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get('content-type') || '', /^text\/html/, `${what}: an HTML page`);
  assert.match(r.text, /<html/i, `${what}: an HTML page`);
}

const measurements = async () => (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements;

test('a page write that conflicts with what is stored answers the 409 page, not 500; the API 409 in JSON', async () => {
  const before = await measurements();
  const value = [['period', '2025-06-30'], ['value', '41.5'], ['note', '']];
  const s = await srv.session('admin');
  const pageForm = [['csrf', s.csrf], ...value];
  sql("CREATE TRIGGER test_refuse_measurement BEFORE INSERT ON kpi_measurement BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
  sql("CREATE TRIGGER test_refuse_feedback BEFORE INSERT ON feedback BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
  try {
    const page = await post(`/kpis/${ids.kpiId}/measurements`, pageForm, 'admin');
    assertPage(page, 409, 'the measurement form');
    assert.match(page.text, /ほかの内容と矛盾します/, 'the conflict page');
    const en = await api(srv.url, `/kpis/${ids.kpiId}/measurements?lang=en`, { method: 'POST', as: s, headers: urlencoded, body: encode(pageForm) });
    assertPage(en, 409, 'the measurement form in English');
    assert.match(en.text, /This conflicts with what is stored/);

    const call = await api(srv.url, `/api/v1/kpis/${ids.kpiId}/measurements`, { method: 'POST', body: { period: '2025-06-30', value: 41.5 } });
    assert.equal(call.status, 409, call.text);
    assert.equal(call.json?.error?.code, 'conflict', call.text);

    const opinion = await post(`/plans/${ids.planId}/published/measures/${encodeURIComponent(ids.measure.code)}/feedback`,
      [['text', '窓口の待ち時間について'], ['name', '']], null);
    assertPage(opinion, 409, 'the opinion form');
    assert.match(opinion.text, /ほかの内容と矛盾します/);
    assert.deepEqual(await measurements(), before, 'nothing was written');
  } finally {
    sql('DROP TRIGGER test_refuse_measurement; DROP TRIGGER test_refuse_feedback;');
  }
  const again = await post(`/kpis/${ids.kpiId}/measurements`, pageForm, 'admin');
  assert.equal(again.status, 303, 'without the trigger the same form is stored');
  assert.equal((await measurements()).length, before.length + 1);
  assert.doesNotMatch(srv.logs(), /AddressSanitizer|runtime error/);
});

/**
 * Holds the write lock of db from another connection (the sqlite3 tool in BEGIN IMMEDIATE):
 * resolves once it holds it, with release(). The tool is killed after maxMs whatever happens.
 */
function holdWriteLock(db, maxMs = 30000) {
  const child = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), maxMs);
  const exited = new Promise((resolve) => child.once('exit', (code) => { clearTimeout(killer); resolve(code); }));
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('locked-now'))
        resolve({ release: async () => { child.stdin.end('COMMIT;\n.quit\n'); assert.equal(await exited, 0, `sqlite3: ${err}`); } });
    });
    exited.then((code) => reject(new Error(`sqlite3 exited (${code}) before holding the lock: ${err}`)));
    child.stdin.write(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'locked-now';\n");
  });
}

test('while another connection holds the write lock, every page write answers the busy page, never 500', async () => {
  const org = '322075';
  const dept = (await api(srv.url, `/api/v1/orgs/${org}`)).json.departments.find((d) => d.code === 'madoguchi');
  const pillar = ids.plan.pillars[0];
  const theme = pillar.themes[0];
  const period = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`, { method: 'POST', body: { fy: 2025, quarter: 2, deadline: '2025-10-15' } });
  assert.equal(period.status, 201, period.text);
  const periodId = period.json.id;
  const body = (await api(srv.url, `/api/v1/orgs/${org}/bodies`)).json.items[0];
  execFileSync(BIN, ['token', 'create', '--db', srv.db, '--org', org, '--name', 'store-errors'], { stdio: 'pipe', timeout: 30000 });
  const tokenId = (await api(srv.url, '/admin/tokens', { as: await srv.session('admin') })).text.match(/action="\/admin\/tokens\/(\d+)\/revoke"/)[1];
  srv.addUser({ login: 'busy-viewer', role: 'viewer' });
  const usersPage = (await api(srv.url, '/admin/users', { as: await srv.session('admin') })).text;
  const userId = [...usersPage.matchAll(/action="\/admin\/users\/(\d+)\/disable"/g)].map((m) => m[1]).pop();
  const csrf = (await srv.session('admin')).csrf;
  const publishedSheet = `/plans/${ids.planId}/published/measures/${encodeURIComponent(ids.measure.code)}`;

  // every form read before the lock, filled in so that only the store can refuse it
  const writes = {
    'add a department': await formOf(`/orgs/${org}/departments`, { set: { code: 'busy-ka', name: '混雑課' } }),
    'change a department': await formOf(`/departments/${dept.id}/edit`, { set: { name: '窓口担当課（改）' } }),
    'delete a department': await formOf(`/departments/${dept.id}/edit`, { action: `/departments/${dept.id}/delete` }),
    'set the rating scale': { path: `/plans/${ids.planId}/rating-scale`, fields: [['csrf', csrf], ['action', 'letters']], role: 'admin' },
    'add a pillar': await formOf(`/plans/${ids.planId}/pillars/new`, { set: { code: '9', title: '混雑の柱' } }),
    'change a pillar': await formOf(`/pillars/${pillar.id}/edit`, { set: { title: '柱（改）' } }),
    'add a theme': await formOf(`/pillars/${pillar.id}/themes/new`, { set: { code: '⑨', title: '混雑のテーマ' } }),
    'change a theme': await formOf(`/themes/${theme.id}/edit`, { set: { title: 'テーマ（改）' } }),
    'add a measure': await formOf(`/themes/${theme.id}/measures/new`, { set: { code: '9-9-9', title: '混雑の施策', lead: '窓口担当課' } }),
    'change a KPI': await formOf(`/kpis/${ids.kpiId}/edit`, { set: { unit: '％' } }),
    'add a measurement': { path: `/kpis/${ids.kpiId}/measurements`, fields: [['csrf', csrf], ['period', '2025-09-30'], ['value', '50'], ['note', '']], role: 'admin' },
    'publish a version': await formOf(`/plans/${ids.planId}/versions`, { set: { label: '9.9', date: '2026-04-01' } }),
    // both confirmed (confirm=1): a quarter whose deadline has passed, and closing one, ask first
    'open a period': confirmed(await formOf(`/plans/${ids.planId}/periods`, { set: { fy: '2026', quarter: '1', deadline: '2026-07-15' } })),
    'close a period': { path: `/periods/${periodId}/close`, fields: [['csrf', csrf], ['confirm', '1']], role: 'admin' },
    'save a report': await formOf(`/periods/${periodId}/measures/${ids.measureId}`, { set: { action: 'save' } }),
    'change a body': await formOf(`/bodies/${body.id}/edit`, { set: { name: `${body.name}（改）` } }),
    'revoke a token': { path: `/admin/tokens/${tokenId}/revoke`, fields: [['csrf', csrf]], role: 'admin' },
    'disable a user': { path: `/admin/users/${userId}/disable`, fields: [['csrf', csrf]], role: 'admin' },
    'send an opinion': { path: `${publishedSheet}/feedback`, fields: [['text', '混雑時の意見'], ['name', '']], role: null },
  };
  const lock = await holdWriteLock(srv.db);
  const answered = {};
  try {
    for (const [what, w] of Object.entries(writes)) {
      const r = await post(w.path, w.fields, w.role);
      answered[what] = r.status;
      if (r.status === 503) {
        assertPage(r, 503, what);
        assert.match(r.headers.get('retry-after') || '', /^[1-9][0-9]*$/, `${what}: Retry-After`);
        assert.match(r.text, /ただいま混み合っています/, `${what}: the busy page`);
      }
    }
  } finally {
    await lock.release();
  }
  const expected = Object.fromEntries(Object.keys(writes).map((k) => [k, 503]));
  assert.deepEqual(answered, expected);
  // the forms were valid: once the lock is gone, the store takes them
  const added = await post(writes['add a department'].path, writes['add a department'].fields, 'admin');
  assert.equal(added.status, 303, added.text.slice(0, 300));
});
