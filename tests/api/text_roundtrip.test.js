'use strict';
// Issue 4 point 6: SQL metacharacters and script tags in every text field round-trip as text.
//
// On a demo server, hostile text is written into every free-text field that /api/v1 (and the
// citizen feedback form) accepts, each through the route that writes it, and then:
//  (a) read back through the JSON API: the same string byte for byte — or, for the fields whose
//      rules say otherwise (a one-line field — a title, a name, a code, a list item — refuses
//      line breaks and tabs, src/core/field.h; citizen feedback refuses tabs, and it and a CSV
//      cell store line breaks as "\n"), that rule; codes and references that only
//      take a strict syntax refuse the text with a clean 422 naming the field, and nothing
//      changes;
//  (b) on every HTML page that shows the field (signed in as the demo admin where a page needs
//      it, anonymously for the published version), a probe "<tag><script>alert(1)</script>
//      <img src=x onerror=alert(1)>"'&amp;" appears HTML-escaped and no page ever holds the raw
//      markup; Markdown (a review's progress text, issues, next steps) never yields a live
//      <script>, an on* attribute or a javascript:/data: link;
//  (c) afterwards the database still has all its tables, passes its integrity check, and the
//      demo plans and the measure count are as they were plus what this file added.
// NUL bytes, invalid UTF-8 and lone surrogates are refused with 400/422 and change nothing; the
// text that is only read (search words, filters, sign-in) answers 200/4xx, never 500.
//
// The fields are the table FIELDS below: one entry per field (or per create route that writes a
// whole entity), each with how to write a value, how to read it back, and the pages showing it.
// Everything is written into organisations this file creates (an API one and a document one),
// so the demo organisations only serve as the "unchanged" reference of (c).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, requestFrom, api, orgCode, PG } = require('../lib/server');

// ---- the hostile values

const HOSTILE = [
  ['sql-drop', "'; DROP TABLE measure; --"],
  ['sql-or', '" OR 1=1 --'],
  ['like', '%_\\'],
  ['script', '<script>alert(1)</script>'],
  ['img', '<img src=x onerror=alert(1)>'],
  ['entities', '&amp; &lt;'],
  ['mustache', '{{7*7}}'],
  ['template', '${7*7}'],
  ['rtl', 'abc\u202edef'],
  ['tabs', '列1\t列2\n行2\r\n行3'],
  ['lines', '一行目\n二行目\r\n三行目'],
  ['astral', '𠮷野家'],
  ['fullwidth', 'ＡＩ'],
  ['word', '窓口'],
];

/** What the server's HTML escaping (src/web/html.c) makes of s. */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** The probe of entry tag: both kinds of live markup, quotes and an entity; short for 32 bytes. */
const probeOf = (tag, short) => short ? `${tag}<img src=x onerror=alert(1)>`
  : `${tag}<script>alert(1)</script><img src=x onerror=alert(1)>"'&amp;`;
/** A pillar's, theme's and measure's code are parts of a measure's path ("pillar/theme/measure",
 *  its published address where a plan's codes repeat), so they may not hold "/": values with one
 *  are refused naming the field, the others round-trip; the probe of such an entry keeps its live
 *  markup without a "/". */
const noSlash = (field) => (name, v) => (v.includes('/') ? { refuse: field } : { expect: v });
const slashlessProbe = (tag) => `${tag}<img src=x onerror=alert(1)><b onclick=x>"'&amp;`;
const ratingCode = (name, v) => (/[\s/]/u.test(v) || [...v].length > 16 ? { refuse: 'levels[0].code' } : { expect: v });
const ratingProbe = (tag) => `${tag}<b>"'&`;
const hex = (s) => (s === undefined || s === null ? String(s) : Buffer.from(String(s)).toString('hex'));

// ---- the server and requests

let srv;
const A = orgCode(13101);              // the organisation written through the API (千代田区's code)
const B = orgCode(13102);              // the organisation written as kawaru-plan/1 documents
const ids = {};                        // plan, pillar, theme, m, m2, kpi, period, dept, v0, base
const added = { measures: 0 };         // measures this file created (for (c))
let dbBefore;                          // {tables, plans: {id: measureCount}} before any write

const short = (body) => (body === undefined ? '' : (typeof body === 'string' || Buffer.isBuffer(body)
  ? String(body) : JSON.stringify(body)).slice(0, 200));

/** One request; status (a number or a list) is asserted when given. */
async function call(method, p, body, { as, status, headers } = {}) {
  const r = await api(srv.url, p, { method, body, as, headers });
  if (status !== undefined) {
    const ok = Array.isArray(status) ? status.includes(r.status) : r.status === status;
    assert.ok(ok, `${method} ${p} ${short(body)} → ${r.status} ${r.text.slice(0, 400)}`);
  }
  return r;
}
const get = async (p, as) => (await call('GET', p, undefined, { as, status: 200 })).json;

let loopback = 0;
/** A POST from another loopback address (127.1.x.y): the feedback rate limit is per address. */
function postFrom(p, body, contentType = 'application/json', extraHeaders = {}) {
  loopback++;
  const localAddress = `127.1.${Math.floor(loopback / 250)}.${(loopback % 250) + 1}`;
  const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return requestFrom(srv.url, localAddress, 'POST', p, { body: data, headers: { 'content-type': contentType, ...extraHeaders } });
}
const form = (fields) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const sql = (q) => srv.sql(q);

// ---- reads shared by the entries

const measure = (id = ids.m) => get(`/api/v1/measures/${id}`);
const plan = (id = ids.plan) => get(`/api/v1/plans/${id}`);
const kpi = (id = ids.kpi) => get(`/api/v1/kpis/${id}`);
const org = (code = A) => get(`/api/v1/orgs/${code}`);
const review = async () => (await get(`/api/v1/periods/${ids.period}/measures/${ids.m}/review`)).review;
const dept = async (id = ids.dept) => (await org()).departments.find((d) => d.id === id);
const pillarIn = (p, id) => p.pillars.find((x) => x.id === id);
const themeIn = (p, id) => p.pillars.flatMap((x) => x.themes).find((t) => t.id === id);
const queue = () => get(`/api/v1/orgs/${A}/feedback`);
const opinion = async (id) => (await queue()).items.find((f) => f.id === id);
const newestOpinion = async () => (await queue()).items.reduce((a, f) => (!a || f.id > a.id ? f : a), null);

let versionCount = 0;
/** Publishes the API plan's working draft (so the published pages show what was written). */
async function publish(label = `p${++versionCount}`) {
  return (await call('POST', `/api/v1/plans/${ids.plan}/versions`, { label }, { status: 201 })).json;
}

// ---- pages

/** A page read anonymously after publishing the draft: what the public sees. */
const pub = (path) => ({ path, as: null, publish: true });
const pubPlan = () => pub(`/plans/${ids.plan}/published`);
/** A measure's published sheet: its key (the code, or the path where codes repeat) in the URL. */
const pubSheet = async (id = ids.m) =>
  pub(`/plans/${ids.plan}/published/measures/${(await measure(id)).key.split('/').map(encodeURIComponent).join('/')}`);
const sheet = () => `/measures/${ids.m}`;
const history = () => `/measures/${ids.m}/history`;
const reviewPage = () => `/periods/${ids.period}/measures/${ids.m}`;
/** The changes since the version published by baseline() (the entry's setup), in words. */
const compare = () => `/plans/${ids.plan}/compare?from=${ids.base}&to=draft`;
const baseline = async () => { ids.base = (await publish()).id; };

const ATTR = /\s+([^\s"'>\/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;
const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
/** Raw markup of a hostile value anywhere in a page is a failure, whichever field put it there:
 *  the script tag, the img tag, or any tag with an event handler attribute (on*). */
function noLiveMarkup(html, where) {
  const context = (i) => JSON.stringify(html.slice(Math.max(0, i - 120), i + 80));
  for (const re of [/<script>alert\(1\)<\/script>/i, /<img\s+src=x\s+onerror/i]) {
    const m = re.exec(html);
    assert.ok(!m, `${where}: live markup ${m && context(m.index)}`);
  }
  for (const t of html.matchAll(TAG))
    for (const a of t[2].matchAll(ATTR))
      assert.ok(!/^on/i.test(a[1]), `${where}: an event handler attribute ${a[1]} in ${context(t.index)}`);
}

/** Reads the pages of spec (paths as the admin, or {path, as, publish}); with probe, each must
 *  show it escaped. */
async function checkPages(field, specs, probe) {
  let published = false;
  for (let s of specs) {
    s = await s;
    if (typeof s === 'string') s = { path: s };
    if (s.publish && !published) {
      await publish();
      published = true;
    }
    const r = await call('GET', s.path, undefined, { as: s.as });
    assert.equal(r.status, 200, `${field}: GET ${s.path} (${s.as === null ? 'anonymous' : 'admin'}) → ${r.status} ${r.text.slice(0, 200)}`);
    noLiveMarkup(r.text, `${field}: GET ${s.path}`);
    if (probe !== undefined) {
      const want = esc(probe);                 /* as text, never inside JSON (issue 15) */
      assert.ok(r.text.includes(want), `${field}: GET ${s.path} does not show the probe escaped (${want})`);
    }
  }
}

// ---- the table of fields

// Each entry: field (its name in the API), write(v) → the response (2xx: stored), read(resp, v)
// → the stored value (compared with deepEqual to shape(v) when given, else to v; read() without
// a response: what a refused write must leave as it is), pages(v) → the pages showing it. Optional: outcome(name, v) → {refuse: field} | {expect: string} for a
// field with rules of its own; refuse: field for a code that only takes a strict syntax (every
// hostile value gets 422 naming it); short: the value may hold at most 32 bytes; setup() and
// restore() run before and after the entry; beforePages(resp) runs before the probe's pages;
// form: the write is an HTML form, whose refusal is a 422 page marking the field.

const feedbackText = (name, v) => (name === 'tabs' ? { refuse: 'text' } : { expect: v.replace(/\r\n?/g, '\n') });
const feedbackName = (name, v) => (name === 'tabs' || name === 'lines' ? { refuse: 'name' } : { expect: v });
const csvLines = (name, v) => ({ expect: v.replace(/\r\n?/g, '\n') });   // src/xfer/csv.c keeps a cell's line breaks as "\n"
const feedbackAnswer = (name, v) => (name === 'tabs' ? { refuse: 'answer' } : { expect: v.replace(/\r\n?/g, '\n') });

let counter = 0;
const next = () => ++counter;
/** A new date for each measurement, so that none replaces another. */
const nextDate = () => new Date(Date.UTC(2019, 0, 1) + next() * 86400000).toISOString().slice(0, 10);
const last = {};                       // what the latest create of an entry made

const csvQuote = (s) => `"${s.replace(/"/g, '""')}"`;
async function csvMeasurement(note, source) {
  const period = nextDate();
  const body = `kpi_id,period,value,note,source\r\n${ids.kpi},${period},7,${csvQuote(note)},${csvQuote(source)}\r\n`;
  const r = await call('POST', `/api/v1/plans/${ids.plan}/measurements.csv`, Buffer.from(body),
    { headers: { 'content-type': 'text/csv' } });
  if (r.status === 201) last.period = period;       // a refused file leaves the last one made to read
  return r;
}
const measurementOn = async (period) => (await kpi()).measurements.filter((x) => x.period === period).pop();

const FIELDS = [
  // -- organisation
  { field: 'org.name (PATCH /orgs/{code})', oneLine: 'name',
    write: (v) => call('PATCH', `/api/v1/orgs/${A}`, { name: v }),
    read: async () => (await org()).name,
    pages: () => [`/orgs/${A}`, '/', `/plans/${ids.plan}`, `/orgs/${A}/feedback`, pubPlan()] },
  { field: 'org.prefecture (PATCH /orgs/{code})', oneLine: 'prefecture',
    write: (v) => call('PATCH', `/api/v1/orgs/${A}`, { prefecture: v }),
    read: async () => (await org()).prefecture,
    pages: () => [`/orgs/${A}`, '/'] },
  { field: 'org.name + org.prefecture (POST /orgs)', oneLine: 'name',
    write: async (v) => {
      const code = orgCode(13200 + next());
      const r = await call('POST', '/api/v1/orgs', { code, name: v, prefecture: v });
      if (r.status === 201) last.org = code;           // a refused create leaves the last one made to read
      return r;
    },
    read: async () => { const o = await org(last.org); return { name: o.name, prefecture: o.prefecture }; },
    shape: (v) => ({ name: v, prefecture: v }),
    pages: () => [`/orgs/${last.org}`, '/'] },
  { field: 'org.code (POST /orgs)', refuse: 'code',
    write: (v) => call('POST', '/api/v1/orgs', { code: v, name: '検証' }),
    read: async () => (await get('/api/v1/orgs')).total },

  // -- departments
  { field: 'department.name (PATCH /departments/{id})', oneLine: 'name',
    write: (v) => call('PATCH', `/api/v1/departments/${ids.dept}`, { name: v }),
    read: async () => (await dept()).name,
    pages: () => [`/orgs/${A}`, `/plans/${ids.plan}`, sheet(), `/periods/${ids.period}`,
      `/periods/${ids.period}/work?dept=${ids.dept}`, reviewPage(), pubSheet()] },
  { field: 'measure.departments[] (PATCH /measures/{id}) naming no department', refuse: 'departments[0]',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { departments: [v] }),
    read: async () => (await measure()).departments },
  { field: 'department.name (POST /orgs/{code}/departments)', oneLine: 'name',
    write: async (v) => {
      const r = await call('POST', `/api/v1/orgs/${A}/departments`, { code: `tr-n${next()}`, name: v });
      if (r.status === 201) last.dept = r.json.id;
      return r;
    },
    read: async () => (await dept(last.dept)).name,
    pages: () => [`/orgs/${A}`] },
  { field: 'measure.departments[] (PATCH /measures/{id}) naming a department whose name is the text', oneLine: 'departments[0]',
    write: async (v) => {               // the departments POSTed above have these names; the probe's is made here
      await call('POST', `/api/v1/orgs/${A}/departments`, { code: `tr-m${next()}`, name: v }, { status: [201, 409, 422] });
      return call('PATCH', `/api/v1/measures/${ids.m}`, { departments: [v] });
    },
    read: async () => (await measure()).departments[0],
    pages: () => [sheet(), `/plans/${ids.plan}`, `/periods/${ids.period}`, reviewPage(), pubSheet()],
    restore: async () => call('PATCH', `/api/v1/measures/${ids.m}`, { departments: [(await dept()).name] }, { status: 200 }) },
  { field: 'department.code (PATCH /departments/{id})', refuse: 'code',
    write: (v) => call('PATCH', `/api/v1/departments/${ids.dept}`, { code: v }),
    read: async () => (await dept()).code },
  { field: 'department.code (POST /orgs/{code}/departments)', refuse: 'code',
    write: (v) => call('POST', `/api/v1/orgs/${A}/departments`, { code: v, name: `課${next()}` }),
    read: async () => (await org()).departments.length },
  { field: 'department.parent (PATCH /departments/{id}, a department code)', refuse: 'parent',
    write: (v) => call('PATCH', `/api/v1/departments/${ids.dept}`, { parent: v }),
    read: async () => (await dept()).parent ?? null },
  { field: 'department.email (PATCH /departments/{id}, an e-mail address)', refuse: 'email',
    write: (v) => call('PATCH', `/api/v1/departments/${ids.dept}`, { email: v }),
    read: async () => (await get(`/api/v1/departments/${ids.dept}/inbox`)).email ?? null },

  // -- plans
  { field: 'plan.title (PATCH /plans/{id})', oneLine: 'title',
    write: (v) => call('PATCH', `/api/v1/plans/${ids.plan}`, { title: v }),
    read: async () => (await plan()).title,
    pages: () => [`/plans/${ids.plan}`, `/orgs/${A}`, '/', sheet(), `/kpis/${ids.kpi}`, `/plans/${ids.plan}/periods`,
      `/periods/${ids.period}`, reviewPage(), `/plans/${ids.plan}/versions`, `/plans/${ids.plan}/rating-scale`, pubPlan(),
      pubSheet()] },
  { field: 'plan.motto (PATCH /plans/{id})',
    write: (v) => call('PATCH', `/api/v1/plans/${ids.plan}`, { motto: v }),
    read: async () => (await plan()).motto,
    pages: () => [`/plans/${ids.plan}`, pubPlan()] },
  { field: 'plan.summary (PATCH /plans/{id})',
    write: (v) => call('PATCH', `/api/v1/plans/${ids.plan}`, { summary: v }),
    read: async () => (await plan()).summary,
    pages: () => [`/plans/${ids.plan}`, pubPlan()] },
  { field: 'plan.version (PATCH /plans/{id})', oneLine: 'version',
    write: (v) => call('PATCH', `/api/v1/plans/${ids.plan}`, { version: v }),
    read: async () => (await plan()).version,
    pages: () => [`/plans/${ids.plan}`, `/orgs/${A}`] },   // a published version shows its own label
  { field: 'plan.title/motto/summary/version (POST /orgs/{code}/plans)', oneLine: 'title',
    write: async (v) => {
      const r = await call('POST', `/api/v1/orgs/${A}/plans`, { title: v, kind: 'strategy', motto: v, summary: v, version: v });
      if (r.status === 201) last.plan = r.json.id;
      return r;
    },
    read: async () => { const p = await plan(last.plan); return { title: p.title, motto: p.motto, summary: p.summary, version: p.version }; },
    shape: (v) => ({ title: v, motto: v, summary: v, version: v }),
    pages: () => [`/plans/${last.plan}`, `/orgs/${A}`] },

  // -- pillars
  { field: 'pillar.code (PATCH /pillars/{id})', oneLine: 'code', outcome: noSlash('code'), probe: slashlessProbe,
    write: (v) => call('PATCH', `/api/v1/pillars/${ids.pillar}`, { code: v }),
    read: async () => pillarIn(await plan(), ids.pillar).code,
    pages: () => [`/plans/${ids.plan}`, sheet(), pubPlan(), pubSheet()],
    restore: () => call('PATCH', `/api/v1/pillars/${ids.pillar}`, { code: 'A' }, { status: 200 }) },
  { field: 'pillar.title (PATCH /pillars/{id})', oneLine: 'title',
    write: (v) => call('PATCH', `/api/v1/pillars/${ids.pillar}`, { title: v }),
    read: async () => pillarIn(await plan(), ids.pillar).title,
    pages: () => [`/plans/${ids.plan}`, sheet(), pubPlan(), pubSheet()] },
  { field: 'pillar.summary (PATCH /pillars/{id})', setup: baseline,
    write: (v) => call('PATCH', `/api/v1/pillars/${ids.pillar}`, { summary: v }),
    read: async () => pillarIn(await plan(), ids.pillar).summary,
    pages: () => [`/audit?entity=pillar&id=${ids.pillar}`, compare()] },
  { field: 'pillar.examples[] (PATCH /pillars/{id})', oneLine: 'examples[0]', setup: baseline,
    write: (v) => call('PATCH', `/api/v1/pillars/${ids.pillar}`, { examples: [v, '二つ目'] }),
    read: async () => pillarIn(await plan(), ids.pillar).examples[0],
    pages: () => [`/plans/${ids.plan}`, `/audit?entity=pillar&id=${ids.pillar}`, compare(), pubPlan()] },
  { field: 'pillar.code/title/summary/examples (POST /plans/{id}/pillars)', oneLine: 'code', outcome: noSlash('code'),
    probe: slashlessProbe,
    write: async (v) => {
      const r = await call('POST', `/api/v1/plans/${ids.plan}/pillars`, { code: v, title: v, summary: v, examples: [v] });
      if (r.status === 201) last.pillar = r.json.id;      // a refused create leaves the last one made to read
      return r;
    },
    read: async () => { const x = pillarIn(await plan(), last.pillar); return { code: x.code, title: x.title, summary: x.summary, examples: x.examples }; },
    shape: (v) => ({ code: v, title: v, summary: v, examples: [v] }),
    pages: () => [`/plans/${ids.plan}`] },

  // -- themes
  { field: 'theme.code (PATCH /themes/{id})', oneLine: 'code', outcome: noSlash('code'), probe: slashlessProbe,
    write: (v) => call('PATCH', `/api/v1/themes/${ids.theme}`, { code: v }),
    read: async () => themeIn(await plan(), ids.theme).code,
    pages: () => [`/plans/${ids.plan}`, sheet(), pubSheet()],
    restore: () => call('PATCH', `/api/v1/themes/${ids.theme}`, { code: '①' }, { status: 200 }) },
  { field: 'theme.title (PATCH /themes/{id})', oneLine: 'title',
    write: (v) => call('PATCH', `/api/v1/themes/${ids.theme}`, { title: v }),
    read: async () => themeIn(await plan(), ids.theme).title,
    pages: () => [`/plans/${ids.plan}`, sheet(), pubPlan(), pubSheet()] },
  // a theme's means are on no page of their own: the audit log and the comparison show them as
  // the items added and removed, as text (issue 15: never as JSON)
  { field: 'theme.means[].name (PATCH /themes/{id})', oneLine: 'means[0].name', setup: baseline,
    write: (v) => call('PATCH', `/api/v1/themes/${ids.theme}`, { means: [{ name: v, note: '注' }] }),
    read: async () => themeIn(await plan(), ids.theme).means[0].name,
    pages: () => [`/audit?entity=theme&id=${ids.theme}`, compare()] },
  { field: 'theme.means[].note (PATCH /themes/{id})', setup: baseline,
    write: (v) => call('PATCH', `/api/v1/themes/${ids.theme}`, { means: [{ name: '手段', note: v }] }),
    read: async () => themeIn(await plan(), ids.theme).means[0].note,
    pages: () => [`/audit?entity=theme&id=${ids.theme}`, compare()] },
  { field: 'theme.code/title/means (POST /pillars/{id}/themes)', oneLine: 'code', outcome: noSlash('code'), probe: slashlessProbe,
    write: async (v) => {
      const r = await call('POST', `/api/v1/pillars/${ids.pillar}/themes`, { code: v, title: v, means: [{ name: v, note: v }] });
      if (r.status === 201) last.theme = r.json.id;       // a refused create leaves the last one made to read
      return r;
    },
    read: async () => { const t = themeIn(await plan(), last.theme); return { code: t.code, title: t.title, means: t.means }; },
    shape: (v) => ({ code: v, title: v, means: [{ name: v, note: v }] }),
    pages: () => [`/plans/${ids.plan}`] },

  // -- measures
  // the published sheet's URL carries the code, so a code may not hold "/" (as "</script>" does)
  { field: 'measure.code (PATCH /measures/{id})', oneLine: 'code', outcome: noSlash('code'), probe: slashlessProbe,
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { code: v }),
    read: async () => (await measure()).code,
    pages: () => [`/plans/${ids.plan}`, sheet(), history(), `/kpis/${ids.kpi}`, `/periods/${ids.period}`, reviewPage(),
      `/periods/${ids.period}/pack`, pubPlan(), pubSheet()],
    restore: () => call('PATCH', `/api/v1/measures/${ids.m}`, { code: 'TR-1' }, { status: 200 }) },
  { field: 'measure.title (PATCH /measures/{id})', oneLine: 'title',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { title: v }),
    read: async () => (await measure()).title,
    pages: () => [`/plans/${ids.plan}`, sheet(), `/measures/${ids.m}/edit`, history(), `/kpis/${ids.kpi}`,
      `/periods/${ids.period}`, reviewPage(), `/periods/${ids.period}/pack`, pubPlan(), pubSheet()] },
  { field: 'measure.current (PATCH /measures/{id})',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { current: v }),
    read: async () => (await measure()).current,
    pages: () => [sheet(), `/measures/${ids.m}/edit`, history(), pubSheet()] },
  { field: 'measure.ideal (PATCH /measures/{id})',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { ideal: v }),
    read: async () => (await measure()).ideal,
    pages: () => [sheet(), `/measures/${ids.m}/edit`, history(), pubSheet()] },
  { field: 'measure.means[] (PATCH /measures/{id})', oneLine: 'means[0]',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { means: [v, '二つ目'] }),
    read: async () => (await measure()).means[0],
    pages: () => [sheet(), history(), pubSheet()] },
  { field: 'measure.tags[] (PATCH /measures/{id})', oneLine: 'tags[0]', setup: baseline,   // tags are on no page but these
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { tags: [v] }),
    read: async () => (await measure()).tags[0],
    pages: () => [history(), `/audit?entity=measure&id=${ids.m}`, compare()] },
  { field: 'measure.links[] (PATCH /measures/{id}) naming no measure of the plan', refuse: 'links[0]',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m}`, { links: [v] }),
    read: async () => (await measure()).links ?? [] },
  { field: 'measure.code/title/current/ideal/means/tags (POST /themes/{id}/measures)', oneLine: 'code', outcome: noSlash('code'),
    probe: slashlessProbe,
    write: async (v) => {
      const r = await call('POST', `/api/v1/themes/${ids.theme}/measures`,
        { code: v, title: v, current: v, ideal: v, means: [v], tags: [v] });
      if (r.status === 201) {               // a refused create leaves the last one made to read
        last.measure = r.json.id;
        added.measures++;
      }
      return r;
    },
    read: async () => { const m = await measure(last.measure); return { code: m.code, title: m.title, current: m.current, ideal: m.ideal, means: m.means, tags: m.tags }; },
    shape: (v) => ({ code: v, title: v, current: v, ideal: v, means: [v], tags: [v] }),
    pages: () => [`/measures/${last.measure}`, `/plans/${ids.plan}`] },
  { field: 'measure.links[] (PATCH /measures/{id}) naming a measure whose code is the text', oneLine: 'links[0]',
    outcome: noSlash('links[0]'), probe: slashlessProbe,      // no measure has a code with "/"
    write: async (v) => {               // the measures POSTed above have these codes; the probe's is made here
      const made = await call('POST', `/api/v1/themes/${ids.theme}/measures`, { code: v, title: '連携先' }, { status: [201, 409, 422] });
      if (made.status === 201) added.measures++;
      return call('PATCH', `/api/v1/measures/${ids.m}`, { links: [v] });
    },
    read: async () => (await measure()).links[0],
    pages: () => [sheet(), pubSheet()],
    restore: () => call('PATCH', `/api/v1/measures/${ids.m}`, { links: null }, { status: 200 }) },
  { field: 'search q (GET /plans/{id}/measures?q=) finds a measure titled with the text', oneLine: 'title',
    write: (v) => call('PATCH', `/api/v1/measures/${ids.m2}`, { title: v }),
    // a query without a letter or digit (%_\) has no term to match: only a clean 200 is asked of it
    read: async (r, v) => {
      const found = await get(`/api/v1/plans/${ids.plan}/measures?q=${encodeURIComponent(v)}`);
      return /[\p{L}\p{N}]/u.test(v) ? (found.items.find((m) => m.id === ids.m2) || {}).title : v;
    },
    pages: (v) => [`/plans/${ids.plan}/search?q=${encodeURIComponent(v)}`] },

  // -- KPIs and measurements
  { field: 'kpi.name (PATCH /kpis/{id})', oneLine: 'name',
    write: (v) => call('PATCH', `/api/v1/kpis/${ids.kpi}`, { name: v }),
    read: async () => (await kpi()).name,
    pages: () => [`/kpis/${ids.kpi}`, sheet(), history(), reviewPage(), pubSheet()] },
  { field: 'kpi.unit (PATCH /kpis/{id})', oneLine: 'unit',
    write: (v) => call('PATCH', `/api/v1/kpis/${ids.kpi}`, { unit: v }),
    read: async () => (await kpi()).unit,
    pages: () => [`/kpis/${ids.kpi}`, sheet(), history(), reviewPage(), pubSheet()] },
  { field: 'kpi.definition (PATCH /kpis/{id})',
    write: (v) => call('PATCH', `/api/v1/kpis/${ids.kpi}`, { definition: v }),
    read: async () => (await kpi()).definition,
    pages: () => [`/kpis/${ids.kpi}`, history()] },
  { field: 'kpi.source (PATCH /kpis/{id})',
    write: (v) => call('PATCH', `/api/v1/kpis/${ids.kpi}`, { source: v }),
    read: async () => (await kpi()).source,
    pages: () => [history(), `/audit?entity=kpi&id=${ids.kpi}`] },
  { field: 'kpi.name/unit/definition/source (POST /measures/{id}/kpis)', oneLine: 'name',
    write: async (v) => {
      const r = await call('POST', `/api/v1/measures/${ids.m2}/kpis`,
        { name: v, unit: v, definition: v, source: v, target: { state: 'undecided' } });
      if (r.status === 201) last.kpi = r.json.id;
      return r;
    },
    read: async () => { const k = await kpi(last.kpi); return { name: k.name, unit: k.unit, definition: k.definition, source: k.source }; },
    shape: (v) => ({ name: v, unit: v, definition: v, source: v }),
    pages: () => [`/kpis/${last.kpi}`, `/measures/${ids.m2}`] },
  { field: 'measurement.note (POST /kpis/{id}/measurements)',
    write: (v) => call('POST', `/api/v1/kpis/${ids.kpi}/measurements`, { period: nextDate(), value: 1, note: v }),
    read: async (r) => (await kpi()).measurements.find((x) => x.id === r.json.items[0].id).note,
    pages: () => [`/kpis/${ids.kpi}`, history()] },
  { field: 'measurement.source (POST /kpis/{id}/measurements)', oneLine: 'source',
    write: (v) => call('POST', `/api/v1/kpis/${ids.kpi}/measurements`, { period: nextDate(), value: 1, source: v }),
    read: async (r) => (r ? (await kpi()).measurements.find((x) => x.id === r.json.items[0].id).source
      : (await kpi()).measurements.map((x) => x.id)),    // no response: a refused write adds none
    pages: () => [history()] },
  { field: 'measurement.note (POST /plans/{id}/measurements.csv)', outcome: csvLines,
    write: (v) => csvMeasurement(v, 'csv'),
    read: async () => (await measurementOn(last.period)).note,
    pages: () => [`/kpis/${ids.kpi}`, history()] },
  { field: 'measurement.source (POST /plans/{id}/measurements.csv)', oneLine: 'source', outcome: csvLines,
    write: (v) => csvMeasurement('csv', v),
    read: async () => (await measurementOn(last.period)).source,
    pages: () => [history()] },

  // -- the rating scale
  { field: 'rating_scale.levels[].label (PUT /plans/{id}/rating-scale)', oneLine: 'levels[0].label',
    write: (v) => call('PUT', `/api/v1/plans/${ids.plan}/rating-scale`,
      { levels: [{ code: 'on_track', label: v }, { code: 'delayed', label: '遅れ', problem: true }] }),
    read: async () => (await get(`/api/v1/plans/${ids.plan}/rating-scale`)).levels[0].label,
    pages: () => [`/plans/${ids.plan}/rating-scale`, `/plans/${ids.plan}`, reviewPage()] },
  // rating codes are written as plans write them (A, S, ◎, 順調): 1-16 characters without spaces or "/"
  { field: 'rating_scale.levels[].code (PUT /plans/{id}/rating-scale)', outcome: ratingCode, probe: ratingProbe,
    write: (v) => call('PUT', `/api/v1/plans/${ids.plan}/rating-scale`, { levels: [{ code: v, label: '順調' }] }),
    read: async (r) => { const l = (await get(`/api/v1/plans/${ids.plan}/rating-scale`)).levels; return r ? l[0].code : l; },
    pages: () => [`/plans/${ids.plan}/rating-scale`],
    restore: () => call('PUT', `/api/v1/plans/${ids.plan}/rating-scale`, { levels: [] }, { status: 200 }) },

  // -- a measure's quarterly review (draft: the report's form shows the texts)
  { field: 'review.text (PUT /periods/{id}/measures/{mid}/review)',
    write: (v) => call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`, { text: v }),
    read: async () => (await review()).text,
    pages: () => [reviewPage()] },
  { field: 'review.issues (PUT …/review)',
    write: (v) => call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`, { issues: v }),
    read: async () => (await review()).issues,
    pages: () => [reviewPage()] },
  { field: 'review.next_steps (PUT …/review)',
    write: (v) => call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`, { next_steps: v }),
    read: async () => (await review()).next_steps,
    pages: () => [reviewPage()] },
  { field: 'review.rating (PUT …/review, a code of the rating scale)', refuse: 'rating',
    write: (v) => call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`, { rating: v }),
    read: async () => (await review()).rating ?? null },
  { field: 'review.kpi_values[].note (PUT …/review)',
    write: (v) => call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`,
      { kpi_values: [{ kpi_id: ids.kpi, value: 2, note: v }] }),
    read: async () => (await measurementOn('2025-06-30')).note,
    pages: () => [`/kpis/${ids.kpi}`, history()] },
  { field: 'review.office_comment (POST …/review/send-back)',
    write: async (v) => {
      await call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`,
        { rating: 'on_track', text: '報告', submit: true }, { status: 200 });
      return call('POST', `/api/v1/periods/${ids.period}/measures/${ids.m}/review/send-back`, { comment: v });
    },
    read: async () => (await review()).office_comment,
    pages: () => [reviewPage(), `/departments/${ids.dept}/inbox`] },
  { field: 'review.decision_note (POST …/review/decision)',
    write: async (v) => {
      if (!['submitted', 'confirmed'].includes((await review()).state))
        await call('PUT', `/api/v1/periods/${ids.period}/measures/${ids.m}/review`,
          { rating: 'on_track', text: '報告', submit: true }, { status: 200 });
      return call('POST', `/api/v1/periods/${ids.period}/measures/${ids.m}/review/decision`, { decision: 'continue', note: v });
    },
    read: async () => (await review()).decision_note,
    pages: () => [reviewPage(), `/periods/${ids.period}/pack`] },
  { field: 'review.decision (POST …/review/decision, one of seven words)', refuse: 'decision',
    write: (v) => call('POST', `/api/v1/periods/${ids.period}/measures/${ids.m}/review/decision`, { decision: v }),
    read: async () => (await review()).decision ?? null },

  // -- versions
  { field: 'version.label (POST /plans/{id}/versions)', oneLine: 'label', short: true,
    write: async (v) => { const r = await call('POST', `/api/v1/plans/${ids.plan}/versions`, { label: v }); if (r.status === 201) last.version = r.json.id; return r; },
    read: async () => (await get(`/api/v1/versions/${last.version}`)).label,
    pages: () => [`/plans/${ids.plan}/versions`, { path: `/plans/${ids.plan}/published`, as: null },
      { path: `/plans/${ids.plan}/published/measures/TR-1`, as: null }] },
  { field: 'version.notes[] (POST /plans/{id}/versions)', oneLine: 'notes[0]',
    write: async (v) => {
      const r = await call('POST', `/api/v1/plans/${ids.plan}/versions`, { label: `n${next()}`, notes: [v] });
      if (r.status === 201) last.version = r.json.id;
      return r;
    },
    read: async () => (await get(`/api/v1/versions/${last.version}`)).notes[0],
    pages: () => [`/plans/${ids.plan}/versions`, { path: `/plans/${ids.plan}/versions`, as: null }] },

  // -- citizen feedback on the published TR-1 and TR-2 (each opinion from its own address)
  { field: 'feedback.text (POST /plans/{id}/published/measures/{code}/feedback)', outcome: feedbackText,
    setup: () => publish(),
    write: (v) => postFrom(`/api/v1/plans/${ids.plan}/published/measures/TR-1/feedback`, { text: v }),
    read: async (r) => (r ? (await opinion(r.json.id)).text : (await queue()).total),
    beforePages: (r) => call('POST', `/api/v1/feedback/${r.json.id}/moderation`, { decision: 'publish' }, { status: 200 }),
    pages: () => [`/orgs/${A}/feedback`, { path: `/plans/${ids.plan}/published/measures/TR-1`, as: null }] },
  { field: 'feedback.name (POST …/feedback)', outcome: feedbackName,
    write: (v) => postFrom(`/api/v1/plans/${ids.plan}/published/measures/TR-2/feedback`, { text: 'ご意見', name: v }),
    read: async (r) => (r ? (await opinion(r.json.id)).name : (await queue()).total),
    beforePages: (r) => call('POST', `/api/v1/feedback/${r.json.id}/moderation`, { decision: 'publish' }, { status: 200 }),
    pages: () => [`/orgs/${A}/feedback`, { path: `/plans/${ids.plan}/published/measures/TR-2`, as: null }] },
  { field: 'feedback.answer (POST /feedback/{id}/moderation)', outcome: feedbackAnswer,
    setup: async () => {
      const r = await postFrom(`/api/v1/plans/${ids.plan}/published/measures/TR-1/feedback`, { text: '回答を待つ意見' });
      assert.equal(r.status, 201, r.text);
      last.opinion = r.json.id;
    },
    write: (v) => call('POST', `/api/v1/feedback/${last.opinion}/moderation`, { decision: 'publish', answer: v }),
    read: async () => (await opinion(last.opinion)).answer,
    pages: () => [`/orgs/${A}/feedback`, { path: `/plans/${ids.plan}/published/measures/TR-1`, as: null }] },
  { field: 'feedback text (the form POST /plans/{id}/published/measures/{code}/feedback)', outcome: feedbackText, form: true,
    write: (v) => postFrom(`/plans/${ids.plan}/published/measures/TR-1/feedback`, form({ text: v, name: '市民' }),
      'application/x-www-form-urlencoded'),
    read: async () => (await newestOpinion()).text,
    pages: () => [`/orgs/${A}/feedback`] },
  { field: 'feedback name (the form POST …/feedback)', outcome: feedbackName, form: true,
    write: (v) => postFrom(`/plans/${ids.plan}/published/measures/TR-2/feedback`, form({ text: 'フォームの意見', name: v }),
      'application/x-www-form-urlencoded'),
    read: async () => (await newestOpinion()).name,
    pages: () => [`/orgs/${A}/feedback`] },
];

// -- fields only a kawaru-plan/1 document writes (PUT /orgs/{code}/document), on organisation B

function documentOf() {
  return {
    format: 'kawaru-plan/1',
    org: { code: B, name: '文書市', prefecture: '文書県' },
    departments: [{ code: 'bunsho', name: '文書課' }],
    bodies: [{
      code: 'hq', name: '推進本部', kind: 'headquarters', description: '説明', topics: ['話題'],
      members: [{ name: '山田', role: 'CDO', post: '市長', department: '文書課' }],
      meetings: [{ date: '2025-05-01', title: '第1回', agenda: '議題', minutes: '議事録', measures: [{ code: 'D-1', note: '備考' }] }],
    }],
    plans: [{
      title: '文書計画', kind: 'action_plan', review_cadence: 'quarterly',
      revisions: [{ version: '1.0', date: '2024-04-01', notes: ['初版'] }],
      rating_scale: [{ code: 'ok', label: '順調' }, { code: 'late', label: '遅れ', problem: true }],
      vision: [{ title: 'めざす姿', text: '本文' }],
      principles: [{ title: '行動指針', text: '本文' }],
      goals: [{ name: '業務量削減率', unit: '%', target: { value: 30, fy: 2026 }, note: '注記' }],
      pillars: [{ code: 'A', title: '柱', themes: [{ code: '①', title: 'テーマ', measures: [{
        code: 'D-1', title: '文書施策', departments: ['文書課'],
        schedule: [{ fy: 2025, items: ['予定'] }], progress: [{ fy: 2024, items: ['実績'] }],
        reviews: [{ fy: 2024, quarter: 4, rating: 'ok', text: '取組', issues: '課題', next_steps: '次', decision: 'continue', decision_note: '注' }],
        kpis: [{ name: '指標', unit: '件', target: { value: 10, fy: 2026 },
          measurements: [{ period: '2025-03-31', value: 3, note: '備考', source: '出典' }] }],
      }] }] }],
    }],
  };
}
const steps = (path) => path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '');
function setPath(o, path, v) {
  const k = steps(path);
  for (const s of k.slice(0, -1)) o = o[s];
  o[k[k.length - 1]] = v;
}
function getPath(o, path) {
  for (const s of steps(path)) o = o === undefined ? undefined : o[s];
  return o;
}
/** The ids of organisation B's plan, measure, KPI and body as they are now (a PUT renews them). */
async function docIds() {
  const planId = (await org(B)).plans[0].id;
  const m = (await plan(planId)).pillars[0].themes[0].measures[0];
  const body = (await get(`/api/v1/orgs/${B}/bodies`)).items[0];
  return { plan: planId, measure: m.id, kpi: m.kpis[0].id, body: body && body.id };
}
const D = 'plans[0].pillars[0].themes[0].measures[0]';
const docPages = {
  plan: async () => [`/plans/${(await docIds()).plan}`],
  versions: async () => [`/plans/${(await docIds()).plan}`, `/plans/${(await docIds()).plan}/versions`],
  sheet: async () => [`/measures/${(await docIds()).measure}`],
  kpi: async () => [`/kpis/${(await docIds()).kpi}`],
  bodies: async () => [`/orgs/${B}/bodies`, `/bodies/${(await docIds()).body}`],
  meetings: async () => [`/bodies/${(await docIds()).body}`, `/orgs/${B}/meetings`],
  minutes: async () => [`/bodies/${(await docIds()).body}`],
  none: async () => [],
};
const DOCUMENT_FIELDS = [
  ['plans[0].vision[0].title', docPages.plan], ['plans[0].vision[0].text', docPages.plan],
  ['plans[0].principles[0].title', docPages.plan], ['plans[0].principles[0].text', docPages.plan],
  ['plans[0].goals[0].name', docPages.plan], ['plans[0].goals[0].unit', docPages.plan],
  ['plans[0].goals[0].note', docPages.plan],
  ['plans[0].rating_scale[0].label', docPages.plan],
  [`${D}.schedule[0].items[0]`, docPages.sheet], [`${D}.progress[0].items[0]`, docPages.sheet],
  // a confirmed review of the document is on no page (the review pages show a period's reports)
  [`${D}.reviews[0].text`, docPages.none], [`${D}.reviews[0].issues`, docPages.none],
  [`${D}.reviews[0].next_steps`, docPages.none], [`${D}.reviews[0].decision_note`, docPages.none],
  [`${D}.kpis[0].measurements[0].note`, docPages.kpi], [`${D}.kpis[0].measurements[0].source`, docPages.none],
  ['bodies[0].name', docPages.bodies], ['bodies[0].description', docPages.bodies], ['bodies[0].topics[0]', docPages.bodies],
  ['bodies[0].members[0].name', docPages.bodies], ['bodies[0].members[0].role', docPages.bodies],
  ['bodies[0].members[0].post', docPages.bodies],
  ['bodies[0].meetings[0].title', docPages.meetings], ['bodies[0].meetings[0].agenda', docPages.meetings],
  ['bodies[0].meetings[0].minutes', docPages.minutes], ['bodies[0].meetings[0].measures[0].note', docPages.meetings],
];
// the one-line fields of a document (src/core/field.h): a line break or a tab is refused there
const DOCUMENT_ONE_LINE = /(\.title|\.name|\.unit|\.label|\.role|\.post|\.source|items\[0\]|topics\[0\]|\.version|notes\[0\])$/;
for (const [path, pages] of DOCUMENT_FIELDS)
  FIELDS.push({
    field: `document ${path} (PUT /orgs/{code}/document)`, oneLine: DOCUMENT_ONE_LINE.test(path) ? path : undefined,
    write: (v) => { const doc = documentOf(); setPath(doc, path, v); return call('PUT', `/api/v1/orgs/${B}/document`, doc); },
    read: async () => getPath(await get(`/api/v1/orgs/${B}/document`), path),
    pages,
  });
// a plan's revision history changes only by publishing: each of these writes a new organisation
for (const path of ['plans[0].revisions[0].version', 'plans[0].revisions[0].notes[0]'])
  FIELDS.push({
    field: `document ${path} (PUT /orgs/{code}/document of a new organisation)`, oneLine: path,
    write: async (v) => {
      const doc = documentOf();
      doc.org.code = orgCode(13400 + next());
      setPath(doc, path, v);
      const r = await call('PUT', `/api/v1/orgs/${doc.org.code}/document`, doc);
      if (r.status === 200) { added.measures++; last.docOrg = doc.org.code; }   // its D-1
      return r;
    },
    read: async () => (last.docOrg ? getPath(await get(`/api/v1/orgs/${last.docOrg}/document`), path) : undefined),
    pages: async () => [`/plans/${(await org(last.docOrg)).plans[0].id}/versions`],
  });
FIELDS.push({
  field: 'document bodies[0].code (PUT /orgs/{code}/document)', refuse: 'bodies[0].code',
  write: (v) => { const doc = documentOf(); doc.bodies[0].code = v; return call('PUT', `/api/v1/orgs/${B}/document`, doc); },
  read: async () => (await get(`/api/v1/orgs/${B}/document`)).bodies,
});

// ---- the tests

before(async () => {
  srv = await startServer();
  const plans = {};
  for (const o of (await get('/api/v1/orgs')).items)
    for (const p of (await get(`/api/v1/orgs/${o.code}/plans`)).items) plans[p.id] = p.measures;
  dbBefore = { tables: srv.tables(), plans };

  await call('POST', '/api/v1/orgs', { code: A, name: '検証市', prefecture: '検証県' }, { status: 201 });
  ids.dept = (await call('POST', `/api/v1/orgs/${A}/departments`, { code: 'tr-dept', name: '検証課' }, { status: 201 })).json.id;
  ids.plan = (await call('POST', `/api/v1/orgs/${A}/plans`, { title: '検証計画', kind: 'action_plan', review_cadence: 'quarterly' },
    { status: 201 })).json.id;
  ids.pillar = (await call('POST', `/api/v1/plans/${ids.plan}/pillars`, { code: 'A', title: '柱', summary: '概要', examples: ['例'] },
    { status: 201 })).json.id;
  ids.theme = (await call('POST', `/api/v1/pillars/${ids.pillar}/themes`, { code: '①', title: 'テーマ', means: [{ name: '手段', note: '注' }] },
    { status: 201 })).json.id;
  ids.m = (await call('POST', `/api/v1/themes/${ids.theme}/measures`, { code: 'TR-1', title: '検証施策', departments: ['検証課'],
    current: '現状', ideal: '理想', means: ['手段'], tags: ['タグ'] }, { status: 201 })).json.id;
  ids.m2 = (await call('POST', `/api/v1/themes/${ids.theme}/measures`, { code: 'TR-2', title: '検証施策2', departments: ['検証課'] },
    { status: 201 })).json.id;
  added.measures += 2;
  ids.kpi = (await call('POST', `/api/v1/measures/${ids.m}/kpis`, { name: '検証指標', unit: '件', target: { value: 10, fy: 2026 },
    baseline: { value: 1, fy: 2024 }, definition: '定義', source: '出典' }, { status: 201 })).json.id;
  ids.period = (await call('POST', `/api/v1/plans/${ids.plan}/periods`, { fy: 2025, quarter: 1, deadline: '2025-07-15' },
    { status: 201 })).json.id;
  ids.v0 = (await publish('v0')).id;
  await call('POST', '/api/v1/orgs', { code: B, name: '文書市' }, { status: 201 });
  await call('PUT', `/api/v1/orgs/${B}/document`, documentOf(), { status: 200 });
  added.measures += 1;                 // D-1 of organisation B (each PUT replaces it)
});
after(() => srv && srv.stop());

FIELDS.forEach((e, i) => {
  e.tag = `F${String(i + 1).padStart(3, '0')}`;
  test(`${e.field}: hostile text round-trips as text`, async () => {
    const problems = [];                 // every failed check of the entry, reported together
    const check = async (fn) => { try { await fn(); } catch (err) { problems.push(err.message); } };
    if (e.setup) await e.setup();
    for (const [name, v] of HOSTILE) {
      // a one-line field (a title, a name, a code, a list item) refuses line breaks and tabs
      const out = e.oneLine && /[\t\n\r]/.test(v) ? { refuse: e.oneLine }
        : e.outcome ? e.outcome(name, v) : e.refuse ? { refuse: e.refuse } : { expect: v };
      const what = `${e.field} = ${JSON.stringify(v)} (${name})`;
      await check(async () => {
        if (out.refuse) {
          const before = await e.read();
          const r = await e.write(v, name);
          if (e.form) {
            assert.equal(r.status, 422, `${what}: the form answered ${r.status} ${r.text.slice(0, 300)}`);
            assert.match(r.text, new RegExp(`id="${out.refuse}"[^>]*aria-invalid="true"`), `${what}: the form does not mark ${out.refuse}`);
            noLiveMarkup(r.text, `${what}: the form's 422 page`);
          } else {
            assert.equal(r.status, 422, `${what}: expected a 422 naming ${out.refuse}, got ${r.status} ${r.text.slice(0, 300)}`);
            const error = (r.json && r.json.error) || {};
            const named = error.field ?? (error.details && error.details[0].column);   // a CSV file: the column
            assert.equal(named, out.refuse, `${what}: the 422 names another field: ${r.text.slice(0, 300)}`);
          }
          assert.deepEqual(await e.read(), before, `${what}: a refused write changed the stored value`);
          return;
        }
        const r = await e.write(v, name);
        assert.ok(r.status >= 200 && r.status < 400, `${what}: the write answered ${r.status} ${r.text.slice(0, 300)}`);
        const expected = e.shape ? e.shape(out.expect) : out.expect;
        const got = await e.read(r, v);
        assert.deepEqual(got, expected, `${what}: read back ${JSON.stringify(got)} (${hex(typeof got === 'string' ? got : '')}), ` +
          `expected ${JSON.stringify(expected)}`);
        if (e.pages && (name === 'script' || name === 'img')) await checkPages(what, await e.pages(v), undefined);
      });
    }
    if (!e.refuse)
      await check(async () => {
        const probe = e.probe ? e.probe(e.tag) : probeOf(e.tag, e.short);
        const r = await e.write(probe, 'probe');
        assert.ok(r.status >= 200 && r.status < 400, `${e.field} = probe: the write answered ${r.status} ${r.text.slice(0, 300)}`);
        assert.deepEqual(await e.read(r, probe), e.shape ? e.shape(probe) : probe, `${e.field} = probe: read back differs`);
        if (e.beforePages) await e.beforePages(r);
        if (e.pages) await checkPages(`${e.field} = probe ${JSON.stringify(probe)}`, await e.pages(probe), probe);
      });
    if (e.restore) await e.restore();
    assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join('\n')}`);
  });
});

// Markdown: a review's progress text, issues and next steps are rendered with md4c once submitted.
test('Markdown fields (review text, issues, next steps) never render live markup or script links', async () => {
  const md = [
    '# 見出し <script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">a</a> <iframe src="javascript:alert(1)"></iframe>',
    '[link](javascript:alert(1)) [LINK](JAVASCRIPT:alert(1)) [ent](&#106;avascript:alert(1))',
    '![img](javascript:alert(1)) ![img2](x" onerror="alert(1))',
    '<javascript:alert(1)> [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(1))',
    '[ref][r]', '', '[r]: javascript:alert(1)', '',
    '`<script>alert(1)</script>` and **<b onmouseover=alert(1)>bold</b>**',
    '| a | <script>alert(1)</script> |', '|---|---|', '| <img src=x onerror=alert(1)> | ok |',
  ].join('\n');
  const base = `/api/v1/periods/${ids.period}/measures/${ids.m}/review`;
  if (['submitted', 'confirmed'].includes((await review()).state))
    await call('POST', `${base}/send-back`, { comment: 'Markdown を確認' }, { status: 200 });
  const r = await call('PUT', base, { rating: 'on_track', text: md, issues: md, next_steps: md, submit: true }, { status: 200 });
  assert.equal(r.json.review.text, md);
  assert.equal(r.json.review.issues, md);
  assert.equal(r.json.review.next_steps, md);
  const html = (await call('GET', reviewPage(), undefined, { status: 200 })).text;
  noLiveMarkup(html, `GET ${reviewPage()}`);
  const rendered = [...html.matchAll(/<div class="rendered">([\s\S]*?)<\/div>/g)].map((m) => m[1]);
  assert.equal(rendered.length, 3, 'the submitted report shows its text, issues and next steps rendered');
  for (const part of rendered) {
    assert.doesNotMatch(part, /<(script|iframe|object|embed|style|svg|b)\b/i, 'rendered Markdown holds a raw HTML tag');
    for (const [, attr, value] of part.matchAll(/\s(href|src)="([^"]*)"/g))
      assert.match(value, /^(#|https?:\/\/|mailto:|\/(?![/\\]))/i, `rendered Markdown has ${attr}="${value}"`);
    assert.ok(part.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the script tag is shown as text');
    assert.ok(part.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the img tag is shown as text');
  }
});

// Text that is not stored but read: search words, filters, and the sign-in.
test('hostile text in query parameters answers 200/4xx, never 500, and is echoed escaped', async () => {
  for (const [name, v] of HOSTILE) {
    const q = encodeURIComponent(v);
    for (const p of [`/api/v1/plans/${ids.plan}/measures?q=${q}`, `/api/v1/plans/${ids.plan}/measures?dept=${q}`,
      `/api/v1/audit?user=${q}`, `/api/v1/audit?entity=${q}`, `/api/v1/orgs/${A}/feedback?state=${q}`,
      `/api/v1/orgs/${A}/meetings?fy=${q}`]) {
      const r = await call('GET', p);
      assert.ok([200, 400, 422].includes(r.status), `GET ${p} (${name}) → ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(r.json, `GET ${p} (${name}) answered no JSON`);
    }
    for (const p of [`/plans/${ids.plan}/search?q=${q}`, `/audit?user=${q}`, `/login?next=${q}`]) {
      const r = await call('GET', p, undefined, { as: p.startsWith('/login') ? null : undefined });
      assert.ok([200, 400, 422].includes(r.status), `GET ${p} (${name}) → ${r.status} ${r.text.slice(0, 200)}`);
      noLiveMarkup(r.text, `GET ${p}`);
      if (!p.startsWith('/login') && (name === 'script' || name === 'img'))
        assert.ok(r.text.includes(esc(v)), `GET ${p} does not echo ${esc(v)}`);
    }
  }
});

test('signing in with hostile text as login or password answers 401, never 500, and signs nobody in', async () => {
  const admin = srv.users.admin.login;
  const tries = [...HOSTILE.map(([, v]) => ({ login: v, password: v })),
    { login: `${admin}' --`, password: 'x' }, { login: admin, password: "' OR '1'='1" }];
  for (const body of tries) {
    const r = await postFrom('/api/v1/session', body);
    assert.equal(r.status, 401, `POST /api/v1/session ${JSON.stringify(body)} → ${r.status} ${r.text.slice(0, 200)}`);
    assert.doesNotMatch(String(r.headers['set-cookie'] ?? ''), /kawaru_session=[^;]/, 'a refused sign-in set a session cookie');
    // the sign-in form's pre-session cookie and token (login CSRF: tests/api/login.test.js)
    const loginForm = await call('GET', '/login', undefined, { as: null, status: 200 });
    const preToken = /name="login_csrf" value="([^"]+)"/.exec(loginForm.text)[1];
    const page = await postFrom('/login', form({ ...body, login_csrf: preToken }), 'application/x-www-form-urlencoded',
      { cookie: loginForm.headers.get('set-cookie').split(';')[0] });
    assert.ok([400, 401].includes(page.status), `POST /login ${JSON.stringify(body)} → ${page.status} ${page.text.slice(0, 200)}`);
    assert.doesNotMatch(String(page.headers['set-cookie'] ?? ''), /kawaru_session=[^;]/, 'a refused sign-in set a session cookie');
    noLiveMarkup(page.text, `POST /login ${JSON.stringify(body)}`);
  }
});

// NUL bytes, invalid UTF-8 and lone surrogates: refused, nothing stored.
test('NUL bytes, invalid UTF-8 and lone surrogates are refused with 400/422 and change nothing', async () => {
  const before = await measure();
  const json = { 'content-type': 'application/json' };
  const bodies = {
    'a NUL byte (\\u0000)': Buffer.from('{"title":"a\\u0000b"}'),
    'a raw NUL byte': Buffer.from('{"title":"a\u0000b"}'),
    'invalid UTF-8 (0xFF 0xFE)': Buffer.concat([Buffer.from('{"title":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}')]),
    'an overlong UTF-8 "/" (0xC0 0xAF)': Buffer.concat([Buffer.from('{"title":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('b"}')]),
    'a lone surrogate (\\ud800)': Buffer.from('{"title":"a\\ud800b"}'),
  };
  for (const [what, body] of Object.entries(bodies)) {
    const r = await call('PATCH', `/api/v1/measures/${ids.m}`, body, { headers: json });
    assert.ok([400, 422].includes(r.status), `measure.title with ${what}: ${r.status} ${r.text.slice(0, 200)}`);
    assert.deepEqual(await measure(), before, `measure.title with ${what} changed the measure`);
  }
  // the citizen feedback form and API
  const count = (await queue()).total;
  for (const [what, body] of Object.entries({ 'a NUL byte': 'text=a%00b', 'invalid UTF-8': 'text=a%FF%FEb' })) {
    const r = await postFrom(`/plans/${ids.plan}/published/measures/TR-1/feedback`, body, 'application/x-www-form-urlencoded');
    assert.ok([400, 422].includes(r.status), `the feedback form with ${what}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  for (const [what, body] of [['a NUL byte', bodies['a NUL byte (\\u0000)']], ['invalid UTF-8', bodies['invalid UTF-8 (0xFF 0xFE)']]]) {
    const r = await postFrom(`/api/v1/plans/${ids.plan}/published/measures/TR-1/feedback`,
      Buffer.from(body.toString('latin1').replace('title', 'text'), 'latin1'));
    assert.ok([400, 422].includes(r.status), `feedback API with ${what}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  // a raw NUL in a CSV import
  const csv = Buffer.from(`kpi_id,period,value,note\r\n${ids.kpi},2018-01-01,1,a\u0000b\r\n`);
  const kBefore = await kpi();
  const r = await call('POST', `/api/v1/plans/${ids.plan}/measurements.csv`, csv, { headers: { 'content-type': 'text/csv' } });
  assert.ok([400, 422].includes(r.status), `a CSV with a NUL byte: ${r.status} ${r.text.slice(0, 200)}`);
  assert.deepEqual((await kpi()).measurements, kBefore.measurements, 'a refused CSV changed the measurements');
  assert.equal((await queue()).total, count, 'a refused opinion was stored');
});

// (c) the database still has all its tables, and nothing outside what this file wrote changed.
test('the database is intact afterwards: every table, the demo plans, the measure count', async () => {
  assert.equal(srv.tables(), dbBefore.tables);
  if (!PG) assert.equal(sql('PRAGMA integrity_check'), 'ok');   // PostgreSQL checks its pages itself
  for (const [id, n] of Object.entries(dbBefore.plans)) {
    const p = await plan(id);
    const count = p.pillars.reduce((a, x) => a + x.themes.reduce((b, t) => b + t.measures.length, 0), 0);
    assert.equal(count, n, `plan ${id} (${p.title}) has ${count} measures, had ${n}`);
  }
  const total = Object.values(dbBefore.plans).reduce((a, n) => a + n, 0);
  assert.equal(Number(sql('SELECT count(*) FROM measure')), total + added.measures);
  for (const p of ['/api/v1/orgs/322075/document', '/api/v1/orgs/122319/document', `/api/v1/periods/${ids.period}`,
    '/api/v1/audit', `/api/v1/orgs/${A}/feedback`, `/api/v1/plans/${ids.plan}/versions`])
    await get(p);
});
