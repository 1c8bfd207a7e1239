'use strict';
// In Chromium, the office edits 江津市's plan and its structure (issue 12, point 2): the plan page
// links to the plan's form and to its structure (office only); the title is changed and a goal
// (業務量 30 % 減少, 2027年度) and a principle are added, and show on the plan page and in the API;
// a period with from > to shows its error at the field and saves nothing. On the structure page a
// pillar and a theme are added, a theme is moved to another pillar with its measures, a pillar is
// moved to the top, and a measure is added (landing on its edit page); deleting a pillar with
// themes or a theme with measures is refused in words and keeps it, empty ones are deleted. A
// pillar that holds its measures directly (a plan without a theme level) shows them without a
// theme row and takes new measures itself, but no themes. A reporter and a viewer get 403;
// 印西市's structure renders for its office; axe-core finds no violations; plain form posts work
// with JavaScript off; the pages are usable 375 px wide (screenshots in /tmp/shots).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { api, demoIds, orgCode } = require('../lib/server');
const {
  startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn,
} = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  fs.mkdirSync('/tmp/shots', { recursive: true });
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

const planApi = async () => (await api(srv.url, `/api/v1/plans/${ids.planId}`, { as: 'office' })).json;
const save = (page, name = '保存する') => submitAndWait(page, () => page.getByRole('button', { name, exact: true }).click());
const path = (page) => new URL(page.url()).pathname;

test('the plan page links to the plan form and the structure, for the office only', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  await page.getByRole('link', { name: '計画を編集', exact: true }).click();
  assert.equal(path(page), `/plans/${ids.planId}/edit`);
  assert.equal(await page.locator('h1').innerText(), '計画を編集');
  await page.goto(`${srv.url}/plans/${ids.planId}`);
  await page.getByRole('link', { name: '構成（柱・テーマ）を編集' }).click();
  assert.equal(path(page), `/plans/${ids.planId}/structure`);
  for (const role of ['reporter', 'viewer']) {
    await useRole(page, srv, role);
    await page.goto(`${srv.url}/plans/${ids.planId}`);
    assert.equal(await page.getByRole('link', { name: '計画を編集', exact: true }).count(), 0, role);
    assert.equal(await page.getByRole('link', { name: '構成（柱・テーマ）を編集' }).count(), 0, role);
  }
  await page.close();
});

test('the office changes the title and adds a goal and a principle: on the plan page and in the API', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/plans/${ids.planId}/edit`);
  await assertNoAxeViolations(page, 'plan form');
  assert.equal(await page.getByLabel('開始年度').inputValue(), '2022');
  await page.getByLabel('計画の名称').fill('スマートシティ江津推進構想アクションプラン（改訂版）');
  // a goal: 業務量 30 減 % 2027
  const goals = page.locator('fieldset#goals');
  await goals.getByLabel('1行目 目標', { exact: true }).fill('業務量');
  await goals.getByLabel('1行目 目標値').fill('３０');                 // full-width digits are read
  await goals.getByLabel('1行目 単位').fill('%');
  await goals.getByLabel('1行目 目標年度').fill('令和9年度');
  await goals.getByLabel('1行目 方向').selectOption({ label: '減らす' });
  await goals.getByLabel('1行目 備考').fill('2022年度比');
  // a principle, in a row added by the script (the two spare rows are left empty but one)
  const principles = page.locator('fieldset#principles');
  await principles.getByRole('button', { name: '行を追加' }).click();
  assert.equal(await principles.locator('input[name="principles-rows"]').inputValue(), '3');
  await principles.getByLabel('3行目 見出し').fill('できることから行動に移す');
  await principles.getByLabel('3行目 説明').fill('小さく始めて、\n広げます。');
  const resp = await save(page);
  assert.equal(resp.status(), 303);
  assert.equal(path(page), `/plans/${ids.planId}`);
  assert.equal(await page.locator('h1').innerText(), 'スマートシティ江津推進構想アクションプラン（改訂版）');
  assert.match(await page.locator('section[aria-labelledby="goals"]').innerText(), /業務量 30%[\s\S]*2022年度比/);
  assert.match(await page.locator('section[aria-labelledby="principles"]').innerText(), /できることから行動に移す/);
  const plan = await planApi();
  assert.equal(plan.title, 'スマートシティ江津推進構想アクションプラン（改訂版）');
  assert.deepEqual(plan.goals, [{ name: '業務量', unit: '%', direction: 'decrease', target: { value: 30, fy: 2027 }, note: '2022年度比' }]);
  assert.deepEqual(plan.principles, [{ title: 'できることから行動に移す', text: '小さく始めて、\n広げます。' }]);
  assert.equal(plan.period.from_fy, 2022);
  assert.equal(plan.kind, 'action_plan', 'fields not touched are kept');
  // the form shows what was saved
  await page.goto(`${srv.url}/plans/${ids.planId}/edit`);
  assert.equal(await page.locator('fieldset#goals').getByLabel('1行目 目標値').inputValue(), '30');
  assert.equal(await page.locator('fieldset#goals').getByLabel('1行目 方向').inputValue(), 'decrease');
  assert.equal(await page.locator('fieldset#principles').getByLabel('1行目 見出し').inputValue(), 'できることから行動に移す');
  await page.close();
});

test('a period from 2026 to 2022: the error is shown at the field and nothing is saved', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const before = await planApi();
  await page.goto(`${srv.url}/plans/${ids.planId}/edit`);
  await page.getByLabel('計画の名称').fill('保存されない名称');
  await page.getByLabel('開始年度').fill('2026');
  await page.getByLabel('終了年度').fill('2022');
  await page.locator('fieldset#goals').getByLabel('2行目 目標値').fill('10');   // a goal without a name
  const resp = await save(page);
  assert.equal(resp.status(), 422);
  assert.match(await page.locator('#error-summary').innerText(), /入力内容を確認してください/);
  assert.equal(await page.locator('#to_fy-error').innerText(), '終了年度は開始年度と同じか、それより後にしてください。');
  assert.equal(await page.getByLabel('終了年度').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('終了年度').inputValue(), '2022', 'what was typed is shown again');
  assert.match(await page.locator('#goals-error').innerText(), /2行目.*目標の名前を入力してください/);
  assert.equal(await page.locator('fieldset#goals').getByLabel('2行目 目標', { exact: true }).getAttribute('aria-invalid'), 'true');
  await assertNoAxeViolations(page, 'plan form with errors');
  assert.deepEqual(await planApi(), before, 'nothing changed');
  await page.close();
});

test('the structure: add a pillar and a theme, move a theme, reorder a pillar, add a measure', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/plans/${ids.planId}/structure`);
  await assertNoAxeViolations(page, 'structure page');
  assert.equal(await page.locator('main h2').count(), 3);
  const first = page.locator('#theme-' + ids.plan.pillars[0].themes[0].id);
  assert.match(await first.innerText(), /①\s+窓口改革（フロントヤード改革）\s+（施策 5件）/);
  assert.equal(await first.getAttribute('data-measures'), '5');

  // a pillar
  await page.getByRole('link', { name: '柱を追加' }).click();
  assert.equal(path(page), `/plans/${ids.planId}/pillars/new`);
  await assertNoAxeViolations(page, 'new pillar form');
  await page.getByLabel('柱の番号').fill('4');
  await page.getByLabel('柱の名称').fill('試験の柱');
  await page.getByLabel('施策例').fill('例その1\n\n例その2\n');
  let resp = await save(page, '追加する');
  assert.equal(resp.status(), 303);
  assert.equal(path(page), `/plans/${ids.planId}/structure`);
  let plan = await planApi();
  assert.deepEqual(plan.pillars.map((p) => p.code), ['1', '2', '3', '4']);
  const pillar = plan.pillars[3];
  assert.equal(pillar.title, '試験の柱');
  assert.deepEqual(pillar.examples, ['例その1', '例その2']);
  assert.match(await page.locator(`#pillar-${pillar.id}`).innerText(), /4\s+試験の柱/);

  // a theme in it
  await page.getByRole('link', { name: 'テーマを追加（4 試験の柱）' }).click();
  assert.equal(path(page), `/pillars/${pillar.id}/themes/new`);
  await page.getByLabel('テーマの番号（任意）').fill('①');
  await page.getByLabel('テーマの名称').fill('試験のテーマ');
  resp = await save(page, '追加する');
  assert.equal(resp.status(), 303);
  plan = await planApi();
  const theme = plan.pillars[3].themes[0];
  assert.equal(theme.title, '試験のテーマ');
  assert.match(await page.locator(`#theme-${theme.id}`).innerText(), /①\s+試験のテーマ\s+（施策 0件）/);

  // move ③ 情報発信 (3 measures) from pillar 1 to the new pillar
  const info = plan.pillars[0].themes.find((t) => t.title === '情報発信');
  await page.getByRole('link', { name: '編集（③ 情報発信）' }).click();
  assert.equal(path(page), `/themes/${info.id}/edit`);
  await assertNoAxeViolations(page, 'theme form');
  await page.getByLabel('属する柱').selectOption({ label: '4 試験の柱' });
  resp = await save(page);
  assert.equal(resp.status(), 303);
  plan = await planApi();
  assert.ok(!plan.pillars[0].themes.some((t) => t.id === info.id), 'gone from pillar 1');
  assert.deepEqual(plan.pillars[3].themes.map((t) => t.title), ['試験のテーマ', '情報発信'], 'last in the new pillar');
  assert.equal(plan.pillars[3].themes[1].measures.length, 3, 'with its measures');

  // the new pillar first
  await page.getByRole('link', { name: '柱を編集（4 試験の柱）' }).click();
  assert.equal(await page.getByLabel('順序').inputValue(), '4');
  await page.getByLabel('順序').fill('1');
  resp = await save(page);
  assert.equal(resp.status(), 303);
  plan = await planApi();
  assert.deepEqual(plan.pillars.map((p) => p.code), ['4', '1', '2', '3']);
  assert.match(await page.locator('main section.pillar h2').first().innerText(), /^4\s+試験の柱/);

  // a measure in the new theme: then its edit page
  await page.getByRole('link', { name: '施策を追加（① 試験のテーマ）' }).click();
  assert.equal(path(page), `/themes/${theme.id}/measures/new`);
  await assertNoAxeViolations(page, 'new measure form');
  await page.getByLabel('施策番号').fill('4-1-1');
  await page.getByLabel('施策', { exact: true }).fill('試験の施策');
  await page.getByLabel('主担当課').selectOption({ label: '窓口担当課' });
  resp = await save(page, '追加して続きを入力する');
  assert.equal(resp.status(), 303);
  const m = (await planApi()).pillars[0].themes[0].measures[0];
  assert.equal(m.title, '試験の施策');
  assert.deepEqual(m.departments, ['窓口担当課']);
  assert.equal(path(page), `/measures/${m.id}/edit`);
  assert.match(await page.locator('h1').innerText(), /試験の施策/);

  // the same code again in that theme: refused at the field
  await page.goto(`${srv.url}/themes/${theme.id}/measures/new`);
  await page.getByLabel('施策番号').fill('4-1-1');
  await page.getByLabel('施策', { exact: true }).fill('二つ目');
  await page.getByLabel('主担当課').selectOption({ label: '窓口担当課' });
  resp = await save(page, '追加して続きを入力する');
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator('#code-error').innerText(), 'この番号はすでに使われています。');
  await page.close();
});

test('deleting a pillar with themes or a theme with measures is refused in words; empty ones are deleted', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  const before = await planApi();
  const first = before.pillars.find((p) => p.code === '1');
  await page.goto(`${srv.url}/pillars/${first.id}/edit`);
  await assertNoAxeViolations(page, 'pillar form');
  let resp = await save(page, 'この柱を削除する');
  assert.equal(resp.status(), 409);
  assert.match(await page.locator('#error-summary').innerText(), /テーマがあるため、削除できません/);
  assert.doesNotMatch(await page.locator('main').innerText(), /still has|theme\(s\)/, 'no English store text');
  assert.deepEqual((await planApi()).pillars.map((p) => p.id), before.pillars.map((p) => p.id), 'nothing deleted');

  await page.goto(`${srv.url}/plans/${ids.planId}/pillars/new`);
  await page.getByLabel('柱の番号').fill('9');
  await page.getByLabel('柱の名称').fill('消す柱');
  await save(page, '追加する');
  const empty = (await planApi()).pillars.find((p) => p.code === '9');
  await page.goto(`${srv.url}/pillars/${empty.id}/edit`);
  resp = await save(page, 'この柱を削除する');
  assert.equal(resp.status(), 303);
  assert.equal(await page.getByRole('status').innerText(), '柱を削除しました。');
  assert.ok(!(await planApi()).pillars.some((p) => p.id === empty.id));

  // a theme with measures: refused in words; an empty one is deleted
  const withMeasures = (await planApi()).pillars.find((p) => p.code === '4').themes[0];   // ① 試験のテーマ
  assert.ok(withMeasures.measures.length > 0);
  await page.goto(`${srv.url}/themes/${withMeasures.id}/edit`);
  resp = await save(page, 'このテーマを削除する');
  assert.equal(resp.status(), 409);
  assert.match(await page.locator('#error-summary').innerText(), /施策があるため、削除できません/);
  assert.ok((await planApi()).pillars.some((p) => p.themes.some((t) => t.id === withMeasures.id)));
  await page.goto(`${srv.url}/pillars/${first.id}/themes/new`);
  await page.getByLabel('テーマの名称').fill('消すテーマ');
  assert.equal((await save(page, '追加する')).status(), 303);
  const gone = (await planApi()).pillars.find((p) => p.id === first.id).themes.find((t) => t.title === '消すテーマ');
  await page.goto(`${srv.url}/themes/${gone.id}/edit`);
  resp = await save(page, 'このテーマを削除する');
  assert.equal(resp.status(), 303);
  assert.equal(await page.getByRole('status').innerText(), 'テーマを削除しました。');
  assert.ok(!(await planApi()).pillars.some((p) => p.themes.some((t) => t.id === gone.id)));
  await page.close();
});

test('a reporter and a viewer get 403 on every page and post', async () => {
  const theme = ids.plan.pillars[0].themes[0].id;
  const pillar = ids.plan.pillars[0].id;
  const pages = [`/plans/${ids.planId}/edit`, `/plans/${ids.planId}/structure`, `/plans/${ids.planId}/pillars/new`,
    `/pillars/${pillar}/edit`, `/pillars/${pillar}/themes/new`, `/themes/${theme}/edit`, `/themes/${theme}/measures/new`];
  const before = await planApi();
  for (const as of ['reporter', 'viewer']) {
    const s = await srv.session(as);
    for (const p of pages) {
      const r = await api(srv.url, p, { as });
      assert.equal(r.status, 403, `GET ${p} as ${as}`);
      assert.match(r.text, /権限がありません/);
    }
    for (const p of [...pages.filter((x) => !x.endsWith('/structure')), `/pillars/${pillar}/delete`, `/themes/${theme}/delete`]) {
      const r = await api(srv.url, p, { method: 'POST', as, body: `title=x&code=x&csrf=${encodeURIComponent(s.csrf)}`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.equal(r.status, 403, `POST ${p} as ${as}`);
    }
  }
  assert.deepEqual(await planApi(), before, 'nothing changed');
  const page = await br.context.newPage();
  await useRole(page, srv, 'reporter');
  await page.goto(`${srv.url}/plans/${ids.planId}/edit`);
  assert.match(await page.locator('h1').innerText(), /権限がありません/);
  await page.close();
});

test('with JavaScript off, plain form posts save a theme and a plan goal', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await signIn(page, srv, 'office');
    const theme = (await planApi()).pillars.find((p) => p.code === '2').themes[1];   // ② 事務のペーパーレス化
    await page.goto(`${srv.url}/themes/${theme.id}/edit`);
    await page.getByLabel('テーマの名称').fill('事務のペーパーレス化（改）');
    await page.getByLabel('順序').fill('1');
    let resp = await save(page);
    assert.equal(resp.status(), 303);
    const pillar = (await planApi()).pillars.find((p) => p.code === '2');
    assert.equal(pillar.themes[0].id, theme.id);
    assert.equal(pillar.themes[0].title, '事務のペーパーレス化（改）');
    // no 行を追加 button without the script: the spare row after the saved goal takes a second one
    await page.goto(`${srv.url}/plans/${ids.planId}/edit`);
    const goals = page.locator('fieldset#goals');
    assert.equal(await goals.getByRole('button', { name: '行を追加' }).count(), 0);
    await goals.getByLabel('2行目 目標', { exact: true }).fill('残業時間');
    await goals.getByLabel('2行目 目標値').fill('約1,200.5');
    resp = await save(page);
    assert.equal(resp.status(), 303);
    const goalsNow = (await planApi()).goals;
    assert.equal(goalsNow.length, 2);
    assert.deepEqual(goalsNow[1], { name: '残業時間', target: { value: 1200.5 } });
    // position out of range: refused at the field
    await page.goto(`${srv.url}/themes/${theme.id}/edit`);
    await page.getByLabel('順序').fill('9');
    resp = await save(page);
    assert.equal(resp.status(), 422);
    assert.match(await page.locator('#position-error').innerText(), /1 から 4 までの整数/);
  } finally {
    await nojs.close();
  }
});

test("印西市's structure renders for its office", async () => {
  srv.addUser({ login: 'inzai-office', role: 'office', org: '122319' });
  const page = await br.context.newPage();
  await signIn(page, srv, { login: 'inzai-office', password: 'password-inzai-office' });
  const resp = await page.goto(`${srv.url}/plans/${ids.inzaiPlanId}/structure`);
  assert.equal(resp.status(), 200);
  const plan = (await api(srv.url, `/api/v1/plans/${ids.inzaiPlanId}`, { as: await srv.signIn('inzai-office', 'password-inzai-office') })).json;
  assert.equal(await page.locator('main section.pillar').count(), plan.pillars.length);
  assert.match(await page.locator('main section.pillar h2').first().innerText(), /^A\s+市民サービスの改善・向上/);
  const measures = plan.pillars.flatMap((p) => p.themes.flatMap((t) => t.measures)).length;
  const counted = await page.locator('main [data-measures]').evaluateAll((els) => els.map((e) => Number(e.dataset.measures)));
  assert.equal(counted.reduce((s, x) => s + x, 0), measures, 'every measure counted once');
  await assertNoAxeViolations(page, "印西市's structure");
  assert.equal((await page.goto(`${srv.url}/plans/${ids.planId}/structure`)).status(), 403, 'not 江津市\'s');
  await page.close();
});

test('a pillar that holds its measures directly: no theme row, and its measure goes to that pillar', async () => {
  // a plan without a theme level, as a document writes it (a pillar's own "measures")
  const code = orgCode('99990');
  const doc = { format: 'kawaru-plan/1', org: { code, name: '試験町' }, departments: [{ code: 'somu', name: '総務課' }],
    plans: [{ title: 'テーマのない計画', kind: 'strategy', pillars: [
      { code: 'A', title: '直下の柱', measures: [{ code: '1', title: '直下の施策', departments: ['総務課'] }] },
      { code: 'B', title: 'テーマのある柱', themes: [{ title: '主な施策', measures: [] }] }] }] };
  const put = await api(srv.url, `/api/v1/orgs/${code}/document`, { method: 'PUT', body: doc, as: 'admin' });
  assert.equal(put.status, 200, put.text);
  const planId = (await api(srv.url, `/api/v1/orgs/${code}/plans`, { as: 'admin' })).json.items[0].id;
  const get = async () => (await api(srv.url, `/api/v1/plans/${planId}`, { as: 'admin' })).json;
  const a = (await get()).pillars[0];
  const page = await br.context.newPage();
  await useRole(page, srv, 'admin');
  await page.goto(`${srv.url}/plans/${planId}/structure`);
  const section = page.locator(`section[aria-labelledby="pillar-${a.id}"]`);
  assert.match(await section.innerText(), /テーマを設けず、柱の下に直接施策を置いています。\s*（施策 1件）/);
  assert.equal(await section.locator('li[id^="theme-"]').count(), 0, 'no theme row');
  assert.equal(await section.getByRole('link', { name: /テーマを追加/ }).count(), 0, 'it takes no themes');
  await assertNoAxeViolations(page, 'structure with a pillar holding its measures');
  await section.getByRole('link', { name: '施策を追加（A 直下の柱）' }).click();
  assert.equal(path(page), `/themes/${a.theme_id}/measures/new`);
  assert.match(await page.locator('p.lead').innerText(), /^追加先：A 直下の柱$/);
  await page.getByLabel('施策番号').fill('2');
  await page.getByLabel('施策', { exact: true }).fill('直下の二つ目');
  await page.getByLabel('主担当課').selectOption({ label: '総務課' });
  const resp = await save(page, '追加して続きを入力する');
  assert.equal(resp.status(), 303);
  const after = (await get()).pillars[0];
  assert.deepEqual(after.measures.map((m) => m.title), ['直下の施策', '直下の二つ目'], 'under the pillar itself');
  assert.equal(after.themes, undefined);
  assert.equal(path(page), `/measures/${after.measures[1].id}/edit`);
  // neither edited as a theme, nor given themes, nor a place to move a theme to
  assert.equal((await api(srv.url, `/themes/${a.theme_id}/edit`, { as: 'admin' })).status, 404);
  const refused = await page.goto(`${srv.url}/pillars/${a.id}/themes/new`);
  assert.match(await page.locator('.error-summary').innerText(), /テーマは追加できません/);
  assert.equal(refused.status(), 200);
  const b = (await get()).pillars[1];
  await page.goto(`${srv.url}/themes/${b.themes[0].id}/edit`);
  assert.deepEqual(await page.getByLabel('属する柱').locator('option').allInnerTexts(), ['B テーマのある柱']);
  await page.close();
});

test('375 px wide: the plan form and the structure are usable (screenshots)', async () => {
  const page = await br.context.newPage();
  await useRole(page, srv, 'office');
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [p, name] of [[`/plans/${ids.planId}/edit`, 'plan_edit'], [`/plans/${ids.planId}/structure`, 'plan_structure'],
    [`/pillars/${ids.plan.pillars[0].id}/edit`, 'plan_pillar_edit']]) {
    await page.goto(srv.url + p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${p} scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  }
  await page.close();
});
