'use strict';
// A department's workload inventory through the API (issue 14 point 1): GET and PUT
// /api/v1/departments/{id}/inventory?fy=. The demo reporter (窓口担当課) replaces its department's
// inventory and reads it back with ids and hours, which this test computes from its own figures
// (Σ volume × minutes ÷ 60, by staff type); a second PUT keeps every id; the reporter gets 403 on
// another department and a viewer on any; bad staff, channel or minutes are 422 naming the path,
// read-only members 400, and change nothing; a business whose step has a means applied cannot be
// removed (409 naming the means) and nothing changes; each PUT writes one audit entry. A reporter
// may upload its own department's survey on /orgs/{code}/workload/import; a file with another
// department's rows is refused whole (403, naming the line) and changes nothing.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api } = require('../lib/server');

let srv;
let mine;          // 窓口担当課: the demo reporter's department
let other;         // 税務課

const sql = (q) => {
  return srv.sqlRows(q);
};

before(async () => {
  srv = await startServer();
  const depts = sql("SELECT d.id, d.code, d.name FROM department d JOIN org o ON o.id = d.org_id WHERE o.code = '322075'");
  mine = depts.find((d) => d.code === 'madoguchi');
  other = depts.find((d) => d.name === '税務課');
  assert.ok(mine && other);
});
after(() => srv && srv.stop());

const FY = 2031;      // a year of its own: the demo and other tests leave it alone
const url = (dept, fy = FY) => `/api/v1/departments/${dept.id}/inventory?fy=${fy}`;

const body = () => ({
  businesses: [
    { code: 'A01', name: '住民票の写しの交付', volume: 12000, note: 'コンビニ交付を除く',
      steps: [
        { number: 1, name: '申請書の受付', minutes: 5, staff: 'regular', channel: 'counter', flags: ['paper', 'in_person'] },
        { number: 2, name: 'システム入力', minutes: 3, staff: 'fiscal_year', channel: 'internal', flags: ['transcription'] },
        { number: 3, name: '交付', minutes: 2.5, staff: 'regular', channel: 'counter', flags: [] },
      ] },
    { code: 'A02', name: '印鑑登録', volume: 1500,
      steps: [
        { number: 1, name: '受付', minutes: 7.5, staff: 'regular', channel: 'counter', flags: ['seal', 'in_person'] },
        { number: 2, name: '登録', minutes: 4, staff: 'outsourced', channel: 'internal', flags: ['approval'] },
      ] },
  ],
});

/** Hours of a business as this test computes them: total and by staff type. */
function hoursOf(b) {
  const by = { regular: 0, fiscal_year: 0, outsourced: 0 };
  for (const s of b.steps) by[s.staff] += b.volume * s.minutes / 60;
  return { total: by.regular + by.fiscal_year + by.outsourced, by };
}

/** The inventory as a PUT takes it: without ids and hours. */
const writable = (inv) => ({
  businesses: inv.businesses.map(({ id, hours, hours_by_staff, ...b }) => ({
    ...b, steps: b.steps.map(({ id: stepId, ...s }) => s),
  })),
});

const audits = () => sql(`SELECT * FROM audit WHERE entity = 'survey' AND entity_id = ${mine.id} ORDER BY id`);

test('a reporter PUTs its department\'s inventory and reads it back with ids and hours', async () => {
  const empty = await api(srv.url, url(mine), { as: 'reporter' });
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.json, { department: { id: mine.id, code: 'madoguchi', name: '窓口担当課' }, survey_fy: FY, businesses: [] });

  const before = audits().length;
  const put = await api(srv.url, url(mine), { method: 'PUT', body: body(), as: 'reporter' });
  assert.equal(put.status, 200, put.text);
  assert.equal(audits().length, before + 1, 'one audit entry');
  const entry = audits().at(-1);
  assert.equal(entry.action, 'edit');
  assert.equal(JSON.parse(entry.after_json).businesses.length, 2);
  assert.equal(entry.actor, srv.users.reporter.login);

  const got = await api(srv.url, url(mine), { as: 'viewer' });
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, put.json, 'the PUT answers what GET reads');
  assert.equal(got.json.survey_fy, FY);
  const want = body();
  assert.deepEqual(writable(got.json), want);
  for (const [i, b] of got.json.businesses.entries()) {
    const h = hoursOf(want.businesses[i]);
    assert.ok(Math.abs(b.hours - h.total) < 1e-9, `${b.code}: ${b.hours} hours, expected ${h.total}`);
    for (const k of Object.keys(h.by)) assert.ok(Math.abs(b.hours_by_staff[k] - h.by[k]) < 1e-9, `${b.code} ${k}`);
    assert.ok(b.id > 0 && b.steps.every((s) => s.id > 0));
  }
  assert.equal(got.json.businesses[0].hours, 12000 * 10.5 / 60);

  // the same inventory again, one step's minutes changed and a step added: every id stays
  const again = writable(got.json);
  again.businesses[1].steps[0].minutes = 10;
  again.businesses[1].steps.push({ number: 3, name: '交付', minutes: 1, staff: 'regular', channel: 'counter', flags: [] });
  const put2 = await api(srv.url, url(mine), { method: 'PUT', body: again, as: 'reporter' });
  assert.equal(put2.status, 200, put2.text);
  const ids = (inv) => inv.businesses.flatMap((b) => [b.id, ...b.steps.map((s) => s.id)]);
  assert.deepEqual(ids(put2.json).slice(0, 7), ids(got.json));
  assert.equal(put2.json.businesses[1].hours, 1500 * (10 + 4 + 1) / 60);
});

test('a reporter may not PUT another department\'s inventory, nor a viewer any; others read it', async () => {
  for (const [as, dept] of [['reporter', other], ['viewer', mine], ['viewer', other]]) {
    const r = await api(srv.url, url(dept), { method: 'PUT', body: body(), as });
    assert.equal(r.status, 403, `${as} on ${dept.code}: ${r.text}`);
  }
  assert.equal((await api(srv.url, url(other), { as: 'reporter' })).status, 200, 'members read every department');
  assert.equal((await api(srv.url, url(mine), { as: null })).status, 401);
  const office = await api(srv.url, url(other), { method: 'PUT', body: body(), as: 'office' });
  assert.equal(office.status, 200, office.text);
  assert.deepEqual(writable(office.json), body());
});

test('bad input: 422 naming the path (400 for read-only members), and nothing changes', async () => {
  const stored = (await api(srv.url, url(mine))).json;
  const n = audits().length;
  const cases = [
    [(b) => { b.businesses[0].steps[1].staff = 'intern'; }, 422, 'businesses[0].steps[1].staff'],
    [(b) => { b.businesses[1].steps[0].channel = '窓口'; }, 422, 'businesses[1].steps[0].channel'],
    [(b) => { b.businesses[0].steps[2].minutes = -1; }, 422, 'businesses[0].steps[2].minutes'],
    [(b) => { b.businesses[0].steps[2].minutes = '5'; }, 422, 'businesses[0].steps[2].minutes'],
    [(b) => { b.businesses[0].steps[0].flags = ['paper', 'stamp']; }, 422, 'businesses[0].steps[0].flags[1]'],
    [(b) => { b.businesses[1].steps[1].number = 1; }, 422, 'businesses[1].steps[1].number'],
    [(b) => { b.businesses[1].code = 'A01'; }, 422, 'businesses[1].code'],
    [(b) => { b.businesses[1].steps = []; }, 422, 'businesses[1].steps'],
    [(b) => { b.businesses[0].volume = null; }, 422, 'businesses[0].volume'],
    [(b) => { b.businesses[0].id = 1; }, 400, 'businesses[0].id'],
    [(b) => { b.businesses[0].hours = 1; }, 400, 'businesses[0].hours'],
    [(b) => { b.survey_fy = FY; }, 400, 'survey_fy'],
  ];
  for (const [change, status, field] of cases) {
    const b = body();
    change(b);
    const r = await api(srv.url, url(mine), { method: 'PUT', body: b, as: 'reporter' });
    assert.equal(r.status, status, `${field}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
  }
  const noFy = await api(srv.url, `/api/v1/departments/${mine.id}/inventory`, { method: 'PUT', body: body(), as: 'reporter' });
  assert.equal(noFy.status, 400, 'a PUT names its survey year');
  assert.deepEqual((await api(srv.url, url(mine))).json, stored, 'nothing changed');
  assert.equal(audits().length, n, 'no audit entry');
});

test('removing a business whose step has a means applied is refused (409 naming the means), nothing changes', async () => {
  const stored = (await api(srv.url, url(mine))).json;
  const means = await api(srv.url, '/api/v1/orgs/322075/means', { method: 'POST', body: { name: '電子申請の試験', reduction: 40 }, as: 'office' });
  assert.equal(means.status, 201, means.text);
  const step = stored.businesses[1].steps[0];
  const app = await api(srv.url, `/api/v1/steps/${step.id}/applications`, { method: 'POST', body: { means_id: means.json.id }, as: 'office' });
  assert.equal(app.status, 201, app.text);
  const n = audits().length;

  const without = writable(stored);
  without.businesses.pop();                                   // A02 goes, with the step the means is applied to
  const r = await api(srv.url, url(mine), { method: 'PUT', body: without, as: 'reporter' });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /電子申請の試験/);
  assert.match(r.json.error.message, /A02/);
  assert.deepEqual((await api(srv.url, url(mine))).json, stored, 'nothing changed');
  assert.equal(audits().length, n);

  // the page's remove button is refused the same way, naming the means, and changes nothing
  const s = await srv.session('reporter');
  const form = new URLSearchParams({ csrf: s.csrf, fy: String(FY), business: String(stored.businesses[1].id) });
  const page = await fetch(`${srv.url}/departments/${mine.id}/inventory/remove`, {
    method: 'POST', body: form, headers: { Cookie: s.cookie }, redirect: 'manual',
  });
  assert.equal(page.status, 409);
  assert.match(await page.text(), /電子申請の試験/);
  assert.deepEqual((await api(srv.url, url(mine))).json, stored, 'nothing changed');

  // the step kept, the business stays: its other steps may change, the means stays applied
  const kept = writable(stored);
  kept.businesses[1].steps[1].minutes = 6;
  const ok = await api(srv.url, url(mine), { method: 'PUT', body: kept, as: 'reporter' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.businesses[1].steps[0].id, step.id);
  assert.equal(sql(`SELECT count(*) AS n FROM means_application WHERE step_id = ${step.id}`)[0].n, 1);
});

// ---- a reporter's upload of its own department's survey

const HEADER = '課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考';

async function upload(csv, as) {
  const s = await srv.session(as);
  const form = new FormData();
  form.append('csrf', s.csrf);
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'survey.csv');
  const res = await fetch(`${srv.url}/orgs/322075/workload/import`, {
    method: 'POST', body: form, headers: { Cookie: s.cookie }, redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

const businesses = (dept, fy) => sql(`SELECT code, name, volume FROM business WHERE department_id = ${dept.id} AND survey_fy = ${fy} ORDER BY position`);

test('a reporter uploads its own department\'s survey; a file with another department\'s rows is refused whole', async () => {
  const own = [HEADER, 'madoguchi,2032,U01,窓口の案内,4000,1,案内,2,会計年度任用職員,窓口,,,○,,',
    'madoguchi,2032,U01,窓口の案内,4000,2,記録,1,会計年度任用職員,庁内,,,,○,'].join('\r\n') + '\r\n';
  const ok = await upload(own, 'reporter');
  assert.equal(ok.status, 303, ok.text.slice(0, 500));
  assert.deepEqual(businesses(mine, 2032), [{ code: 'U01', name: '窓口の案内', volume: 4000 }]);

  const n = sql("SELECT count(*) AS n FROM audit WHERE entity = 'survey'")[0].n;
  const mixed = [HEADER, 'madoguchi,2033,U02,届出,100,1,受付,3,正規職員,窓口,,,,,',
    `${other.code},2033,Z01,証明,200,1,受付,4,正規職員,窓口,,,,,`].join('\r\n') + '\r\n';
  const refused = await upload(mixed, 'reporter');
  assert.equal(refused.status, 403);
  assert.match(refused.text, /3行目から/);
  assert.match(refused.text, new RegExp(`課「${other.code}」`));
  assert.deepEqual(businesses(mine, 2033), [], 'nothing imported, not even the own department\'s rows');
  assert.deepEqual(businesses(other, 2033), []);
  assert.equal(sql("SELECT count(*) AS n FROM audit WHERE entity = 'survey'")[0].n, n);

  // the office imports the same file; a viewer may not upload at all
  assert.equal((await upload(mixed, 'office')).status, 303);
  assert.equal(businesses(other, 2033).length, 1);
  assert.equal((await upload(own, 'viewer')).status, 403);
  const page = await api(srv.url, '/orgs/322075/workload/import', { as: 'reporter' });
  assert.equal(page.status, 200);
  assert.match(page.text, /窓口担当課/);
});
