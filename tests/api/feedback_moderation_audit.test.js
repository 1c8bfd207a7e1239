'use strict';
// Opinion moderation through the API is audited as the signed-in user (issue 13 point 12): an
// office user moderates a citizen's opinion with POST /api/v1/feedback/{id}/moderation; the
// audit entry of that decision names the user as its actor (via "api"), and the opinion names
// the user as its moderator and answerer; a second office user's decision is audited under its
// own name. Before, the API recorded every decision under the actor "api".
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let base;                              // /api/v1/plans/{id}/published/measures/{key}/feedback
before(async () => {
  srv = await startServer();
  const ids = await demoIds(srv.url);
  let code;
  for (const pi of ids.plan.pillars)
    for (const t of pi.themes)
      for (const m of t.measures) if (m.id === ids.measureId) code = m.code;
  base = `/api/v1/plans/${ids.planId}/published/measures/${encodeURIComponent(code)}/feedback`;
});
after(() => srv && srv.stop());

/** The audit entries of opinion id, oldest first (read as the admin). */
async function auditOf(id) {
  const r = await api(srv.url, `/api/v1/audit?entity=feedback&id=${id}`, { as: 'admin' });
  assert.equal(r.status, 200, r.text);
  return r.json.items.slice().sort((a, b) => a.id - b.id);
}

test('a decision through the API is audited, and the opinion moderated, as the signed-in user', async () => {
  const sent = await api(srv.url, base, { method: 'POST', body: { text: '窓口の案内が分かりやすくなりました。' }, as: null });
  assert.equal(sent.status, 201, sent.text);
  const id = sent.json.id;
  const office = srv.users.office.login;
  const mod = await api(srv.url, `/api/v1/feedback/${id}/moderation`,
    { method: 'POST', body: { decision: 'publish', answer: 'ありがとうございます。' }, as: 'office' });
  assert.equal(mod.status, 200, mod.text);
  assert.equal(mod.json.moderated_by, office);
  assert.equal(mod.json.answered_by, office);
  const decided = (await auditOf(id)).filter((e) => e.action === 'publish');
  assert.equal(decided.length, 1);
  assert.equal(decided[0].actor, office);
  assert.equal(decided[0].via, 'api');

  // another office user of the organisation: its own name
  const other = srv.addUser({ login: 'moderator-two', role: 'office' });
  const session = await srv.signIn(other.login, other.password);
  const again = await api(srv.url, `/api/v1/feedback/${id}/moderation`, { method: 'POST', body: { decision: 'reject' }, as: session });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.moderated_by, 'moderator-two');
  const rejected = (await auditOf(id)).filter((e) => e.action === 'reject');
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0].actor, 'moderator-two');
  assert.equal(rejected[0].via, 'api');
});
