'use strict';
// GET /api/v1/openapi.json is a valid OpenAPI document (checked by a real validator), and every
// GET path it lists answers 200 on the demo data (signed in as the demo admin) with JSON, or with
// CSV where it documents text/csv (the open data files). Since issue 4 the
// routes that need a session must document 401 and 403, and answer 401 to anonymous GETs.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const SwaggerParser = require('@apidevtools/swagger-parser');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
let doc;
let periodId;
let versionId;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  const p = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`, { method: 'POST', body: { fy: 2025, quarter: 3, deadline: '2025-12-31' } });
  assert.equal(p.status, 201, p.text);
  periodId = p.json.id;
  versionId = (await api(srv.url, `/api/v1/plans/${ids.planId}/versions`)).json.items[0].id;
  const r = await api(srv.url, '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  doc = JSON.parse(r.text);
});
after(() => srv && srv.stop());

test('swagger-parser validate() accepts the served document', async () => {
  // validate() dereferences in place: give it a copy
  const api3 = await SwaggerParser.validate(structuredClone(doc));
  assert.ok(api3.openapi.startsWith('3.'), `openapi ${api3.openapi}`);
});

test('the validator is real: a broken copy of the document is rejected', async () => {
  const broken = structuredClone(doc);
  const first = Object.values(broken.paths)[0];
  first.get.responses = 'not an object';
  await assert.rejects(() => SwaggerParser.validate(broken));
  const dangling = structuredClone(doc);
  dangling.components.schemas.Org = { $ref: '#/components/schemas/NoSuchSchema' };
  await assert.rejects(() => SwaggerParser.validate(dangling));
});

test('the document describes the routes of SPEC §4.2', () => {
  const need = {
    '/api/v1/orgs': ['get'], '/api/v1/orgs/{code}/plans': ['get'], '/api/v1/plans/{id}': ['get'],
    '/api/v1/plans/{id}/measures': ['get'], '/api/v1/measures/{id}': ['get', 'patch'], '/api/v1/kpis/{id}': ['get'],
    '/api/v1/kpis/{id}/measurements': ['post'], '/api/v1/orgs/{code}/document': ['get', 'put'],
  };
  for (const [p, methods] of Object.entries(need)) {
    assert.ok(doc.paths[p], `${p} is documented`);
    for (const m of methods) assert.ok(doc.paths[p][m], `${m.toUpperCase()} ${p} is documented`);
  }
});

test('every /api/v1 route of the route table is documented with its method', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const table = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'server', 'routes.c'), 'utf8');
  const routes = [...table.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)",\s*"(\/api\/v1\/[^"]*)"/g)]
    .map(([all, m, p]) => [all, m, p.replace(/\{(\w+)\*\}/g, '{$1}')]);   // {key*}: a key of several segments
  assert.ok(routes.length >= 30, `${routes.length} API routes found in routes.c`);
  const undocumented = routes.filter(([, m, p]) => p !== '/api/v1/openapi.json' && !doc.paths[p]?.[m.toLowerCase()]).map(([, m, p]) => `${m} ${p}`);
  assert.deepEqual(undocumented, []);
});

test('every route that needs a session documents 401 and 403, and anonymous GETs of them are 401', async () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const table = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'server', 'routes.c'), 'utf8');
  const routes = [...table.matchAll(/\{"(GET|POST|PUT|PATCH|DELETE)",\s*"(\/api\/v1\/[^"]*)",\s*SCOPE_\w+,\s*\w+,\s*(PERM_\w+)/g)]
    .filter(([, , , perm]) => perm !== 'PERM_PUBLIC' && perm !== 'PERM_PUBLISHED');
  assert.ok(routes.length >= 30, `${routes.length} API routes that need a session`);
  const lacking = [];
  for (const [, m, p] of routes) {
    const responses = doc.paths[p]?.[m.toLowerCase()]?.responses || {};
    for (const code of ['401', '403']) if (!responses[code]) lacking.push(`${m} ${p} ${code}`);
  }
  assert.deepEqual(lacking, []);
  for (const [, m, p] of routes.filter(([, m]) => m === 'GET')) {
    const r = await api(srv.url, fill(p), { as: null });
    assert.equal(r.status, 401, `anonymous GET ${fill(p)}: ${r.status} ${r.text.slice(0, 200)}`);
    assert.equal(r.json?.error?.code, 'unauthorized');
  }
});

/** The code of the demo's 書かない窓口 (ids.measureId) in the plan. */
function measureCode() {
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures) if (m.id === ids.measureId) return m.code;
  throw new Error('書かない窓口 has no code');
}

/** Required query parameters of the documented GET paths that have some. */
const queries = () => ({ '/api/v1/plans/{id}/compare': `?from=${versionId}&to=draft` });

function fill(p) {
  return fillPath(p) + (queries()[p] || '');
}

function fillPath(p) {
  return p.replace(/\{(\w+)\}/g, (_, name) => {
    switch (name) {
      case 'code': return p.startsWith('/api/v1/categories/') ? 'front_yard' : '322075';   // a category, or an organisation
      case 'id': {
        if (p.startsWith('/api/v1/plans/')) return String(ids.planId);
        if (p.startsWith('/api/v1/measures/')) return String(ids.measureId);
        if (p.startsWith('/api/v1/kpis/')) return String(ids.kpiId);
        if (p.startsWith('/api/v1/periods/')) return String(periodId);
        if (p.startsWith('/api/v1/versions/')) return String(versionId);
        if (p.startsWith('/api/v1/departments/')) return '1';          // the demo data's first department
        throw new Error(`no demo id for ${p}`);
      }
      case 'mid': return String(ids.measureId);
      case 'key': return encodeURIComponent(measureCode());            // a measure of the published version
      default: throw new Error(`no demo value for {${name}} in ${p}`);
    }
  });
}

test('every GET path in the document answers 200 with JSON', async () => {
  const gets = Object.entries(doc.paths).filter(([, ops]) => ops.get).map(([p]) => p);
  assert.ok(gets.length >= 8, `${gets.length} GET paths`);
  for (const p of gets) {
    const url = fill(p);
    const r = await api(srv.url, url);
    assert.equal(r.status, 200, `GET ${url} (${p}): ${r.status} ${r.text.slice(0, 200)}`);
    if (doc.paths[p].get.responses['200'].content?.['text/csv']) {    // an open data file as CSV
      assert.match(r.headers.get('content-type') || '', /^text\/csv/, url);
      continue;
    }
    assert.match(r.headers.get('content-type') || '', /^application\/json/, url);
    assert.doesNotThrow(() => JSON.parse(r.text), url);
  }
});

test('responses have the required properties of their documented schema, and enumerations their values', async () => {
  const deref = await SwaggerParser.dereference(structuredClone(doc));
  const missing = [];
  function check(schema, value, where, depth = 0) {
    if (!schema || depth > 6 || value === null || value === undefined) return;
    if (schema.allOf) for (const s of schema.allOf) check(s, value, where, depth + 1);
    if (schema.enum && !schema.enum.includes(value)) missing.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
    if (schema.type === 'object' || schema.properties) {
      if (typeof value !== 'object' || Array.isArray(value)) { missing.push(`${where}: not an object`); return; }
      for (const req of schema.required || []) if (!(req in value)) missing.push(`${where}.${req} is required`);
      for (const [k, s] of Object.entries(schema.properties || {})) if (k in value) check(s, value[k], `${where}.${k}`, depth + 1);
    } else if (schema.type === 'array') {
      if (!Array.isArray(value)) { missing.push(`${where}: not an array`); return; }
      value.forEach((v, i) => check(schema.items, v, `${where}[${i}]`, depth + 1));
    } else if (schema.type === 'integer') {
      if (!Number.isInteger(value)) missing.push(`${where}: ${JSON.stringify(value)} is not an integer`);
    } else if (schema.type === 'string') {
      if (typeof value !== 'string') missing.push(`${where}: ${JSON.stringify(value)} is not a string`);
    }
  }
  for (const [p, ops] of Object.entries(deref.paths)) {
    if (!ops.get) continue;
    const schema = ops.get.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) continue;
    const r = await api(srv.url, fill(p));
    check(schema, r.json, p);
  }
  assert.deepEqual(missing, []);
});
