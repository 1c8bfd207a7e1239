'use strict';
// A quarter of the review cycle in the browser (issue 3): the office opens 2025 Q3 of 江津市's
// plan; two departments (窓口担当課 and 議会事務局) each write and submit their report, one
// with a KPI value; the office sends one back with a comment and the department resubmits; the
// office confirms both; the HQ records a decision; the office closes the period, which is then
// read-only. Every page on the way passes axe-core. Each step is done by whom it is for (issue 4),
// signed in through the form once each: the office is demo-office, 窓口担当課 demo-reporter,
// 議会事務局 a reporter user added for it, the HQ demo-viewer; 印西市's office a user of 印西市.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, assertAxeClean, submitAndWait, signIn, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
let periodUrl;
let gikai;                                    // a reporter of 議会事務局
let inzaiOffice;                              // the office of 印西市
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
  gikai = srv.addUser({ login: 'gikai-reporter', name: '議会事務局 担当', role: 'reporter', departments: ['gikai-jimukyoku'] });
  inzaiOffice = srv.addUser({ login: 'inzai-office', name: '印西市 事務局', role: 'office', org: '122319' });
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const axe = (name) => assertAxeClean(page, name);

/** The state shown in the period's table for a measure code. */
async function stateOf(code) {
  await page.goto(periodUrl);
  return (await page.locator(`#measure-table tr[data-measure="${code}"] td:nth-child(4)`).innerText()).trim();
}

test('the office opens 2025 Q3 from the plan page', async () => {
  await signIn(page, srv, 'office', { next: `/plans/${ids.planId}` });
  assert.equal(new URL(page.url()).pathname, `/plans/${ids.planId}`);
  await page.getByRole('link', { name: '四半期見直し' }).click();
  await axe('periods (none yet)');
  await page.locator('#fy').fill('令和7年度');
  await page.locator('#quarter').selectOption('3');
  await page.locator('#deadline').fill('2099-01-15');
  await submitAndWait(page, () => page.getByRole('button', { name: '見直しを開始する' }).click());
  assert.match(await page.locator('h1').innerText(), /2025年度（令和7年度） 第3四半期/);
  periodUrl = page.url();
  assert.equal(await page.locator('#measure-table tbody tr').count(), 30);
  await axe('period');
});

test('opening the same quarter again is refused next to the field', async () => {
  await page.goto(`${srv.url}/plans/${ids.planId}/periods`);
  await page.locator('#fy').fill('2025');
  await page.locator('#quarter').selectOption('3');
  await page.locator('#deadline').fill('2099-01-15');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '見直しを開始する' }).click());
  assert.equal(resp.status(), 422);
  assert.match(await page.locator('#quarter-error').innerText(), /すでに開始/);
  await axe('periods with an error');
});

test('窓口担当課 sees what it owes and submits 書かない窓口 with a KPI value', async () => {
  await useRole(page, srv, 'reporter');
  await page.goto(periodUrl);
  await page.getByRole('link', { name: '窓口担当課' }).first().click();
  assert.match(await page.locator('h1').innerText(), /窓口担当課/);
  await axe('my work');
  await page.getByRole('link', { name: '書かない窓口' }).click();
  await axe('report form');
  // submitting without a rating is refused next to the field, and nothing is kept
  await page.locator('#text').fill('窓口業務の**BPR**を実施した。');
  let resp = await submitAndWait(page, () => page.getByRole('button', { name: '提出する' }).click());
  assert.equal(resp.status(), 422);
  assert.ok(await page.locator('#rating-error').isVisible());
  await axe('report form with errors');
  await page.getByLabel('順調', { exact: true }).check();
  await page.locator('#text').fill('窓口業務の**BPR**を実施した。');
  await page.locator('#issues').fill('繁忙期の人員');
  await page.locator(`#kpi-${ids.kpiId}`).fill('２０');
  resp = await submitAndWait(page, () => page.getByRole('button', { name: '提出する' }).click());
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('[role=status]').innerText(), /提出しました/);
  assert.equal(await page.locator('.rendered strong').first().innerText(), 'BPR');   // Markdown rendered
  const kpi = await api(srv.url, `/api/v1/kpis/${ids.kpiId}`);
  assert.equal(kpi.json.measurements.find((m) => m.period === '2025-12-31').value, 20);
});

test('議会事務局 saves a draft, then submits', async () => {
  await useRole(page, srv, gikai);
  await page.goto(`${periodUrl}/measures/${ids.measureOf('2-2-1')}`);
  await page.getByLabel('やや遅れ').check();
  await page.locator('#text').fill('ペーパーレス会議を試行した。');
  await submitAndWait(page, () => page.getByRole('button', { name: '下書き保存' }).click());
  assert.match(await page.locator('[role=status]').innerText(), /下書き/);
  assert.equal(await stateOf('2-2-1'), '作成中');
  await page.goto(`${periodUrl}/measures/${ids.measureOf('2-2-1')}`);
  assert.equal(await page.locator('#text').inputValue(), 'ペーパーレス会議を試行した。');
  await submitAndWait(page, () => page.getByRole('button', { name: '提出する' }).click());
  assert.equal(await stateOf('2-2-1'), '提出済み');
});

test('the office sends one back with a comment; the department resubmits', async () => {
  await useRole(page, srv, 'office');
  await page.goto(`${periodUrl}/measures/${ids.measureOf('1-1-3')}`);
  await page.locator('#comment').fill('KPIの集計方法を書いてください。');
  await submitAndWait(page, () => page.getByRole('button', { name: '差し戻す' }).click());
  assert.equal(await stateOf('1-1-3'), '差戻し');
  await useRole(page, srv, 'reporter');
  await page.goto(`${periodUrl}/measures/${ids.measureOf('1-1-3')}`);
  assert.match(await page.locator('.notice.warn').innerText(), /KPIの集計方法/);
  await axe('report sent back');
  await page.locator('#text').fill('窓口業務の**BPR**を実施した。集計は窓口システムの記録による。');
  await submitAndWait(page, () => page.getByRole('button', { name: '提出する' }).click());
  assert.equal(await stateOf('1-1-3'), '提出済み');
});

test('the office confirms both; the HQ records a decision', async () => {
  await useRole(page, srv, 'office');
  for (const code of ['1-1-3', '2-2-1']) {
    await page.goto(`${periodUrl}/measures/${ids.measureOf(code)}`);
    await submitAndWait(page, () => page.getByRole('button', { name: '確認する' }).click());
    assert.equal(await stateOf(code), '確認済み');
  }
  await useRole(page, srv, 'viewer');
  await page.goto(`${periodUrl}/measures/${ids.measureOf('1-1-3')}`);
  await page.locator('#decision').selectOption('expand');
  await page.locator('#decision_note').fill('他の窓口にも広げる');
  await submitAndWait(page, () => page.getByRole('button', { name: '記録する' }).click());
  assert.match(await page.locator('main').innerText(), /本部の判断：拡大/);
  await axe('report confirmed with a decision');
  await page.goto(periodUrl);
  const row = page.locator('#department-table tr', { hasText: '窓口担当課' });
  assert.ok(Number(await row.locator('td').nth(4).innerText()) >= 1);     // confirmed column
});

test('the HQ pack lists the changes and the decision, and prints', async () => {
  await useRole(page, srv, 'viewer');
  await page.goto(periodUrl);
  await page.getByRole('link', { name: '本部会議資料' }).click();
  const changes = await page.locator('#changes-table').innerText();
  assert.match(changes, /書かない窓口[\s\S]*未評価\s+順調/);
  assert.match(changes, /市議会資料のペーパーレス化[\s\S]*やや遅れ/);
  const madoguchi = await page.locator(`#measure-${ids.measureOf('1-1-3')}`).innerText();
  assert.match(madoguchi, /拡大：他の窓口にも広げる/);
  assert.match(madoguchi, /課題\s+繁忙期の人員/);
  assert.match(await page.locator(`#measure-${ids.measureOf('2-2-1')}`).innerText(), /判断を求める/);  // やや遅れ is a problem level
  assert.equal(await page.locator('#unreported-table tbody tr').count(), 28);
  assert.ok(await page.getByRole('button', { name: '印刷する' }).isVisible());   // edit.js shows it
  await axe('HQ pack');
});

test('printed, the pack has the city, the meeting and page numbers on every A4 page, and no table wider than the page', async () => {
  const { execFileSync } = require('node:child_process');
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  // a title with a long unbroken word (no break opportunity in it) must wrap in its cell rather
  // than widen the table
  const long = 'GotsuSmartCityActionPlanDigitalApplicationServiceForResidentsAndBusinessesPhaseTwo2025'.repeat(2);
  const patched = await api(srv.url, `/api/v1/measures/${ids.measureOf('1-1-4')}`, { method: 'PATCH', body: { title: `電子申請 ${long}` } });
  assert.equal(patched.status, 200, patched.text);
  await page.reload();
  // A4 portrait, 12 mm margins each side: 186 mm printable, 703 CSS px
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  let over;
  try {
    over = await page.evaluate(() => {
      const body = document.body.getBoundingClientRect().right;
      return [...document.querySelectorAll('main table')]
        .filter((t) => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > body + 1 ||
          (t.parentElement.classList.contains('table-scroll') && t.parentElement.scrollWidth > t.parentElement.clientWidth + 1))
        .map((t) => `${t.id || t.className} ${t.scrollWidth}/${t.getBoundingClientRect().right}`);
    });
    assert.ok(await page.locator('.print-running').isVisible());
  } finally {
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  assert.deepEqual(over, [], 'tables wider than the printable width');
  const file = process.env.KAWARU_PACK_PDF || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-pack-')), 'pack.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true });
  const size = execFileSync('pdfinfo', [file]).toString().match(/Page size:\s+([\d.]+) x ([\d.]+)/);
  assert.ok(Math.abs(Number(size[1]) - 595) < 2 && Math.abs(Number(size[2]) - 842) < 2, `A4 portrait: ${size[0]}`);
  const pages = execFileSync('pdftotext', ['-layout', file, '-']).toString().split('\f').filter((x) => x.trim());
  assert.ok(pages.length >= 2, `pages: ${pages.length}`);
  pages.forEach((text, i) => {
    assert.match(text, /江津市/, `page ${i + 1} names the city`);
    assert.match(text, /第3四半期\s*推進本部会議資料/, `page ${i + 1} names the meeting and the quarter`);
    assert.match(text, new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\b`), `page ${i + 1} is numbered`);
    assert.match(text, /作成日（日本時間）：\d{4}年\d{1,2}月\d{1,2}日/, `page ${i + 1} is dated`);
  });
  const all = pages.join('\n');
  const flat = all.replace(/\s+/g, '');
  const pack = (await api(srv.url, `${new URL(periodUrl).pathname.replace('/periods/', '/api/v1/periods/')}/pack`)).json;
  const issues = pack.focus.filter((f) => f.issues).map((f) => f.issues);
  assert.ok(issues.includes('繁忙期の人員'), JSON.stringify(issues));
  for (const t of issues) assert.ok(flat.includes(t.replace(/\s+/g, '')), `課題 printed: ${t}`);
  assert.doesNotMatch(all, /\b[a-z]+_[a-z]+\b/, 'no internal code such as on_track in print');
});

test('closing asks first, saying what is still owed', async () => {
  await useRole(page, srv, 'office');
  await page.goto(periodUrl);
  await submitAndWait(page, () => page.getByRole('button', { name: 'この期間を締め切る' }).click());
  assert.match(await page.locator('h1').innerText(), /第3四半期を締め切りますか？/);
  assert.match(await page.locator('#close-counts').innerText(), /未提出 28件/);
  await axe('close question');
  await page.getByRole('link', { name: '戻る' }).click();
  assert.doesNotMatch(await page.locator('main').innerText(), /締め切られています/);  // nothing closed
});

test('the office closes the period; it is read-only', async () => {
  await useRole(page, srv, 'office');
  await page.goto(periodUrl);
  await submitAndWait(page, () => page.getByRole('button', { name: 'この期間を締め切る' }).click());
  await submitAndWait(page, () => page.getByRole('button', { name: '締め切る', exact: true }).click());
  assert.match(await page.locator('main').innerText(), /締め切られています/);
  await page.goto(`${periodUrl}/measures/${ids.measureOf('1-1-1')}`);
  assert.equal(await page.locator('#text').count(), 0);                   // no form any more
  assert.equal(await page.getByRole('button', { name: '提出する' }).count(), 0);
  await axe('closed period report');
  // a step posted anyway (by the office, with its session's CSRF token) is refused
  const csrf = await page.locator('header form[action="/logout"] input[name="csrf"]').inputValue();
  const resp = await page.request.post(`${periodUrl}/measures/${ids.measureOf('1-1-1')}`, {
    form: { csrf, action: 'submit', rating: 'on_track', text: 'late' }, maxRedirects: 0,
  });
  assert.equal(resp.status(), 409);
});

test('every write of the walk is in the audit log, with before and after', async () => {
  const log = async (q) => (await api(srv.url, `/api/v1/audit?${q}&limit=200`)).json;
  const reviews = await log('entity=measure_review');
  // 1-1-3: submit, send back, submit, confirm, decide; 2-2-1: save, submit, confirm
  const actions = reviews.items.map((e) => e.action).reverse();
  assert.deepEqual(actions, ['submit', 'save', 'submit', 'send_back', 'submit', 'confirm', 'confirm', 'decide']);
  // each step names who signed in to do it, through the pages
  const { office, reporter, viewer } = srv.users;
  assert.deepEqual(reviews.items.map((e) => `${e.actor} ${e.via}`).reverse(), [
    `${reporter.login} web`, `${gikai.login} web`, `${gikai.login} web`, `${office.login} web`,
    `${reporter.login} web`, `${office.login} web`, `${office.login} web`, `${viewer.login} web`]);
  for (const e of reviews.items) {
    assert.ok(e.after && e.after.state, JSON.stringify(e));
    if (!(e.action === 'submit' && e.before === null) && e.action !== 'save') assert.ok(e.before, JSON.stringify(e));
  }
  const periods = await log('entity=review_period');
  assert.deepEqual(periods.items.map((e) => e.action).reverse(), ['create', 'close']);
  assert.equal(periods.items[0].before.status, 'open');
  assert.equal(periods.items[0].after.status, 'closed');
  const kpi = await log('entity=kpi_measurement');
  assert.ok(kpi.items.some((e) => e.after && e.after.period === '2025-12-31' && e.after.value === 20));
});

test('the office sets 印西市 to letter grades, and a bad code is shown in its row', async () => {
  await useRole(page, srv, inzaiOffice);
  await page.goto(`${srv.url}/plans/${ids.inzaiPlanId}/rating-scale`);
  await axe('rating scale');
  await submitAndWait(page, () => page.getByRole('button', { name: 'A〜Dの4段階にする' }).click());
  assert.equal(await page.locator('input[name="label-0"]').inputValue(), 'A（順調）');
  assert.equal(await page.locator('input[name="problem-2"]').isChecked(), true);
  await page.locator('input[name="code-4"]').fill('E grade');
  await page.locator('input[name="label-4"]').fill('E（停止）');
  const resp = await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click());
  assert.equal(resp.status(), 422);
  assert.equal(await page.locator('#scale-table tbody tr.has-error input[name="code-4"]').count(), 1);
  await axe('rating scale with an error');
  const s = await api(srv.url, `/api/v1/plans/${ids.inzaiPlanId}/rating-scale`);
  assert.deepEqual(s.json.levels.map((l) => l.code), ['a', 'b', 'c', 'd']);       // nothing saved
});

test('opening a quarter whose deadline has passed warns first', async () => {
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/plans/${ids.planId}/periods`);
  await page.locator('#fy').fill('2025');
  await page.locator('#quarter').selectOption('4');
  await page.locator('#deadline').fill('2026-01-15');
  await submitAndWait(page, () => page.getByRole('button', { name: '見直しを開始する' }).click());
  assert.equal(await page.locator('h1').innerText(), '締切日 2026年1月15日 は過ぎています。このまま開きますか？');
  await axe('open question');
  const list = await api(srv.url, `/api/v1/plans/${ids.planId}/periods`);
  assert.equal(list.json.items.filter((p) => p.quarter === 4 && p.fy === 2025).length, 0);   // not yet
  await submitAndWait(page, () => page.getByRole('button', { name: 'このまま開く' }).click());
  assert.match(await page.locator('h1').innerText(), /2025年度（令和7年度） 第4四半期/);
});
