'use strict';
// The response cache is keyed by the raw query string (issue 13, point 10; docs/security.md).
// "?q=窓口%26dept%3D会計課" is one parameter (a search for the text "窓口&dept=会計課") and
// "?q=窓口&dept=会計課" two (窓口, filtered to 会計課); decoded, both read "q=窓口&dept=会計課",
// and a cache keyed by that served whichever came first to the other: one anonymous request
// could choose what the public reads. Each form is asked anonymously, in both orders, and must
// get its own answer — the answer it gets when asked with an extra, unused parameter (another
// cache key, so computed afresh; pages echo it in their language link, which is taken out).
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

const anon = (p) => api(srv.url, p, { as: null });
const enc = encodeURIComponent;
let unused = 0;

/** Both forms of q and dept for path: [one parameter, two parameters]. */
const forms = (path, q, dept) => [`${path}?q=${enc(`${q}&dept=${dept}`)}`, `${path}?q=${enc(q)}&dept=${enc(dept)}`];

async function assertOwnAnswers(first, second) {
  const a = await anon(first);
  const b = await anon(second);
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  const fresh = async (p) => {
    const u = `unused=${++unused}`;                 // a key of its own under any keying
    return (await anon(`${p}&${u}`)).text.replace(`&amp;${u}`, '');
  };
  assert.equal(a.text, await fresh(first), `${first} was answered with another request's response`);
  assert.equal(b.text, await fresh(second), `${second} was answered with another request's response`);
  assert.notEqual(a.text, b.text, 'the two requests mean different things');
  assert.notEqual(a.headers.get('etag'), b.headers.get('etag'));
  return [a, b];
}

test('API search: ?q=窓口%26dept%3D会計課 and ?q=窓口&dept=会計課 each get their own answer, whichever comes first', async () => {
  const path = `/api/v1/plans/${ids.planId}/measures`;
  // the one-parameter form first…
  const [one, two] = forms(path, '窓口', '会計課');
  const [, filtered] = await assertOwnAnswers(one, two);
  assert.ok(filtered.json.total > 0, 'the filter finds measures of 会計課');
  for (const m of filtered.json.items) assert.ok(m.departments.includes('会計課'), `${m.title}: ${m.departments}`);
  // …and the two-parameter form first (another department, so neither is cached yet)
  const [one2, two2] = forms(path, '窓口', '政策企画課');
  const [literal2, filtered2] = await assertOwnAnswers(two2, one2).then(([x, y]) => [y, x]);
  assert.ok(filtered2.json.total > 0);
  for (const m of filtered2.json.items) assert.ok(m.departments.includes('政策企画課'), `${m.title}: ${m.departments}`);
  assert.notDeepEqual(literal2.json.items.map((m) => m.id), filtered2.json.items.map((m) => m.id));
});

test('search page: ?q=窓口%26x%3Dy shows the text 窓口&x=y, ?q=窓口&x=y shows 窓口, in both orders', async () => {
  const path = `/plans/${ids.planId}/search`;
  const literal = `${path}?q=${enc('窓口&x=y')}`;
  const split = `${path}?q=${enc('窓口')}&x=y`;
  const [l, s] = await assertOwnAnswers(literal, split);
  assert.match(l.text, /name="q"[^>]*value="窓口&amp;x=y"/);
  assert.match(s.text, /name="q"[^>]*value="窓口"/);
  const literal2 = `${path}?q=${enc('書かない&z=w')}`;
  const split2 = `${path}?q=${enc('書かない')}&z=w`;
  const [s2, l2] = await assertOwnAnswers(split2, literal2);
  assert.match(l2.text, /name="q"[^>]*value="書かない&amp;z=w"/);
  assert.match(s2.text, /name="q"[^>]*value="書かない"/);
});
