'use strict';
// The house rules a test can hold (issue 13): from a URL to its code in one hop — every
// route's handler has a `/* METHOD /path */` line in the comment right above its definition —
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
