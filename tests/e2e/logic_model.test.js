'use strict';
// The logic model page (issue 14 point 5) in Chromium: the demo's 江津市 model drawn as SVG with
// all its nodes and edges, every node that names KPIs showing each KPI's latest value and status
// (the expected values computed here from GET /api/v1/kpis/{id}, not read from the page), axe-core
// clean, without JavaScript, at 375 px (the drawing scrolls in its own region), printed (the
// header names the city, the plan and the date in Japan time), in English, and for a plan
// without a logic model. Every KPI the model names first gets measurements, and a version is
// published, so that the public's page has values to show.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { api, demoIds } = require('../lib/server');
const { startServerAndBrowser, launchBrowser, runAxe, formatViolations, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
let lm;
const STATUS_JA = { no_data: 'データなし', on_track: '順調', at_risk: '要注意', off_track: '遅れ', achieved: '達成',
  undecided: '目標未決定', no_target: '目標なし' };
const COLUMNS_EN = ['Assumption', 'Input', 'Activity', 'Output', 'Short-term outcome', 'Long-term outcome', 'Impact'];
const COLUMNS_JA = ['前提条件', 'インプット', '活動', 'アウトプット', '初期アウトカム', '長期アウトカム', 'インパクト'];

before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));      // bypassCSP: axe is injected
  ids = await demoIds(srv.url);
  lm = (await api(srv.url, `/api/v1/plans/${ids.planId}/logic-model`)).json;
  const kpiIds = [...new Set(lm.nodes.flatMap((n) => n.kpi_ids))];
  assert.ok(kpiIds.length >= 10, `the demo model names ${kpiIds.length} KPIs`);
  for (const [i, id] of kpiIds.entries()) {
    const r = await api(srv.url, `/api/v1/kpis/${id}/measurements`, { method: 'POST', body: { measurements: [
      { period: '2024-03-31', value: i + 1 }, { period: '2025-03-31', value: 10.25 + i * 3 }] } });
    assert.equal(r.status, 201, r.text);
  }
  const v = await api(srv.url, `/api/v1/plans/${ids.planId}/versions`, { method: 'POST',
    body: { label: '1.3', date: '2026-04-01', notes: ['KPIの実績を追加'] } });
  assert.equal(v.status, 201, v.text);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const pagePath = () => `/plans/${ids.planId}/logic-model`;
/** A KPI figure as the pages write it: at most two decimals, no trailing zeros. */
const fmt = (v) => String(Math.round(v * 100) / 100);

/** Per node key, the words each of its KPIs must show: "最新値 12.5%" and the status, from the API as the public reads it. */
async function expectedKpis() {
  const out = {};
  for (const n of lm.nodes) {
    if (!n.kpi_ids.length) continue;
    out[n.key] = [];
    for (const id of n.kpi_ids) {
      const k = (await api(srv.url, `/api/v1/kpis/${id}`, { as: null })).json;
      assert.notEqual(k.derived.latest, null, `KPI ${id} has a latest value`);
      out[n.key].push({ value: `最新値 ${fmt(k.derived.latest)}${k.unit || ''}`, status: STATUS_JA[k.derived.status],
        period: k.derived.latest_period });
    }
  }
  return out;
}

async function open(page, who, p = pagePath()) {
  await useRole(page, srv, who);
  const resp = await page.goto(srv.url + p);
  assert.equal(resp.status(), 200, `${p}: HTTP ${resp.status()}`);
  return resp;
}

test('the public page draws every node and edge, and each KPI\'s latest value and status in the node that names it', async () => {
  const page = await br.context.newPage();
  try {
    await open(page, null);
    const svg = page.locator('svg.lm-svg');
    assert.equal(await svg.count(), 1);
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.equal(await page.locator('svg.lm-svg > title').textContent(), 'ロジックモデルの図');
    assert.match(await page.locator('svg.lm-svg > desc').textContent(), /ロジックモデルの一覧/);
    assert.equal(lm.nodes.length, 111);
    assert.equal(lm.edges.length, 133);
    assert.equal(await page.locator('svg .lm-node').count(), 111);
    assert.equal(await page.locator('svg path.lm-edge').count(), 133);
    assert.deepEqual(await page.locator('svg .lm-head-text').allTextContents(), COLUMNS_JA);
    const expected = await expectedKpis();
    assert.ok(Object.keys(expected).length >= 10);
    for (const [key, kpis] of Object.entries(expected)) {
      const box = (await page.locator(`svg .lm-node[data-key="${key}"] text`).allTextContents()).join('\n');
      const item = await page.locator(`.lm-outline li[data-key="${key}"]`).innerText();
      for (const k of kpis) {
        assert.ok(box.includes(k.value), `node ${key} draws ${k.value}: ${box}`);
        assert.ok(box.includes(k.status), `node ${key} draws the status ${k.status}: ${box}`);
        assert.ok(item.includes(`${k.value}（${k.period}）`), `the outline of ${key} says ${k.value}（${k.period}）: ${item}`);
        assert.ok(item.includes(k.status), `the outline of ${key} says ${k.status}`);
      }
    }
    // the node boxes link to the published measure sheets (the public reads the published version)
    const href = await page.locator('svg.lm-links a').first().getAttribute('href');
    assert.match(href, new RegExp(`^/plans/${ids.planId}/published/measures/`));
    // every node is in the outline, under its column, with what it leads to
    assert.equal(await page.locator('.lm-outline li[data-key]').count(), 111);
    const nextLinks = await page.locator('.lm-outline .lm-o-next a').count();
    assert.equal(nextLinks, 133);
  } finally {
    await page.close();
  }
});

test('axe-core finds no violation, for the public and for the office', async () => {
  for (const who of [null, 'office']) {
    const page = await br.context.newPage();
    try {
      await open(page, who);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(`logic model (${who || 'public'})`, violations));
    } finally {
      await page.close();
    }
  }
});

test('at 375 px the page does not reach past the screen: the drawing scrolls sideways in its own region', async () => {
  const page = await br.context.newPage();
  try {
    await page.setViewportSize({ width: 375, height: 800 });
    await open(page, null);
    const o = await page.evaluate(() => {
      const region = document.querySelector('.lm-scroll');
      return { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
        regionScroll: region.scrollWidth, regionWidth: region.clientWidth, svg: document.querySelector('svg.lm-svg').getBoundingClientRect().width,
        role: region.getAttribute('role'), tabindex: region.getAttribute('tabindex'), label: region.getAttribute('aria-label') };
    });
    assert.ok(o.scroll <= o.width, `the page is ${o.scroll} px wide on a ${o.width} px screen`);
    assert.ok(o.regionScroll > o.regionWidth, 'the region scrolls');
    assert.ok(o.svg > 1000, `the drawing keeps its size (${o.svg} px), it does not shrink to nothing`);
    assert.equal(o.role, 'region');
    assert.equal(o.tabindex, '0', 'keyboard users can scroll it');
    assert.ok(o.label);
  } finally {
    await page.close();
  }
});

test('printed, the header names the city, the plan and the date in Japan time, and the drawing fits the page', async () => {
  const page = await br.context.newPage();
  try {
    await open(page, null);
    await page.emulateMedia({ media: 'print' });
    const context = await page.locator('#print-context').innerText();
    assert.match(context, /江津市/);
    assert.match(context, /スマートシティ江津推進構想アクションプラン/);
    const jst = new Date(Date.now() + 9 * 3600 * 1000);
    const today = `${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`;
    assert.match(await page.locator('#print-date').innerText(), new RegExp(today));
    assert.equal(await page.locator('.crumbs').isVisible(), false);
    const fits = await page.evaluate(() => document.querySelector('svg.lm-svg').getBoundingClientRect().right <= document.documentElement.clientWidth + 1);
    assert.ok(fits, 'the drawing shrinks to the paper\'s width');
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    assert.ok(pdf.length > 10000);
  } finally {
    await page.close();
  }
});

test('in English the columns have English headings, in the drawing and the outline', async () => {
  const page = await br.context.newPage();
  try {
    await open(page, null, `${pagePath()}?lang=en`);
    assert.deepEqual(await page.locator('svg .lm-head-text').allTextContents(), COLUMNS_EN);
    const h3 = await page.locator('.lm-outline h3').allTextContents();
    assert.ok(h3.every((t) => / \(\d+\)$/.test(t)), `English brackets: ${h3.join(' | ')}`);
    assert.deepEqual(h3.map((t) => t.replace(/ \(\d+\)$/, '')), COLUMNS_EN);
    assert.equal(await page.locator('h1').innerText(), 'Logic model');
    await page.goto(`${srv.url}${pagePath()}?lang=ja`);       // the choice is kept in a cookie: back to Japanese
  } finally {
    await page.close();
  }
});

test('the plan page links to it; the office reads the draft with the editor\'s link; a plan without a model says so', async () => {
  const page = await br.context.newPage();
  try {
    await open(page, 'office', `/plans/${ids.planId}`);
    await page.getByRole('link', { name: 'ロジックモデル', exact: true }).click();
    assert.equal(new URL(page.url()).pathname, pagePath());
    assert.equal(await page.locator('svg .lm-node').count(), 111);
    assert.match(await page.locator('svg.lm-links a').first().getAttribute('href'), /^\/measures\/\d+$/);
    assert.equal(await page.getByRole('link', { name: 'ロジックモデルを編集' }).getAttribute('href'), `${pagePath()}/edit`);
    await open(page, 'admin', `/plans/${ids.inzaiPlanId}/logic-model`);
    assert.match(await page.locator('#no-logic-model').innerText(), /まだロジックモデルがありません/);
    assert.equal(await page.locator('svg.lm-svg').count(), 0);
    assert.equal(await page.locator('#no-logic-model a').getAttribute('href'), `/plans/${ids.inzaiPlanId}/logic-model/edit`);
    await open(page, 'viewer', `/plans/${ids.planId}/logic-model`);
    assert.equal(await page.getByRole('link', { name: 'ロジックモデルを編集' }).count(), 0, 'only the office is shown the editor');
  } finally {
    await page.close();
  }
});

test('without JavaScript the drawing and the outline are there, and the outline\'s links work', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.context.newPage();
    const resp = await page.goto(srv.url + pagePath());
    assert.equal(resp.status(), 200);
    assert.equal(await page.locator('svg .lm-node').count(), 111);
    assert.equal(await page.locator('svg path.lm-edge').count(), 133);
    const first = page.locator('.lm-outline .lm-o-list a[href*="/published/measures/"]').first();
    const title = await first.innerText();
    await first.click();
    await page.waitForLoadState('load');
    assert.match(new URL(page.url()).pathname, new RegExp(`^/plans/${ids.planId}/published/measures/`));
    assert.ok((await page.locator('h1').innerText()).length > 0, title);
  } finally {
    await nojs.close();
  }
});
