'use strict';
// Words, not codes (issue 15, points 6 and 7): every page type a role reaches from its home, in
// Japanese and in English, is read as a user reads it — its visible text, without tags — and must
// hold no internal code (on_track, sent_back, plan_version …), no JSON and no ISO timestamp
// (2026-12-04T14:43:53Z). The pages are found by following links from the home page, one page per
// shape of path (digits are ids), after a walk that leaves something on every page: a quarter
// with reports submitted, sent back, confirmed and decided, a measure edited, a version published.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds, visibleText } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
  const call = async (method, p, body, as, status) => {
    const r = await api(srv.url, p, { method, body, as });
    assert.equal(r.status, status, `${method} ${p}: ${r.text}`);
    return r.json;
  };
  const q = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2026, quarter: 2, deadline: '2026-10-15' }, 'office', 201);
  const review = (code) => `/api/v1/periods/${q.id}/measures/${ids.measureOf(code)}/review`;
  await call('PUT', review('1-1-3'), { rating: 'minor_delay', text: '窓口のBPRを実施', issues: '人員', next_steps: '様式統一',
    kpi_values: [{ kpi_id: ids.kpiId, value: 12 }], submit: true }, 'reporter', 200);
  await call('POST', `${review('1-1-3')}/send-back`, { comment: '根拠を書いてください' }, 'office', 200);
  await call('PUT', review('1-1-3'), { rating: 'minor_delay', text: '根拠：窓口集計', submit: true }, 'reporter', 200);
  await call('POST', `${review('1-1-3')}/confirm`, undefined, 'office', 200);
  await call('POST', `${review('1-1-3')}/decision`, { decision: 'revise', note: '人員配置を見直す' }, 'viewer', 200);
  await call('PUT', review('1-1-1'), { rating: 'on_track', text: '申請アプリを拡大', submit: true }, 'reporter', 200);
  await call('PATCH', `/api/v1/measures/${ids.measureId}`, { current: '現状の新しい文' }, 'office', 200);
  await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.3', date: '2026-04-01', notes: ['現状を更新'] }, 'office', 201);
});
after(async () => {
  if (srv) await srv.stop();
});

// Codes of the store, the API and the document that a screen must never show.
const CODES = /\b(on_track|minor_delay|major_delay|not_started|sent_back|at_risk|off_track|no_data|no_target|plan_version|measure_review|review_period|organization_wide|cross_department|people_culture|kpi_measurement|new_since_fy|office_comment|next_steps|decision_note|baseline_fy|target_fy)\b/;
// Japanese screens also name fields and actions in Japanese.
const CODES_JA = /\b(current|ideal|measurements|reviews|schedule|progress|publish|create|update|delete|submitted|confirmed|draft|missing)\b/;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d/;
const JSON_TEXT = /[{[]\s*"[a-z_]+"\s*:/;

/** The local links of a page that a GET may follow. */
function links(html) {
  const out = [];
  for (const m of html.matchAll(/<a\s[^>]*href="(\/[^"#]*)/g)) {
    const href = m[1].replace(/&amp;/g, '&');
    if (/^\/(api|static)\/|\/(logout|login)\b|\.(csv|json|svg|xlsx)\b|\/export\b|\/download\b|[?&]lang=/.test(href)) continue;
    out.push(href);
  }
  return out;
}

/** A path's shape: ids and codes of measures made one, so that each kind of page is read once. */
const shape = (href) => href.split('?')[0].replace(/\d+/g, 'N').replace(/\/(published\/measures|nodes)\/[^/]+/, '/$1/X');

async function scan(as, lang, limit = 90) {
  const seen = new Set();
  const queue = ['/'];
  const problems = [];
  let read = 0;
  while (queue.length && read < limit) {
    const href = queue.shift();
    const key = shape(href);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = await api(srv.url, href + (href.includes('?') ? '&' : '?') + `lang=${lang}`, { as });
    if (r.status !== 200 || !(r.headers.get('content-type') || '').startsWith('text/html')) continue;
    read++;
    const text = visibleText(r.text);
    for (const [what, re] of [['code', CODES], ['ISO time', ISO_TIME], ['JSON', JSON_TEXT]].concat(lang === 'ja' ? [['English code', CODES_JA]] : [])) {
      const m = re.exec(text);
      if (m) problems.push(`${href} (${lang}): ${what} "${m[0]}" in …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    }
    for (const l of links(r.text)) if (!seen.has(shape(l))) queue.push(l);
  }
  return { problems, read };
}

for (const as of [null, 'reporter', 'office', 'viewer', 'admin'])
  for (const lang of ['ja', 'en'])
    test(`every page ${as || 'the public'} reaches, in ${lang === 'ja' ? 'Japanese' : 'English'}, names things in words`, async () => {
      const { problems, read } = await scan(as, lang);
      assert.ok(read >= (as ? 12 : 6), `only ${read} pages read`);
      assert.deepEqual(problems, []);
    });
