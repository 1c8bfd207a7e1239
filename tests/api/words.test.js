'use strict';
// Words, not codes (issue 15, point 6): after changes that leave audit rows and version
// differences — a measure's 現状 edited, a schedule item added, a review submitted and sent
// back, a version published — the screens that show them (the audit log, the compare page, the
// measure's history, the users page, the period page, the inbox) name fields, actions and states
// in words, in Japanese and in English: no internal code (on_track, sent_back, plan_version,
// current, …), no JSON, no ISO timestamp in the visible text; times in Japan time in one format.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds, visibleText } = require('../lib/server');

let srv;
let ids;
const pages = {};                  // name → path
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

async function call(method, p, body, status, as) {
  const r = await api(srv.url, p, { method, body, as });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}

const CODES = ['on_track', 'minor_delay', 'sent_back', 'submitted', 'confirmed', 'publish', 'plan_version',
  'measure_review', 'review_period', 'current', 'ideal', 'measurements', 'reviews', 'schedule', 'progress'];

// In English, "reviews", "progress" or "current" are also words of the prose ("measurements and
// quarterly reviews"): there only the codes no sentence has (those with "_") are looked for, and
// the English labels are asserted instead.
const codesOf = (lang) => (lang === 'ja' ? CODES : CODES.filter((c) => c.includes('_')));

/** Every problem of one page's visible text, with a little context around each. */
function problems(text, codes) {
  const found = [];
  const around = (i) => text.slice(Math.max(0, i - 40), i + 60);
  for (const m of text.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d/g)) found.push(`ISO time: …${around(m.index)}…`);
  for (const code of codes)
    for (const m of text.matchAll(new RegExp(`(?<![A-Za-z0-9_])${code}(?![A-Za-z0-9_])`, 'g')))
      found.push(`code ${code}: …${around(m.index)}…`);
  for (const m of text.matchAll(/\{"|\[\{/g)) found.push(`JSON: …${around(m.index)}…`);
  return found;
}

test('changes that leave audit rows and version differences', async () => {
  const before = await call('GET', `/api/v1/plans/${ids.planId}/versions`, undefined, 200);
  const from = before.items[0].id;
  const m = await call('GET', `/api/v1/measures/${ids.measureId}`, undefined, 200);
  await call('PATCH', `/api/v1/measures/${ids.measureId}`, {
    current: '窓口で申請書を三枚書いている',
    schedule: [...m.schedule, { fy: 2027, items: ['申請書の統合'] }],
  }, 200, 'office');
  const p = await call('POST', `/api/v1/plans/${ids.planId}/periods`, { fy: 2025, quarter: 3, deadline: '2025-12-31' }, 201, 'office');
  const review = `/api/v1/periods/${p.id}/measures/${ids.measureId}/review`;
  await call('PUT', review, { rating: 'minor_delay', text: '試行中', submit: true }, 200, 'reporter');
  await call('POST', `${review}/send-back`, { comment: '根拠を書いてください' }, 200, 'office');
  const v = await call('POST', `/api/v1/plans/${ids.planId}/versions`, { label: '1.3', date: '2026-04-01', notes: ['現状を更新'] }, 201, 'office');
  const org = await call('GET', '/api/v1/orgs/322075', undefined, 200);
  const dept = org.departments.find((d) => d.code === 'madoguchi');
  Object.assign(pages, {
    audit: '/audit',
    compare: `/plans/${ids.planId}/compare?from=${from}&to=${v.id}`,
    history: `/measures/${ids.measureId}/history`,
    users: '/admin/users',
    period: `/periods/${p.id}`,
    inbox: `/departments/${dept.id}/inbox`,
  });
});

for (const lang of ['ja', 'en']) {
  test(`in ${lang === 'ja' ? 'Japanese' : 'English'}, every page names things in words`, async () => {
    const texts = {};
    const found = [];
    for (const [name, p] of Object.entries(pages)) {
      const r = await api(srv.url, `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
      assert.equal(r.status, 200, `${name} ${p}: ${r.status}`);
      const text = visibleText(r.text);
      texts[name] = text;
      for (const f of problems(text, codesOf(lang))) found.push(`${name} ${p}: ${f}`);
    }
    assert.deepEqual(found, [], `codes, JSON or ISO times in ${lang}`);
    if (lang === 'ja') {
      assert.match(texts.audit, /差戻し/);
      assert.match(texts.audit, /状態 提出済み 差戻し/);
      assert.match(texts.audit, /現状/);
      assert.match(texts.audit, /計画の版/);
      assert.match(texts.audit, /追加：2027年度（令和9年度）：申請書の統合/);
      assert.match(texts.audit, /\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/);
      assert.match(texts.history, /現状/);
      assert.match(texts.history, /追加：2027年度（令和9年度）：申請書の統合/);
      assert.match(texts.compare, /現状/);
      assert.match(texts.compare, /追加：/);
      assert.match(texts.period, /差戻し (期限超過 )?(未提出（締切から\d+日） )?やや遅れ/);
      assert.match(texts.users, /窓口担当課/);
      assert.doesNotMatch(texts.users, /madoguchi/);
      assert.match(texts.audit, /担当 — 窓口担当課/);
      assert.match(texts.inbox, /\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/);
    } else {
      assert.match(texts.audit, /Sent back/);
      assert.match(texts.audit, /State Submitted Sent back/);
      assert.match(texts.audit, /Current state/);
      assert.match(texts.audit, /Plan version/);
      assert.match(texts.audit, /Added: FY2027 \(Reiwa 9\): 申請書の統合/);
      assert.match(texts.audit, /In charge — 窓口担当課/);
      assert.match(texts.history, /Current state/);
      assert.match(texts.compare, /Current state/);
      assert.match(texts.compare, /Added: /);
      assert.doesNotMatch(texts.compare, /\bschedule\b|\bcurrent\b/);
      assert.match(texts.audit, /\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d JST/);
      assert.match(texts.inbox, /\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d JST/);
    }
  });
}
