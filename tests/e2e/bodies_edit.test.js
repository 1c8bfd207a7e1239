'use strict';
// Editing the promotion organisation in Chromium (issue 12, point 2), on 江津市 (322075), as the
// office: 推進体制に追加 adds a working group with topics and two members (one with a department),
// seen on /orgs/322075/bodies and in GET /api/v1/orgs/322075/bodies; a member's role is changed;
// a meeting that took up 書かない窓口 with a note is recorded and seen on the body's page and the
// meeting calendar; its minutes are edited; a bad date is shown at the field and nothing is saved;
// a body with meetings cannot be deleted (said in words) and is abolished instead; a body without
// them and a meeting are deleted after a second step (the deletion audited); rows are added with
// edit.js and a form posts without JavaScript; reporters and viewers get 403 and see no links;
// axe-core finds no violations; a 375 px screenshot is taken of each form.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
let bodyId;
let meetingId;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
  await useRole(page, srv, 'office');
  fs.mkdirSync('/tmp/shots', { recursive: true });
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function assertNoAxeViolations(where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

const bodies = async () => (await api(srv.url, '/api/v1/orgs/322075/bodies', { as: 'office' })).json.items;
const stored = async () => (await bodies()).find((b) => b.id === bodyId);
const save = () => submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());

async function shot(name) {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `${name}: the page is ${wide}px wide at 375px (only tables may scroll)`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('推進体制に追加: a working group with topics and two members', async () => {
  await page.goto(`${srv.url}/orgs/322075/bodies`);
  await page.getByRole('link', { name: '推進体制に追加' }).click();
  await page.waitForURL(/\/orgs\/322075\/bodies\/new$/);
  assert.match(await page.locator('h1').innerText(), /^会議体を追加/);
  await assertNoAxeViolations('the new body form');
  await page.getByLabel('名称', { exact: true }).fill('WG⑦（窓口改革）');
  await page.getByLabel('種別').selectOption({ label: 'ワーキンググループ' });
  await page.getByLabel('コード').fill('wg7');
  await page.getByLabel('説明').fill('窓口の手続きを見直すワーキンググループ');
  await page.getByLabel('人数').fill('5');
  await page.getByLabel('検討事項').fill('申請書の削減\n窓口のデジタル化\n');
  await page.locator('[name="member-name-0"]').fill('山田太郎');
  await page.locator('[name="member-role-0"]').fill('リーダー');
  await page.locator('[name="member-post-0"]').fill('課長');
  await page.locator('[name="member-dept-0"]').selectOption({ label: '窓口担当課' });
  await page.locator('[name="member-name-1"]').fill('佐藤花子');
  await page.locator('[name="member-role-1"]').fill('メンバー');
  await shot('body');
  const resp = await save();
  assert.equal(resp.status(), 303);
  assert.match(page.url(), /\/bodies\/\d+$/);
  bodyId = Number(page.url().match(/\/bodies\/(\d+)$/)[1]);
  assert.match(await page.locator('h1').innerText(), /WG⑦（窓口改革）\s*ワーキンググループ/);

  await page.goto(`${srv.url}/orgs/322075/bodies`);
  const section = page.locator('section.body', { has: page.getByRole('heading', { name: /WG⑦（窓口改革）/ }) });
  assert.match(await section.innerText(), /申請書の削減、窓口のデジタル化/);
  assert.match(await section.innerText(), /人数：5名/);
  const members = section.getByRole('table', { name: /メンバー/ });
  assert.equal(await members.getByRole('row', { name: /山田太郎\s+リーダー\s+課長\s+窓口担当課/ }).count(), 1);
  assert.equal(await members.getByRole('row', { name: /佐藤花子\s+メンバー/ }).count(), 1);
  assert.doesNotMatch(await section.innerText(), /working_group/, 'the kind in words');

  const b = await stored();
  assert.equal(b.code, 'wg7');
  assert.equal(b.kind, 'working_group');
  assert.equal(b.description, '窓口の手続きを見直すワーキンググループ');
  assert.equal(b.headcount, 5);
  assert.deepEqual(b.topics, ['申請書の削減', '窓口のデジタル化']);
  assert.deepEqual(b.members, [
    { name: '山田太郎', role: 'リーダー', post: '課長', department: '窓口担当課' },
    { name: '佐藤花子', role: 'メンバー' },
  ]);
});

test('a code in use and a member without a role are shown at their fields; nothing is saved', async () => {
  const before = await bodies();
  await page.goto(`${srv.url}/orgs/322075/bodies/new`);
  await page.getByLabel('名称', { exact: true }).fill('重複');
  await page.getByLabel('種別').selectOption({ label: '委員会' });
  await page.getByLabel('コード').fill('Bad Code');
  await page.getByLabel('人数').fill('たくさん');
  await page.locator('[name="member-name-0"]').fill('役割のない人');
  const resp = await save();
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#code-error').innerText(), /半角英小文字/);
  assert.match(await page.locator('#headcount-error').innerText(), /1 から 100000 までの整数/);
  assert.match(await page.locator('#member-error').innerText(), /1行目 役割を入力してください/);
  assert.equal(await page.locator('[name="member-role-0"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[name="member-name-0"]').inputValue(), '役割のない人', 'what was typed is kept');
  await assertNoAxeViolations('the body form with errors');
  await page.getByLabel('コード').fill('wg7');
  await page.getByLabel('人数').fill('');
  await page.locator('[name="member-role-0"]').fill('委員');
  const taken = await save();
  assert.equal(taken.status(), 409);
  assert.match(await page.locator('#code-error').innerText(), /すでに使われています/);
  assert.equal((await bodies()).length, before.length, 'nothing saved');
});

test('a member\'s role is changed, and a row is added with 行を追加', async () => {
  await page.goto(`${srv.url}/bodies/${bodyId}`);
  await page.getByRole('link', { name: '編集', exact: true }).first().click();
  await page.waitForURL(new RegExp(`/bodies/${bodyId}/edit$`));
  assert.equal(await page.locator('[name="member-role-1"]').inputValue(), 'メンバー');
  await page.locator('[name="member-role-1"]').fill('サブリーダー');
  // edit.js: two spare rows are there; a third is added without a round trip
  assert.equal(await page.locator('#member tbody tr').count(), 4);
  await page.locator('#member').getByRole('button', { name: '行を追加' }).click();
  assert.equal(await page.locator('#member tbody tr').count(), 5);
  await page.locator('[name="member-name-4"]').fill('鈴木一郎');
  await page.locator('[name="member-role-4"]').fill('オブザーバー');
  await assertNoAxeViolations('the body edit form');
  assert.equal((await save()).status(), 303);
  assert.match(await page.locator('main').innerText(), /佐藤花子\s+サブリーダー/);
  const b = await stored();
  assert.deepEqual(b.members.map((m) => [m.name, m.role]),
    [['山田太郎', 'リーダー'], ['佐藤花子', 'サブリーダー'], ['鈴木一郎', 'オブザーバー']]);
});

test('a body of 40 members is saved whole (a form of some 200 fields)', async () => {
  await page.goto(`${srv.url}/bodies/${bodyId}/edit`);
  const add = page.locator('#member').getByRole('button', { name: '行を追加' });
  let rows = await page.locator('#member tbody tr').count();
  while (rows < 42) { await add.click(); rows++; }
  for (let i = 3; i < 40; i++) {
    await page.locator(`[name="member-name-${i}"]`).fill(`委員${i}`);
    await page.locator(`[name="member-role-${i}"]`).fill('委員');
  }
  assert.equal((await save()).status(), 303);
  const b = await stored();
  assert.equal(b.members.length, 40);
  assert.equal(b.members[39].name, '委員39');
});

test('a bad date is shown at the field and saves nothing; then the meeting is recorded', async () => {
  // a second plan: the measures are grouped by plan in the select
  const post = async (p, body) => {
    const r = await api(srv.url, p, { method: 'POST', body, as: 'office' });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const plan = await post('/api/v1/orgs/322075/plans', { title: '江津市試験計画', kind: 'action_plan' });
  const pillar = await post(`/api/v1/plans/${plan}/pillars`, { code: '1', title: '試験の柱' });
  const theme = await post(`/api/v1/pillars/${pillar}/themes`, { title: '試験のテーマ' });
  await post(`/api/v1/themes/${theme}/measures`, { code: '9-9', title: '試験の施策', departments: ['窓口担当課'] });
  await page.goto(`${srv.url}/bodies/${bodyId}`);
  await page.getByRole('link', { name: '会議を追加' }).click();
  await page.waitForURL(new RegExp(`/bodies/${bodyId}/meetings/new$`));
  await assertNoAxeViolations('the new meeting form');
  await page.getByLabel('開催日').fill('2025-13-01');
  await page.getByLabel('会議名').fill('第1回WG⑦');
  await page.getByLabel('議題').fill('書かない窓口の進め方');
  const measure = page.locator('[name="mm-measure-0"]');
  assert.deepEqual(await measure.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.label)),
    [ids.plan.title, '江津市試験計画']);
  assert.equal(await measure.locator('optgroup[label="江津市試験計画"] option').innerText(), '9-9 試験の施策');
  assert.match(await measure.locator(`option[value="${ids.measureId}"]`).innerText(), /^\S+ 書かない窓口$/);
  await measure.selectOption(String(ids.measureId));
  await page.locator('[name="mm-note-0"]').fill('受付票を廃止する方針を決定');
  await shot('meeting');
  const bad = await save();
  assert.equal(bad.status(), 422);
  assert.equal(await page.locator('#date').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#date-error').innerText(), /YYYY-MM-DD/);
  assert.equal(await page.locator('#date').inputValue(), '2025-13-01');
  assert.equal(await page.locator('[name="mm-measure-0"]').inputValue(), String(ids.measureId), 'the rows are kept');
  assert.equal((await stored()).meetings, undefined, 'no meeting saved');
  await assertNoAxeViolations('the meeting form with an error');

  await page.getByLabel('開催日').fill('2025-05-20');
  const resp = await save();
  assert.equal(resp.status(), 303);
  assert.match(page.url(), new RegExp(`/bodies/${bodyId}#meeting-\\d+$`));
  const li = page.locator('li.meeting', { has: page.getByRole('heading', { name: /第1回WG⑦/ }) });
  assert.match(await li.innerText(), /2025-05-20/);
  assert.match(await li.innerText(), /関連する施策：\S+ 書かない窓口\s*（受付票を廃止する方針を決定）/);
  assert.equal(await li.getByRole('link', { name: /書かない窓口/ }).getAttribute('href'), `/measures/${ids.measureId}`);
  const m = (await stored()).meetings[0];
  meetingId = m.id;
  assert.equal(m.date, '2025-05-20');
  assert.equal(m.agenda, '書かない窓口の進め方');
  assert.deepEqual(m.measures.map((x) => [x.id, x.note]), [[ids.measureId, '受付票を廃止する方針を決定']]);

  await page.goto(`${srv.url}/orgs/322075/meetings?fy=2025`);
  const may = page.getByRole('table', { name: '2025年5月' });
  const row = may.getByRole('row', { name: /第1回WG⑦/ });
  assert.match(await row.innerText(), /2025-05-20\s+WG⑦（窓口改革）\s+第1回WG⑦[\s\S]*書かない窓口\s*（受付票を廃止する方針を決定）/);
});

test('the meeting\'s minutes are edited; a measure chosen twice is refused', async () => {
  await page.goto(`${srv.url}/bodies/${bodyId}`);
  await page.locator(`a[href="/meetings/${meetingId}/edit"]`).click();
  await page.waitForURL(new RegExp(`/meetings/${meetingId}/edit$`));
  assert.equal(await page.getByLabel('会議名').inputValue(), '第1回WG⑦');
  assert.equal(await page.locator('[name="mm-note-0"]').inputValue(), '受付票を廃止する方針を決定');
  await page.locator('[name="mm-measure-1"]').selectOption(String(ids.measureId));
  const twice = await save();
  assert.equal(twice.status(), 422);
  assert.match(await page.locator('#mm-error').innerText(), /2行目 同じ施策が二度選ばれています/);
  await page.locator('[name="mm-measure-1"]').selectOption('');
  await page.getByLabel('議事録').fill('受付票の廃止を確認した。\n次回は7月。');
  await assertNoAxeViolations('the meeting edit form');
  assert.equal((await save()).status(), 303);
  const li = page.locator('li.meeting', { has: page.getByRole('heading', { name: /第1回WG⑦/ }) });
  assert.match(await li.innerText(), /議事録：受付票の廃止を確認した。\n次回は7月。/);
  const m = (await stored()).meetings[0];
  assert.equal(m.minutes, '受付票の廃止を確認した。\n次回は7月。');
  assert.equal(m.measures.length, 1);
});

test('a body with meetings cannot be deleted: said in words, and 廃止 works instead', async () => {
  await page.goto(`${srv.url}/bodies/${bodyId}/edit`);
  const refused = await submitAndWait(page, () => page.getByRole('button', { name: 'この会議体を削除する' }).click());
  assert.equal(refused.status(), 409);
  const why = await page.locator('#delete-refused').innerText();
  assert.match(why, /履歴があるため削除できません。代わりに廃止してください。/);
  assert.match(why, /会議の記録が 1件 あります/);
  assert.equal(await page.getByRole('button', { name: /削除する（元に戻せません）/ }).count(), 0);
  await assertNoAxeViolations('the refused deletion');
  await shot('body-delete-refused');
  const abolished = await submitAndWait(page, () => page.getByRole('button', { name: '廃止する（記録は残ります）' }).click());
  assert.equal(abolished.status(), 303);
  assert.match(await page.locator('h1').innerText(), /WG⑦（窓口改革）[\s\S]*廃止/);
  const b = await stored();
  assert.equal(b.abolished, true);
  assert.equal(b.meetings.length, 1, 'the meeting is kept');
  await page.goto(`${srv.url}/orgs/322075/bodies`);
  assert.match(await page.getByRole('heading', { name: /WG⑦（窓口改革）/ }).innerText(), /廃止/);
});

test('a body without meetings and a meeting are deleted after a second step, and audited', async () => {
  const made = await api(srv.url, '/api/v1/orgs/322075/bodies', { method: 'POST', as: 'office',
    body: { code: 'tmp-body', name: '一時の会議体', kind: 'committee' } });
  assert.equal(made.status, 201, made.text);
  await page.goto(`${srv.url}/bodies/${made.json.id}/edit`);
  const ask = await submitAndWait(page, () => page.getByRole('button', { name: 'この会議体を削除する' }).click());
  assert.equal(ask.status(), 200);
  assert.ok((await bodies()).some((b) => b.id === made.json.id), 'the first step deletes nothing');
  await assertNoAxeViolations('the body deletion question');
  const gone = await submitAndWait(page, () => page.getByRole('button', { name: '削除する（元に戻せません）' }).click());
  assert.equal(gone.status(), 303);
  assert.match(page.url(), /\/orgs\/322075\/bodies$/);
  assert.ok(!(await bodies()).some((b) => b.id === made.json.id));

  const mt = await api(srv.url, `/api/v1/bodies/${bodyId}/meetings`, { method: 'POST', as: 'office',
    body: { date: '2025-07-01', title: '第2回WG⑦' } });
  assert.equal(mt.status, 201, mt.text);
  await page.goto(`${srv.url}/meetings/${mt.json.id}/edit`);
  const q = await submitAndWait(page, () => page.getByRole('button', { name: 'この会議を削除する' }).click());
  assert.equal(q.status(), 200);
  assert.match(await page.locator('main').innerText(), /第2回WG⑦[\s\S]*削除しますか/);
  assert.equal((await stored()).meetings.length, 2, 'the first step deletes nothing');
  await assertNoAxeViolations('the meeting deletion question');
  const del = await submitAndWait(page, () => page.getByRole('button', { name: '会議を削除する（元に戻せません）' }).click());
  assert.equal(del.status(), 303);
  assert.match(page.url(), new RegExp(`/bodies/${bodyId}#meetings$`));
  assert.deepEqual((await stored()).meetings.map((m) => m.title), ['第1回WG⑦']);
  const audit = await api(srv.url, `/api/v1/audit?entity=meeting&id=${mt.json.id}`, { as: 'admin' });
  assert.deepEqual(audit.json.items.map((e) => e.action).sort(), ['create', 'delete']);
  assert.equal(audit.json.items.find((e) => e.action === 'delete').via, 'web');
});

test('without JavaScript the meeting form posts as a plain form', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const p = await nojs.context.newPage();
    await signIn(p, srv, 'office');
    await p.goto(`${srv.url}/meetings/${meetingId}/edit`);
    assert.equal(await p.getByRole('button', { name: '行を追加' }).count(), 0, 'no script ran');
    await p.getByLabel('議題').fill('JavaScriptなしで更新');
    const resp = await submitAndWait(p, () => p.getByRole('button', { name: '保存する' }).click());
    assert.equal(resp.status(), 303);
    assert.match(await p.locator('main').innerText(), /議題：JavaScriptなしで更新/);
  } finally {
    await nojs.close();
  }
  assert.equal((await stored()).meetings[0].agenda, 'JavaScriptなしで更新');
});

test('a reporter and a viewer get 403 and see no editing links', async () => {
  for (const role of ['reporter', 'viewer']) {
    await useRole(page, srv, role);
    for (const p of [`/orgs/322075/bodies/new`, `/bodies/${bodyId}/edit`, `/bodies/${bodyId}/meetings/new`,
      `/meetings/${meetingId}/edit`]) {
      const resp = await page.goto(`${srv.url}${p}`);
      assert.equal(resp.status(), 403, `${role} ${p}`);
    }
    await page.goto(`${srv.url}/bodies/${bodyId}`);
    assert.equal(await page.getByRole('link', { name: '編集' }).count(), 0, role);
    assert.equal(await page.getByRole('link', { name: '会議を追加' }).count(), 0, role);
    await page.goto(`${srv.url}/orgs/322075/bodies`);
    assert.equal(await page.getByRole('link', { name: '推進体制に追加' }).count(), 0, role);
  }
  const reporter = await srv.session('reporter');        // a valid CSRF token: the role is what refuses
  const r = await api(srv.url, `/meetings/${meetingId}/delete`, { method: 'POST', as: reporter,
    body: `confirm=1&csrf=${encodeURIComponent(reporter.csrf)}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 403);
  assert.equal((await stored()).meetings.length, 1, 'nothing deleted');
  await useRole(page, srv, 'office');
});

test('the body page as the office, and the forms in English, pass axe-core', async () => {
  await page.goto(`${srv.url}/bodies/${bodyId}`);
  await assertNoAxeViolations('the body page with the office\'s links');
  await page.goto(`${srv.url}/bodies/${bodyId}/edit?lang=en`);
  assert.match(await page.locator('h1').innerText(), /^Edit the body/);
  assert.equal(await page.getByLabel('Kind').locator('option:checked').innerText(), 'Working group');
  await assertNoAxeViolations('the body edit form in English');
  await page.goto(`${srv.url}/meetings/${meetingId}/edit?lang=en`);
  await assertNoAxeViolations('the meeting edit form in English');
});
