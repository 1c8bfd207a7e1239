'use strict';
// Security headers on every kind of response, and JSON's content type. Since issue 4 only
// anonymous replies are cached (and carry an ETag), so the cached and 304 cases are anonymous;
// the refusals of roles (401 sign-in page, 403 page, JSON 401/403) are checked as well.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

function assertSecurityHeaders(r, where) {
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, `${where}: Content-Security-Policy`);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v.join(' ')]; }));
  assert.equal(directives['frame-ancestors'], "'none'", `${where}: frame-ancestors 'none' in ${csp}`);
  assert.ok(directives['default-src'] !== undefined, `${where}: default-src in ${csp}`);
  const scripts = directives['script-src'] ?? directives['default-src'];
  assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(scripts), `${where}: scripts are strict (${scripts})`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${where}: X-Content-Type-Options`);
  const rp = r.headers.get('referrer-policy');
  assert.ok(rp, `${where}: Referrer-Policy`);
  assert.match(rp, /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, `${where}: Referrer-Policy ${rp}`);
}

test('pages carry CSP with frame-ancestors \'none\', nosniff and Referrer-Policy', async () => {
  for (const p of ['/', '/orgs/322075', `/plans/${ids.planId}`, `/measures/${ids.measureId}`, `/measures/${ids.measureId}/edit`,
    `/kpis/${ids.kpiId}`, `/plans/${ids.planId}/search?q=${encodeURIComponent('窓口')}`, '/no-such-page', '/static/app.css']) {
    const r = await api(srv.url, p);
    assert.ok(r.status === 200 || r.status === 404, `${p}: ${r.status}`);
    assertSecurityHeaders(r, p);
    if (!p.startsWith('/static/')) assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', p);
  }
  // anonymous: the published pages, the sign-in form (401) and a role's refusal (403)
  const code = encodeURIComponent(ids.plan.pillars.flatMap((pi) => pi.themes).flatMap((t) => t.measures)
    .find((m) => m.id === ids.measureId).code);
  for (const [p, as, status] of [[`/plans/${ids.planId}/published`, null, 200],
    [`/plans/${ids.planId}/published/measures/${code}`, null, 200], [`/measures/${ids.measureId}/edit`, null, 401],
    ['/audit', 'office', 403]]) {
    const r = await api(srv.url, p, { as });
    assert.equal(r.status, status, `${p}: ${r.status}`);
    assertSecurityHeaders(r, `${p} (${status})`);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', p);
  }
  const redirect = await api(srv.url, `/measures/${ids.measureId}`, { as: null });
  assert.equal(redirect.status, 303);
  assertSecurityHeaders(redirect, 'the redirect to the published measure');
});

test('a page served from the cache carries the same headers', async () => {
  const code = encodeURIComponent(ids.plan.pillars.flatMap((pi) => pi.themes).flatMap((t) => t.measures)
    .find((m) => m.id === ids.measureId).code);
  const p = `/plans/${ids.planId}/published/measures/${code}`;       // only anonymous replies are cached
  await api(srv.url, p, { as: null });
  const r = await api(srv.url, p, { as: null });
  assertSecurityHeaders(r, `${p} (cached)`);
  const etag = r.headers.get('etag');
  assert.ok(etag, 'an anonymous page has an ETag');
  const nm = await api(srv.url, p, { headers: { 'If-None-Match': etag }, as: null });
  assert.equal(nm.status, 304);
  assertSecurityHeaders(nm, `${p} (304)`);
});

test('API answers (200, 201, 304, 400, 404, 405, 413, 422) carry the headers and JSON in UTF-8', async () => {
  const big = 'x'.repeat(4 * 1024 * 1024 + 1);
  const cases = [
    ['GET', '/healthz'], ['GET', '/api/v1/orgs'], ['GET', `/api/v1/plans/${ids.planId}`],
    ['GET', `/api/v1/measures/${ids.measureId}`], ['GET', '/api/v1/measures/abc'], ['GET', '/api/v1/nothing'],
    ['DELETE', '/api/v1/orgs'], ['POST', `/api/v1/kpis/${ids.kpiId}/measurements`, '{"period":'],
    ['POST', `/api/v1/kpis/${ids.kpiId}/measurements`, '{"period":"2025-03-31","value":"x"}'],
    ['POST', `/api/v1/kpis/${ids.kpiId}/measurements`, '{"period":"2025-03-31","value":1}'],
    ['POST', `/api/v1/kpis/${ids.kpiId}/measurements`, big],
  ];
  const seen = new Set();
  for (const [method, p, body] of cases) {
    const r = await api(srv.url, p, { method, body, headers: body ? { 'Content-Type': 'application/json' } : {} });
    seen.add(r.status);
    const where = `${method} ${p} (${r.status})`;
    assertSecurityHeaders(r, where);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8', where);
    assert.doesNotThrow(() => JSON.parse(r.text), where);
  }
  for (const s of [200, 201, 400, 404, 405, 413, 422]) assert.ok(seen.has(s), `status ${s} was exercised`);
  // refusals: anonymous → 401, a viewer → 403
  for (const [as, status] of [[null, 401], ['viewer', 403]]) {
    const r = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body: { title: 'x' }, as });
    assert.equal(r.status, status, r.text);
    assertSecurityHeaders(r, `PATCH (${status})`);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  }
  const etag = (await api(srv.url, '/api/v1/orgs', { as: null })).headers.get('etag');   // cached: anonymous
  assert.ok(etag, 'an anonymous read has an ETag');
  const nm = await api(srv.url, '/api/v1/orgs', { headers: { 'If-None-Match': etag }, as: null });
  assert.equal(nm.status, 304);
  assertSecurityHeaders(nm, '304');
});

test('the OpenAPI document is served as JSON in UTF-8', async () => {
  const r = await api(srv.url, '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  assertSecurityHeaders(r, '/api/v1/openapi.json');
});
