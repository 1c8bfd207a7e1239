'use strict';
// The pages work with JavaScript turned off (SPEC §4.2): forms post and redirect on their own,
// signing in included: 窓口担当課 (demo-reporter) signs in through the form, adds a KPI value to its
// 書かない窓口, edits it and searches the draft plan.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, withQuery, demoIds } = require('../lib/server');
const { startServerAndBrowser, submitAndWait, signIn } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ javaScriptEnabled: false }));
  ids = await demoIds(srv.url);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

test('JavaScript is really off in this context', async () => {
  const page = await br.context.newPage();
  try {
    await page.goto(srv.url + '/');
    await page.setContent('<p id="p">off</p><script>document.getElementById("p").textContent = "on"</script>');
    assert.equal(await page.locator('#p').textContent(), 'off');
  } finally {
    await page.close();
  }
});

// the tests after this one work signed in
test('without JavaScript, signing in through the form works and returns to the page', async () => {
  const page = await br.context.newPage();
  try {
    const resp = await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
    assert.equal(new URL(page.url()).pathname, `/kpis/${ids.kpiId}`, 'anonymous: the KPI as published, at its own address');
    assert.equal(resp.status(), 200);
    assert.equal(await page.getByLabel('基準日').count(), 0, 'anonymous: no form');
    await signIn(page, srv, 'reporter', { next: `/kpis/${ids.kpiId}` });
    assert.equal(new URL(page.url()).pathname, `/kpis/${ids.kpiId}`);
    assert.match(await page.locator('header').innerText(), /デモ報告者/);
  } finally {
    await page.close();
  }
});

test('without JavaScript, a measurement is added through the KPI form', async () => {
  const page = await br.context.newPage();
  try {
    const before = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json.measurements.length;
    await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
    await page.getByLabel('基準日').fill('2025-03-31');
    await page.getByLabel('値', { exact: true }).fill('１２．５');     // full-width digits, as people type them
    await page.getByLabel('備考').fill('JavaScriptなしで追加');
    const resp = await submitAndWait(page, () => page.getByRole('button', { name: '追加する' }).click());
    assert.equal(resp.status(), 303);
    const rows = await page.$$eval('#measurement-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    assert.ok(rows.some((r) => r[0] === '2025-03-31' && r[1] === '12.5' && r[2] === 'JavaScriptなしで追加'),
      `the new row is in the table: ${JSON.stringify(rows)}`);
    const k = (await api(srv.url, `/api/v1/kpis/${ids.kpiId}`)).json;
    assert.equal(k.measurements.length, before + 1);
    assert.equal(k.derived.latest, 12.5);
    assert.equal(await page.locator('figure.chart svg circle.actual-point').count(), k.measurements.length, 'the chart is drawn server-side');
  } finally {
    await page.close();
  }
});

test('without JavaScript, an invalid value shows the error next to the field', async () => {
  const page = await br.context.newPage();
  try {
    await page.goto(`${srv.url}/kpis/${ids.kpiId}`);
    await page.getByLabel('基準日').fill('2025-06-30');
    await page.getByLabel('値', { exact: true }).fill('abc');
    const resp = await submitAndWait(page, () => page.getByRole('button', { name: '追加する' }).click());
    assert.equal(resp.status(), 422);
    assert.equal(await page.locator('input[name="value"]').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.locator('#value-error').isVisible());
  } finally {
    await page.close();
  }
});

test('without JavaScript, the measure edit form saves and search works', async () => {
  const page = await br.context.newPage();
  try {
    await page.goto(`${srv.url}/measures/${ids.measureId}/edit`);
    // the reporter writes the content: 現状 and a progress item in a spare row (no script adds rows)
    assert.equal(await page.getByLabel('理想', { exact: true }).count(), 0, 'the office\'s fields are not offered');
    await page.getByLabel('現状', { exact: true }).fill('JavaScriptなしで編集した現状');
    const rows = Number(await page.locator('input[name="progress-rows"]').getAttribute('value'));
    assert.equal(await page.getByRole('button', { name: '行を追加' }).count(), 0, 'no script, no add-row button');
    await page.locator(`input[name="progress-fy-${rows - 1}"]`).fill('令和7年度');
    await page.locator(`textarea[name="progress-items-${rows - 1}"]`).fill('JavaScriptなしで追加した進捗');
    assert.equal((await submitAndWait(page, () => page.getByRole('button', { name: '保存する' }).click())).status(), 303);
    assert.equal(new URL(page.url()).pathname, `/measures/${ids.measureId}`);
    const sheet = await page.locator('main').innerText();
    assert.ok(sheet.includes('JavaScriptなしで編集した現状'));
    assert.ok(sheet.includes('JavaScriptなしで追加した進捗'));
    await page.goto(`${srv.url}/plans/${ids.planId}`);
    await page.getByRole('searchbox').fill('窓口');
    await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('button', { name: '検索', exact: true }).click()]);
    assert.ok(await page.getByRole('link', { name: '書かない窓口', exact: true }).isVisible());
    assert.equal(page.url(), srv.url + withQuery(`/plans/${ids.planId}/search`, { q: '窓口' }));
  } finally {
    await page.close();
  }
});
