'use strict';
// Every page is usable at 375 px: nothing but a labelled .table-scroll region (which scrolls
// sideways on its own) reaches past the right edge of the screen, so the page itself never has
// to be scrolled sideways. The pages are the ones an office and a citizen use on a phone: the
// plan, the sheets and every editing form.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { demoIds } = require('../lib/server');
const { startServerAndBrowser, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ viewport: { width: 375, height: 800 } }));
  ids = await demoIds(srv.url);
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

/** The elements outside any .table-scroll whose right edge is past the viewport's. */
async function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.table-scroll')) continue;
      const right = el.getBoundingClientRect().right;
      if (right > width + 1) out.push(`<${el.tagName.toLowerCase()}${el.id ? ` id=${el.id}` : ''}> ends at ${Math.round(right)} px`);
    }
    return { scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5) };
  });
}

const pages = () => [
    ['office', `/plans/${ids.planId}`],
    ['office', `/plans/${ids.planId}/logic-model`],
    ['office', `/measures/${ids.measureId}`],
    ['office', `/measures/${ids.measureId}/edit`],
    ['office', `/measures/${ids.measureId}/kpis`],
    ['office', `/kpis/${ids.kpiId}`],
    ['office', `/kpis/${ids.kpiId}/edit`],
    ['office', `/plans/${ids.planId}/edit`],
    ['office', `/plans/${ids.planId}/structure`],
    ['office', `/plans/${ids.planId}/logic-model/edit`],
    ['office', '/orgs/322075/departments'],
    ['office', '/orgs/322075/bodies'],
    ['office', '/orgs/322075/bodies/new'],
    ['admin', `/plans/${ids.inzaiPlanId}`],
    ['office', '/orgs/322075/workload'],
    ['office', '/orgs/322075/workload/import'],
    ['office', '/orgs/322075/workload/means'],
    ['admin', '/orgs/122319/workload'],
];

test('at 375 px no page reaches past the screen but its scrolling tables', async () => {
  const page = await br.context.newPage();
  const failures = [];
  try {
    for (const [who, p] of pages()) {
      await useRole(page, srv, who);
      const resp = await page.goto(srv.url + p);
      assert.equal(resp.status(), 200, `${p}: HTTP ${resp.status()}`);
      const o = await overflowing(page);
      if (o.scroll > o.width || o.out.length) failures.push(`${p}: page ${o.scroll} px wide on a ${o.width} px screen; ${o.out.join(', ')}`);
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(failures, []);
});

test('the check is real: an element wider than the screen is found', async () => {
  const page = await br.context.newPage();
  try {
    await useRole(page, srv, 'office');
    await page.goto(`${srv.url}/measures/${ids.measureId}/edit`);
    await page.evaluate(() => {          // through the CSSOM: the CSP refuses style attributes
      const div = document.createElement('div');
      div.id = 'wide';
      div.style.width = '600px';
      document.querySelector('main').append(div);
    });
    const o = await overflowing(page);
    assert.ok(o.out.some((s) => s.includes('id=wide')), o.out.join(', '));
  } finally {
    await page.close();
  }
});

test('every field of the forms is at least 44 px tall, a finger\'s target (デジタル庁デザインシステム)', async () => {
  const page = await br.context.newPage();
  const small = [];
  try {
    for (const [who, p] of [[null, '/login'], ['admin', '/admin/users'], ['office', `/measures/${ids.measureId}/edit`]]) {
      await useRole(page, srv, who);
      const resp = await page.goto(srv.url + p);
      assert.equal(resp.status(), 200, `${p}: HTTP ${resp.status()}`);
      const found = await page.$$eval('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main textarea',
        (els) => els.map((e) => [e.name || e.id, Math.round(e.getBoundingClientRect().height)]).filter(([, h]) => h < 44));
      for (const [name, h] of found) small.push(`${p} ${name}: ${h} px`);
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(small, []);
});
