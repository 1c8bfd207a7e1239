'use strict';
// One set of field rules wherever text comes in (issue 13 point 5, src/core/field.h): a value the
// API accepts, a plan document and a browser form accept too, and one refused is refused by all
// three, the API and the document with the same message. Lengths count characters as the OpenAPI
// document's maxLength does (500 kanji fit a title); control characters are refused in every
// field, line breaks and tabs only in one-line fields; an optional text that is blank is not set;
// a measurement's note has one limit (2,000 characters) in the API, a CSV file and a document;
// two plans of an organisation cannot share a title (meetings name plans by title).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds, sessionHeaders } = require('../lib/server');

let srv;
let ids;
let doc;                        // the demo organisation's document as first served
const TITLE = '書かない窓口';   // the demo measure (demoIds), found by its title in the document
const ORG = '322075';
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  doc = (await api(srv.url, `/api/v1/orgs/${ORG}/document`)).text;
});
after(() => srv && srv.stop());

const measurePath = () => `/api/v1/measures/${ids.measureId}`;
const measure = async () => (await api(srv.url, measurePath())).json;

/** PATCHes the demo measure through the API. */
const patch = (body) => api(srv.url, measurePath(), { method: 'PATCH', body });

/** PUTs the demo document with the demo measure's fields changed by edit(m). */
async function putDocument(edit) {
  const d = JSON.parse(doc);
  let hit = null;
  for (const p of d.plans) for (const pi of p.pillars) for (const t of pi.themes || [{ measures: pi.measures }])
    for (const m of t.measures || []) if (m.title === TITLE && !hit) hit = m;
  assert.ok(hit, 'the demo measure is in the document');
  edit(hit, d);
  return api(srv.url, `/api/v1/orgs/${ORG}/document`, { method: 'PUT', body: JSON.stringify(d),
    headers: { 'Content-Type': 'application/json' } });
}

// ---- the browser's form, submitted as a browser would: every field as the page shows it

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&amp;/g, '&');
/** The fields of the form posting to action on the page at path, as [name, value] pairs. */
async function formFields(path, action) {
  const html = (await api(srv.url, path)).text;
  const form = html.split('<form').find((f) => f.includes(`action="${action}"`));
  assert.ok(form, `a form posting to ${action} on ${path}`);
  const body = form.slice(0, form.indexOf('</form>'));
  const fields = [];
  for (const m of body.matchAll(/<input ([^>]*)>/g)) {
    const a = m[1];
    const name = /name="([^"]*)"/.exec(a), value = /value="([^"]*)"/.exec(a), type = /type="([^"]*)"/.exec(a);
    if (!name || (type && ['checkbox', 'radio'].includes(type[1]) && !/\bchecked\b/.test(a))) continue;
    if (type && type[1] === 'submit') continue;
    fields.push([unescape(name[1]), value ? unescape(value[1]) : '']);
  }
  for (const m of body.matchAll(/<textarea [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields.push([unescape(m[1]), unescape(m[2].replace(/^\n/, ''))]);
  for (const m of body.matchAll(/<select [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)"[^>]*\bselected\b/.exec(m[2]) || /<option value="([^"]*)"/.exec(m[2]);
    fields.push([unescape(m[1]), sel ? unescape(sel[1]) : '']);
  }
  return fields;
}

/** Posts the edit form at path (its own action) with the fields in change replaced. */
async function postForm(path, change) {
  const fields = (await formFields(path, path)).map(([k, v]) => [k, k in change ? change[k] : v]);
  const res = await fetch(srv.url + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(await sessionHeaders(srv.url)) },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, text: await res.text() };
}
const postMeasureForm = (change) => postForm(`/measures/${ids.measureId}/edit`, change);

const kanji = (n) => '窓'.repeat(n);

test('a title of 500 kanji (1,500 bytes) is taken by the API, a document and the form; 501 by none', async () => {
  const m0 = await measure();
  let r = await patch({ title: kanji(500) });
  assert.equal(r.status, 200, r.text);
  assert.equal((await measure()).title, kanji(500));
  r = await patch({ title: kanji(501) });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.field, 'title');
  assert.match(r.json.error.message, /title must be at most 500 characters/);

  r = await putDocument((m) => { m.title = kanji(501); });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.details.some((d) => /\.title$/.test(d.field) && d.message === 'must be at most 500 characters'),
    `the document names the title with the API's message: ${r.text}`);

  r = await postMeasureForm({ title: kanji(501) });
  assert.equal(r.status, 422, 'the form is shown again');
  assert.match(r.text, /500文字以内で入力してください。/);
  r = await postMeasureForm({ title: kanji(499) + '口' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal((await measure()).title, kanji(499) + '口');
  assert.equal((await patch({ title: m0.title })).status, 200);
});

test('control characters: a text takes line breaks and tabs, a title none; a bell or DEL nowhere', async () => {
  const m0 = await measure();
  const lines = '一行目\n二行目\r\n\t三行目';
  let r = await patch({ current: lines });
  assert.equal(r.status, 200, r.text);
  assert.equal((await measure()).current, lines);
  for (const bad of ['鐘\u0007', 'a\u007fb', 'c1\u0085']) {
    r = await patch({ current: bad });
    assert.equal(r.status, 422, `${JSON.stringify(bad)}: ${r.text}`);
    assert.equal(r.json.error.field, 'current');
    assert.match(r.json.error.message, /must not contain control characters/);
  }
  for (const bad of ['一行目\n二行目', 'a\tb', 'a\rb']) {
    r = await patch({ title: bad });
    assert.equal(r.status, 422, `${JSON.stringify(bad)}: ${r.text}`);
    assert.match(r.json.error.message, /title must be one line without control characters/);
    r = await patch({ tags: ['ok', bad] });
    assert.equal(r.status, 422, `a list item ${JSON.stringify(bad)}: ${r.text}`);
    assert.equal(r.json.error.field, 'tags[1]');
  }
  r = await putDocument((m) => { m.title = 'a\nb'; });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.details.some((d) => /\.title$/.test(d.field) && /^must be one line without control characters/.test(d.message)), r.text);
  r = await putDocument((m) => { m.current = '鐘\u0007'; });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.details.some((d) => /\.current$/.test(d.field) && /^must not contain control characters/.test(d.message)), r.text);

  r = await postMeasureForm({ title: 'a\tb' });
  assert.equal(r.status, 422);
  assert.match(r.text, /改行・タブなどの制御文字を含めずに1行で入力してください。/);
  r = await postMeasureForm({ current: '鐘\u0007' });
  assert.equal(r.status, 422);
  assert.match(r.text, /制御文字は入力できません/);
  assert.equal((await measure()).title, m0.title, 'nothing was stored');
  assert.equal((await patch({ current: m0.current ?? null })).status, 200);
});

test('an optional text that is blank is not set, through the API and a document alike', async () => {
  let r = await patch({ ideal: ' \u3000\n' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await measure()).ideal, undefined, 'a blank 理想 is not set');
  r = await patch({ title: ' \u3000' });
  assert.equal(r.status, 422, 'a title is required: blank is refused');
  assert.match(r.json.error.message, /must not be empty or blank/);
  r = await putDocument((m) => { m.ideal = '\u3000'; });
  assert.equal(r.status, 200, r.text);
  assert.equal((await measure()).ideal, undefined, 'the document\'s blank 理想 is not set');
  doc = (await api(srv.url, `/api/v1/orgs/${ORG}/document`)).text;
});

test('a measurement note: 2,000 characters in the API, a CSV file and a document; 2,001 in none', async () => {
  const kpi = ids.kpiId;
  const at = (d) => `2019-0${d}-01`;
  let r = await api(srv.url, `/api/v1/kpis/${kpi}/measurements`, { method: 'POST', body: { period: at(1), value: 1, note: kanji(2000) } });
  assert.equal(r.status, 201, r.text);
  r = await api(srv.url, `/api/v1/kpis/${kpi}/measurements`, { method: 'POST', body: { period: at(2), value: 1, note: kanji(2001) } });
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.message, /note must be at most 2000 characters/);
  const csv = `kpi_id,period,value,note\r\n${kpi},${at(3)},1,${kanji(2001)}\r\n`;
  r = await api(srv.url, `/api/v1/plans/${ids.planId}/measurements.csv`, { method: 'POST', body: Buffer.from(csv),
    headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /at most 2000 characters|2000文字まで/);
  r = await putDocument((m) => {
    const k = m.kpis.find((x) => (x.measurements || []).length) || m.kpis[0];
    k.measurements = [...(k.measurements || []), { period: at(4), value: 1, note: kanji(2001) }];
  });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.details.some((d) => /measurements\[\d+\]\.note$/.test(d.field) && d.message === 'must be at most 2000 characters'), r.text);
});

test('two plans of an organisation cannot share a title: the API answers 409, a document 422', async () => {
  const plans = (await api(srv.url, `/api/v1/orgs/${ORG}/plans`)).json.items;
  let r = await api(srv.url, `/api/v1/orgs/${ORG}/plans`, { method: 'POST', body: { title: plans[0].title, kind: 'strategy' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'title');
  r = await api(srv.url, `/api/v1/orgs/${ORG}/plans`, { method: 'POST', body: { title: '別の計画', kind: 'strategy' } });
  assert.equal(r.status, 201, r.text);
  r = await api(srv.url, `/api/v1/plans/${r.json.id}`, { method: 'PATCH', body: { title: plans[0].title } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'title');
  r = await putDocument((m, d) => { d.plans.push({ ...d.plans[0], code: 'copy' }); });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.details.some((d) => /^plans\[\d+\]\.title$/.test(d.field) && /is the title of another plan/.test(d.message)), r.text);
});

test('every form that takes a display code refuses one with "/" and a title with a tab, and stores nothing', async () => {
  const plan = ids.plan;
  const pillar = plan.pillars[0], theme = pillar.themes.find((t) => t.code) || pillar.themes[0];
  const kpi = (await measure()).kpis[0];
  const forms = [`/plans/${ids.planId}/edit`, `/pillars/${pillar.id}/edit`, `/themes/${theme.id}/edit`,
    `/measures/${ids.measureId}/edit`, `/kpis/${kpi.id}/edit`];
  const before = (await api(srv.url, `/api/v1/orgs/${ORG}/document`)).text;
  for (const path of forms) {
    let r = await postForm(path, { code: 'A/B' });
    assert.equal(r.status, 422, `${path}: a code with "/" → ${r.status}`);
    assert.match(r.text, /「\/」は使えません/, `${path} says why`);
    const title = path.startsWith('/kpis') ? 'name' : 'title';
    r = await postForm(path, { [title]: 'a\tb' });
    assert.equal(r.status, 422, `${path}: a ${title} with a tab → ${r.status}`);
    assert.match(r.text, /改行・タブなどの制御文字を含めずに1行で入力してください。/, `${path} says why`);
  }
  assert.equal((await api(srv.url, `/api/v1/orgs/${ORG}/document`)).text, before, 'nothing was stored');
});
