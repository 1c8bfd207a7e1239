'use strict';
// The workload pages in Chromium (issue 14 points 1 and 4): as the demo office, a survey CSV of
// two departments of 江津市 is uploaded through /orgs/322075/workload/import and the workload
// page shows the baseline hours this test computes from its own CSV (Σ volume × minutes ÷ 60),
// the same figure as the API; a later year's survey shows as realised hours and the year
// selector (a GET form) switches years; a CP932 file with an error is refused whole, naming its
// line, and changes nothing; the pages pass axe-core, fit a 375 px screen without sideways page
// scroll (tables scroll in their own region) and work with JavaScript off; 印西市, which has only
// its goal, is told that it has no survey yet and that the survey is the office's to make.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { api } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, runAxe, formatViolations, submitAndWait, useRole, signIn } =
  require('../lib/browser');

let srv;
let br;
before(async () => {
  // bypassCSP lets axe's injected script run (the CSP itself is tested in tests/api/headers.test.js)
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function withPage(who, fn) {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, who);
    return await fn(page);
  } finally {
    await page.close();
  }
}

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(where, violations));
}

const HEADER = '課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考';
// [department, business code, name, volume, [[step, minutes, staff, channel]…]]
const SURVEY = [
  ['madoguchi', 'A01', '住民票の写しの交付', 12000, [[1, 5, '正規職員', '窓口'], [2, 3, '会計年度任用職員', '庁内'], [3, 2, '正規職員', '窓口']]],
  ['madoguchi', 'A02', '印鑑登録', 1500, [[1, 7.5, '正規職員', '窓口'], [2, 4, '委託', '庁内']]],
  ['shimin-seikatsu', 'C01', '転入届の受付', 2400, [[1, 12, '正規職員', '窓口'], [2, 6.5, '会計年度任用職員', '庁内']]],
];
const csvOf = (survey, fy) => [HEADER, ...survey.flatMap(([d, code, name, volume, steps]) =>
  steps.map(([n, min, staff, ch]) => `${d},${fy},${code},${name},"${volume.toLocaleString('en')}",${n},手順${n},${min},${staff},${ch},○,,,,,`))].join('\r\n') + '\r\n';
const hoursOf = (survey) => survey.reduce((t, [, , , volume, steps]) => t + steps.reduce((s, st) => s + volume * st[1] / 60, 0), 0);
/** The page's figure "12,345.5" as a number. */
const figure = async (page, sel) => Number((await page.locator(sel).innerText()).replace(/,/g, ''));

async function upload(page, name, buffer) {
  await page.goto(`${srv.url}/orgs/322075/workload/import`);
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  return submitAndWait(page, () => page.getByRole('button', { name: '取り込む' }).click());
}

test('印西市 has its goal only: the page says there is no survey yet and who makes it', () => withPage('admin', async (page) => {
  const resp = await page.goto(`${srv.url}/orgs/122319/workload`);
  assert.equal(resp.status(), 200);
  const text = await page.locator('#no-survey').innerText();
  assert.match(text, /まだ業務量調査（業務棚卸し）がありません/);
  assert.match(text, /事務局/);
  assert.match(await page.locator('#goal-text').innerText(), /30% 削減/);
  assert.ok(await page.locator('a[href="/orgs/122319/workload/survey.csv"]').count(), 'the template link');
  assert.ok(await page.locator('a[href="/orgs/122319/workload/import"]').count(), 'the upload link for the office and admins');
  await assertNoAxeViolations(page, 'workload page without a survey');
}));

test('the office uploads two departments: the page shows the baseline hours the CSV makes', () => withPage('office', async (page) => {
  await page.goto(`${srv.url}/orgs/322075/workload/import`);
  await assertNoAxeViolations(page, 'upload form');
  const resp = await upload(page, '業務棚卸し.csv', Buffer.from('\ufeff' + csvOf(SURVEY, '令和6年度')));
  assert.equal(resp.status(), 303, 'Post, Redirect, Get');
  const url = new URL(page.url());
  assert.equal(url.pathname, '/orgs/322075/workload');
  assert.equal(url.searchParams.get('fy'), '2024');
  assert.match(await page.locator('#import-result').innerText(), /取り込みました.*課：2、業務：3件、手順：7件/);
  const expected = Math.round(hoursOf(SURVEY) * 10) / 10;
  assert.equal(await figure(page, '#baseline-hours'), expected);
  assert.equal((await api(srv.url, '/api/v1/orgs/322075/workload')).json.baseline_hours, hoursOf(SURVEY), 'the API agrees');
  const depts = await page.locator('#by-dept-table tbody th').allInnerTexts();
  assert.deepEqual(depts, ['窓口担当課', '市民生活課']);
  const pareto = await page.locator('#pareto-table tbody th').allInnerTexts();
  assert.deepEqual(pareto, ['住民票の写しの交付', '転入届の受付', '印鑑登録'], 'most hours first');
  assert.match(await page.locator('#pareto-table tbody tr:last-child').innerText(), /100%/);
  assert.equal(await page.locator('figure.chart svg[role="img"] rect').count(), 3, 'a bar per business');
  assert.match(await page.locator('#print-context').innerText(), /江津市/);
  assert.match(await page.locator('#print-date').innerText(), /\d{4}年\d{1,2}月\d{1,2}日/);
  assert.match(await page.locator('#by-staff-table').innerText(), /会計年度任用職員/, 'staff types in words');
  await assertNoAxeViolations(page, 'workload page');
}));

test('a CP932 file with an error is refused whole, naming its line; nothing changes', () => withPage('office', async (page) => {
  const before = (await api(srv.url, '/api/v1/orgs/322075/workload')).json;
  const changed = SURVEY.map((b) => [...b]);
  changed[0][3] = 99999;                                  // would change the hours if anything were written
  let csv = csvOf(changed, '2024').split('\r\n');
  csv[2] = csv[2].replace('会計年度任用職員', '臨時職員');   // line 3: not a staff type
  const cp932 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932'], { input: csv.join('\r\n') });
  assert.ok(!cp932.equals(Buffer.from(csv.join('\r\n'))), 'the bytes are CP932');
  const resp = await upload(page, 'sjis.csv', cp932);
  assert.equal(resp.status(), 422);
  const items = await page.locator('#import-errors li').allInnerTexts();
  assert.equal(items.length, 1, items.join('\n'));
  assert.match(items[0], /^3行目：担い手：/);
  assert.match(items[0], /臨時職員/, 'the CP932 text was read right');
  assert.equal(await page.locator('#file').getAttribute('aria-invalid'), 'true');
  await assertNoAxeViolations(page, 'upload form with errors');
  const after = (await api(srv.url, '/api/v1/orgs/322075/workload')).json;
  assert.deepEqual(after, before, 'nothing was imported');
  // in English, the same line in English
  await page.goto(`${srv.url}/orgs/322075/workload/import?lang=en`);
  await page.locator('#file').setInputFiles({ name: 'sjis.csv', mimeType: 'text/csv', buffer: cp932 });
  await submitAndWait(page, () => page.getByRole('button', { name: 'Import' }).click());
  assert.match((await page.locator('#import-errors li').allInnerTexts())[0], /^line 3: /);
  await page.goto(`${srv.url}/orgs/322075/workload/import?lang=ja`);     // the language is kept in a cookie
}));

test('a later survey is the realised hours, and the year selector switches years', () => withPage('office', async (page) => {
  const later = SURVEY.map((b) => [...b]);
  later[0][3] = 9000;                                     // 住民票: 12,000 → 9,000 cases
  const resp = await upload(page, 'r7.csv', Buffer.from(csvOf(later, 'R7')));
  assert.equal(resp.status(), 303);
  await page.goto(`${srv.url}/orgs/322075/workload`);
  assert.equal(await figure(page, '#baseline-hours'), Math.round(hoursOf(SURVEY) * 10) / 10, 'the first survey is the baseline');
  assert.equal(await figure(page, '#realised-hours'), Math.round(hoursOf(later) * 10) / 10);
  const pct = (1 - hoursOf(later) / hoursOf(SURVEY)) * 100;
  assert.match(await page.locator('#realised-reduction').innerText(), new RegExp(`^${(Math.round(pct * 10) / 10)}% 削減`));
  await page.locator('#fy').selectOption('2025');
  await page.getByRole('button', { name: '表示' }).click();
  await page.waitForURL(/fy=2025/);
  assert.equal(await figure(page, '#baseline-hours'), Math.round(hoursOf(later) * 10) / 10);
}));

test('at 375 px the pages do not scroll sideways but in their tables', () => withPage('office', async (page) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const p of ['/orgs/322075/workload', '/orgs/322075/workload/import', '/orgs/122319/workload']) {
    await page.goto(srv.url + p);
    const o = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.table-scroll')) continue;
        if (el.getBoundingClientRect().right > width + 1) out.push(el.tagName);
      }
      return { scroll: document.documentElement.scrollWidth, width, out };
    });
    assert.ok(o.scroll <= o.width && !o.out.length, `${p}: ${o.scroll} px on ${o.width}: ${o.out.slice(0, 5).join(', ')}`);
  }
  await page.goto(`${srv.url}/orgs/322075/workload`);
  await page.screenshot({ path: '/tmp/workload-375.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '/tmp/workload-1280.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: '/tmp/workload-print.png', fullPage: true });
}));

test('without JavaScript: the upload form posts and the year selector works', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    await signIn(page, srv, 'office', { next: '/orgs/322075/workload' });
    assert.equal(new URL(page.url()).pathname, '/orgs/322075/workload');
    await page.locator('#fy').selectOption('2024');
    await Promise.all([page.waitForURL(/fy=2024/), page.getByRole('button', { name: '表示' }).click()]);
    assert.equal(await figure(page, '#baseline-hours'), Math.round(hoursOf(SURVEY) * 10) / 10);
    const resp = await upload(page, 'again.csv', Buffer.from(csvOf(SURVEY, '2024')));
    assert.equal(resp.status(), 303);
    assert.match(await page.locator('#import-result').innerText(), /取り込みました/);
  } finally {
    await nojs.close();
  }
});
