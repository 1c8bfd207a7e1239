'use strict';
// In Chromium, the office edits 江津市's logic model at /plans/{id}/logic-model/edit (issue 14
// point 5), reached from the plan's page. With JavaScript off: a node is added in 活動 and linked to 書かない窓口, an arrow
// drawn from it to an outcome, its text changed on its own page (an empty text is refused at its
// field, 422, nothing saved), and it is deleted with its arrow — each step checked through the
// API. With JavaScript on: the same forms answer without leaving the page, and a node is edited
// in its place in the list. axe-core finds nothing on the editor and on a node's page; a reporter
// gets 403; screenshots at 1366 and 375 px (no sideways scroll) in /tmp/shots.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { api, demoIds } = require('../lib/server');
const {
  startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn,
} = require('../lib/browser');

let srv;
let br;
let ids;
let editor;
let measure;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  editor = `${srv.url}/plans/${ids.planId}/logic-model/edit`;
  measure = ids.plan.pillars[0].themes[0].measures[0];
  fs.mkdirSync('/tmp/shots', { recursive: true });
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const model = async () => (await api(srv.url, `/api/v1/plans/${ids.planId}/logic-model`, { as: 'office' })).json;
const byText = (lm, text) => lm.nodes.find((n) => n.text === text);

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

test('without JavaScript: add a node linked to a measure, draw an arrow, edit it, delete it', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await signIn(page, srv, 'office');
    await page.goto(`${srv.url}/plans/${ids.planId}`);
    await page.getByRole('link', { name: 'ロジックモデルの編集' }).click();    // the plan's page leads to it
    await page.waitForURL(editor);
    assert.equal(await page.locator('h1').innerText(), 'ロジックモデルの編集');
    const before = await model();
    const form = page.locator('#add-node');
    await form.getByLabel('列', { exact: true }).selectOption({ label: '活動' });
    await form.getByLabel('内容').fill('窓口で申請書を書かずに済む仕組みを作る');
    await form.getByLabel('だれに・どこに').fill('来庁する市民');
    await form.locator('summary', { hasText: '結びつける施策' }).click();
    await form.getByLabel(`${measure.code} ${measure.title}`, { exact: true }).check();
    let resp = await submitAndWait(page, () => form.getByRole('button', { name: '要素を追加する' }).click());
    assert.equal(resp.status(), 303);
    assert.match(page.url(), /\/logic-model\/edit\?saved=node-n\d+#node-n\d+$/);
    assert.match(await page.locator('[role=status]').innerText(), /保存しました/);
    let lm = await model();
    assert.equal(lm.nodes.length, before.nodes.length + 1);
    const added = byText(lm, '窓口で申請書を書かずに済む仕組みを作る');
    assert.ok(added, 'the node is stored');
    assert.equal(added.column, 'activity');
    assert.equal(added.target_group, '来庁する市民');
    assert.deepEqual(added.measure_ids, [measure.id]);
    assert.match(await page.locator(`#node-${added.key}`).innerText(), new RegExp(`施策・KPI：${measure.code}`));

    // an arrow from it to the first short-term outcome
    const outcome = lm.nodes.find((n) => n.column === 'outcome_short');
    const edges = page.locator('#edges');
    await edges.getByLabel('矢印の元（原因）').selectOption({ label: '活動：窓口で申請書を書かずに済む仕組みを作る' });
    await edges.getByLabel('矢印の先（結果）').selectOption(outcome.key);
    resp = await submitAndWait(page, () => edges.getByRole('button', { name: '矢印を追加する' }).click());
    assert.equal(resp.status(), 303);
    lm = await model();
    assert.equal(lm.edges.length, before.edges.length + 1);
    // (a save stores the model anew: its nodes are known by their keys, their ids are new ones)
    const byKey = (key) => lm.nodes.find((n) => n.key === key).id;
    assert.ok(lm.edges.some((e) => e.from === byKey(added.key) && e.to === byKey(outcome.key)));
    // the same arrow again is refused at its field, nothing saved
    await page.locator('#edges').getByLabel('矢印の元（原因）').selectOption(added.key);
    await page.locator('#edges').getByLabel('矢印の先（結果）').selectOption(outcome.key);
    resp = await submitAndWait(page, () => page.locator('#edges').getByRole('button', { name: '矢印を追加する' }).click());
    assert.equal(resp.status(), 422);
    assert.match(await page.locator('#edges .field-error').innerText(), /すでにあります/);
    assert.equal((await model()).edges.length, lm.edges.length);

    // its own page: the text changed; an empty text refused
    await page.goto(editor);
    await page.getByRole('link', { name: '「窓口で申請書を書かずに済む仕組みを作る」を編集' }).click();
    assert.equal(await page.locator('h1').innerText(), '要素の編集');
    assert.match(await page.locator('.hint', { hasText: '矢印' }).innerText(), /矢印1本も削除されます/);
    await page.getByLabel('内容').fill('');
    resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
    assert.equal(resp.status(), 422);
    assert.equal(await page.getByLabel('内容').getAttribute('aria-invalid'), 'true');
    assert.ok(byText(await model(), '窓口で申請書を書かずに済む仕組みを作る'), 'nothing changed');
    await page.getByLabel('内容').fill('書かない窓口の仕組みを作る');
    resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
    assert.equal(resp.status(), 303);
    lm = await model();
    const edited = byText(lm, '書かない窓口の仕組みを作る');
    assert.ok(edited);
    assert.equal(edited.key, added.key, 'the key stays');
    assert.deepEqual(edited.measure_ids, [measure.id], 'its links stay');

    // deleted, with its arrow
    resp = await submitAndWait(page, () =>
      page.getByRole('button', { name: '削除する（矢印も削除）：書かない窓口の仕組みを作る' }).click());
    assert.equal(resp.status(), 303);
    lm = await model();
    assert.equal(lm.nodes.length, before.nodes.length);
    assert.equal(lm.edges.length, before.edges.length);
    assert.ok(!byText(lm, '書かない窓口の仕組みを作る'));
    await page.close();
  } finally {
    await nojs.close();
  }
});

test('with JavaScript the forms answer in place, and a node is edited in the list', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(editor);
  await page.evaluate(() => { window.stayed = true; });
  const form = page.locator('#add-node');
  await form.getByLabel('列', { exact: true }).selectOption('impact');
  await form.getByLabel('内容').fill('すぐに追加したインパクト');
  await form.getByRole('button', { name: '要素を追加する' }).click();
  await page.locator('.lm-node', { hasText: 'すぐに追加したインパクト' }).waitFor();
  assert.equal(await page.evaluate(() => window.stayed), true, 'no page load');
  const node = byText(await model(), 'すぐに追加したインパクト');
  assert.equal(node.column, 'impact');
  // edited in its place
  const item = page.locator(`#node-${node.key}`);
  await item.getByRole('link', { name: /を編集$/ }).click();
  await item.getByLabel('内容').fill('すぐに直したインパクト');
  await item.getByRole('button', { name: '保存する' }).click();
  await page.locator('.lm-node', { hasText: 'すぐに直したインパクト' }).waitFor();
  assert.equal(await page.evaluate(() => window.stayed), true, 'no page load');
  assert.ok(byText(await model(), 'すぐに直したインパクト'));
  // an error comes back in place too
  await page.locator('#add-node').getByLabel('内容').fill('列のない要素');
  await page.locator('#add-node').getByRole('button', { name: '要素を追加する' }).click();
  await page.locator('#add-node .error-summary').waitFor();
  assert.equal(await page.locator('#add-node').getByLabel('列', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => window.stayed), true, 'no page load');
  // deleted in place
  await page.getByRole('button', { name: '削除する（矢印も削除）：すぐに直したインパクト' }).click();
  await page.locator('.lm-node', { hasText: 'すぐに直したインパクト' }).waitFor({ state: 'detached' });
  assert.ok(!byText(await model(), 'すぐに直したインパクト'));
  await page.close();
});

test('axe-core finds nothing; a reporter is refused; usable at 1366 and 375 px', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(editor);
  await assertNoAxeViolations(page, 'logic model editor');
  const key = (await model()).nodes[0].key;
  await page.goto(`${srv.url}/plans/${ids.planId}/logic-model/nodes/${key}`);
  await assertNoAxeViolations(page, 'a node\'s page');
  for (const [width, name] of [[1366, 'logic-edit-1366'], [375, 'logic-edit-375']]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(editor);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `the editor does not scroll sideways at ${width} px (${scroll})`);
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
  }
  await page.goto(`${srv.url}/plans/${ids.planId}/logic-model/nodes/${key}`);
  await page.screenshot({ path: '/tmp/shots/logic-node-375.png', fullPage: true });
  await useRole(page, srv, 'reporter');
  const r = await page.goto(editor);
  assert.equal(r.status(), 403);
  await page.close();
});

test('the document import preview lists a changed logic model in words', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const doc = (await api(srv.url, '/api/v1/orgs/322075/document', { as: 'office' })).json;
  const lm = doc.plans[0].logic_model;
  const n = lm.nodes.length, e = lm.edges.length;
  lm.nodes.push({ key: 'imported', column: 'impact', text: '取り込んだインパクト' });
  lm.edges.push({ from: lm.nodes[0].key, to: 'imported' });
  await page.goto(`${srv.url}/orgs/322075/document/import`);
  await page.locator('input[type="file"]').setInputFiles({
    name: '322075.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await submitAndWait(page, () => page.getByRole('button', { name: '変更内容を確認する' }).click());
  const row = await page.locator('#diff-table tbody tr', { hasText: 'ロジックモデル' }).innerText();
  assert.match(row, new RegExp(`ロジックモデル：要素${n}・矢印${e} → 要素${n + 1}・矢印${e + 1}（要素の追加1・削除0・変更0、矢印の追加1・削除0）`));
  assert.doesNotMatch(row, /logic_model|\{/, 'words, not JSON');
  await page.close();
});
