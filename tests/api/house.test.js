'use strict';
// The house rules a test can hold (issue 13): from a URL to its code in one hop — every
// route's handler has a `/* METHOD /path */` line in the comment right above its definition,
// and lives in the file its name says (but for the few listed below with their reason) —
// and dependencies point one way: no file includes a module its layer may not use (the
// layers as docs/architecture.md draws them, read from its "Modules" line).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO } = require('../lib/server');

const SRC = path.join(REPO, 'src');
const sources = () => fs.readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(SRC, d.name)).filter((f) => /\.[ch]$/.test(f)).map((f) => path.join(d.name, f)));

/** [{method, pattern, handler}] of the route table (the router's file, wherever it lives). */
function routes() {
  const file = sources().find((f) => /(^|\/)routes\.c$/.test(f));
  const src = fs.readFileSync(path.join(SRC, file), 'utf8');
  return [...src.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*SCOPE_\w+,\s*(\w+),/g)]
    .map((m) => ({ method: m[1], pattern: m[2], handler: m[3] }));
}

/** Where each handler function is defined: {name: {file, above: [comment lines right above]}}. */
function definitions() {
  const defs = {};
  for (const f of sources().filter((x) => x.endsWith('.c'))) {
    const lines = fs.readFileSync(path.join(SRC, f), 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = l.match(/^(?:static )?void (\w+)\(struct req \*r\) \{/);
      if (!m) return;
      const above = [];
      for (let k = i - 1; k >= 0 && /^(\/\*| \*)/.test(lines[k]); k--) above.push(lines[k]);
      defs[m[1]] = { file: f, above };
    });
  }
  return defs;
}

/** The routes whose handler lacks its `/* METHOD /path *\/` line. */
function missingComments(rows, defs) {
  const missing = [];
  for (const r of rows) {
    const d = defs[r.handler];
    const line = `${r.method} ${r.pattern}`;
    if (!d) missing.push(`${line}: ${r.handler} is not defined`);
    else if (!d.above.some((a) => a.includes(`/* ${line} */`) || a.includes(`/* ${line} `))) missing.push(`${line}: no comment above ${r.handler} (${d.file})`);
  }
  return missing;
}

test('every handler has its /* METHOD /path */ line right above it', () => {
  const rows = routes();
  assert.ok(rows.length >= 100, `${rows.length} routes read`);
  assert.deepEqual(missingComments(rows, definitions()), []);
  // the check itself: a handler without the line is found
  const defs = definitions();
  const some = rows[0];
  defs[some.handler] = { file: 'x.c', above: ['/* something else */'] };
  assert.equal(missingComments([some], defs).length, 1);
});

/** The words of api_/page_ name after its prefix, singular: page_org_bodies → [org, body]. */
const words = (name) => name.split('_').slice(1).map((w) => w.replace(/ies$/, 'y').replace(/s$/, ''));

// Handlers whose file is not named by one of their words, and why. A handler added elsewhere
// fails the test below: put it in the file of its resource, or list it here with its reason.
const PLACED_ELSEWHERE = {
  healthz: "the server's own, beside the route table (server/routes.c)",
  api_openapi: 'the OpenAPI document is served with what every handler shares (api_reply.c)',
  api_inbox_get: "a department's inbox and its notifications are one file (api_notify.c)",
  api_notification_read: "a department's inbox and its notifications are one file (api_notify.c)",
  api_org_meetings: "the meeting calendar is read with the bodies that hold the meetings (api_bodies.c)",
  page_org_meetings: "the meeting calendar is shown with the bodies that hold the meetings (page_bodies.c)",
  api_measurements_csv_post: 'measurements sent by other systems, with the token checks (api_ingest.c)',
  api_measure_history: "a measure's history is a view of the audit log (api_audit.c)",
  page_measure_history: "a measure's history is a view of the audit log (page_audit.c)",
  page_logout: 'signing in and out are one page (page_login.c)',
  page_org: "an organisation's page shares the home page's list of plans (page_home.c)",
  page_orgs: "the list of organisations is the home page of the public and of admins (page_home.c)",
  page_notification_read: 'marking a notification read is an action of the inbox page (page_inbox.c)',
  page_work: "a department's work in a period is a view of the period (page_period.c)",
};

/** "handler (file)" for each handler whose file's resource is none of its words: the file's
 *  resource is the first word after api_/page_ (page_measure_edit.c → measure). */
function misplaced(rows, defs) {
  const wrong = [];
  for (const h of new Set(rows.map((r) => r.handler))) {
    const d = defs[h];
    if (!d) continue;
    const file = path.basename(d.file, '.c');
    const prefix = (n) => n.split('_')[0];
    if (prefix(file) !== prefix(h) || !words(h).includes(words(file)[0])) wrong.push(`${h} (${d.file})`);
  }
  return wrong;
}

test('every handler lives in the file its name says, but for the few listed with their reason', () => {
  const rows = routes();
  const defs = definitions();
  const wrong = misplaced(rows, defs);
  const listed = Object.keys(PLACED_ELSEWHERE);
  assert.deepEqual(wrong.filter((w) => !listed.includes(w.split(' ')[0])), []);
  assert.deepEqual(listed.filter((h) => !wrong.some((w) => w.startsWith(`${h} `))), [],
    'listed handlers that are in the file of their name now: take them off the list');
  // the check itself: page_search back in page_plan.c, or a pillar's form in page_structure.c, is found
  const probe = { ...defs, page_search: { file: 'web/page_plan.c' }, page_pillar_new: { file: 'web/page_structure.c' } };
  assert.deepEqual(misplaced(rows, probe).filter((w) => !listed.includes(w.split(' ')[0])).sort(),
    ['page_pillar_new (web/page_structure.c)', 'page_search (web/page_plan.c)']);
});

/** {module: Set of the modules it may include} from docs/architecture.md's direction line:
 *  "`util ← core ← … ← {api, web} ← server ← …`": each group may use every group to its left. */
function layers() {
  const doc = fs.readFileSync(path.join(REPO, 'docs/architecture.md'), 'utf8');
  const line = doc.match(/Dependencies point one way: `([^`]+)`/);
  assert.ok(line, 'docs/architecture.md states the direction of dependencies');
  const groups = line[1].split('←').map((g) => g.trim().replace(/[{}]/g, '').split(',').map((x) => x.trim()));
  const allowed = {};
  groups.forEach((g, i) => {
    const below = groups.slice(0, i).flat();
    for (const m of g) allowed[m] = new Set([m, ...below]);
  });
  return allowed;
}

/** "file: includes x/y.h" for every include of a kawaru module against the direction. */
function wrongIncludes(allowed, files) {
  const wrong = [];
  for (const f of files) {
    const mod = f.split('/')[0];
    const may = allowed[mod];
    if (!may) { wrong.push(`${f}: module ${mod} is not in the direction line`); continue; }
    const src = fs.readFileSync(path.join(SRC, f), 'utf8');
    for (const m of src.matchAll(/^#include "([a-z_]+)\/[^"]+"/gm))
      if (!may.has(m[1])) wrong.push(`${f}: includes ${m[1]}/`);
  }
  return wrong;
}

test('includes point one way, as docs/architecture.md declares', () => {
  const allowed = layers();
  assert.deepEqual(wrongIncludes(allowed, sources().filter((f) => f.includes('/'))), []);
  // the check itself: the handler interface including a page, or a page the server, is found
  const probe = { ...allowed };
  assert.ok(!probe.http.has('web') && !probe.http.has('api'), 'http/ knows neither web/ nor api/');
  assert.ok(!probe.web.has('server') && !probe.web.has('api'), 'web/ knows neither server/ nor api/');
  assert.ok(probe.server.has('web') && probe.server.has('api'), 'the server holds both');
});
