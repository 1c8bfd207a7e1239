'use strict';
// Citizen feedback in the browser (issue 4, point 5): a citizen opens 江津市's published
// 書かない窓口, sends an opinion with a name, sees the thank-you notice and not yet the opinion;
// an empty opinion is refused next to the field; the office publishes it with an answer from its
// queue; the citizen then sees it with the answer. A <script> opinion shows as text and never
// runs. axe-core on the sheet with its form, the form with an error, and the queue. The citizen is
// an anonymous visitor; the office is demo-office, signed in through the form (issue 4).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { demoIds } = require('../lib/server');
const { startServerAndBrowser, assertAxeClean, submitAndWait, useRole } = require('../lib/browser');

let srv;
let br;
let ids;
let page;
let dialogs = 0;
let sheet;                                    // the published 書かない窓口
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  ids = await demoIds(srv.url);
  page = await br.context.newPage();
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

const axe = (name) => assertAxeClean(page, name);
const OPINION = '申請書を書かずに済み、とても助かりました。\n土曜日も開いていると嬉しいです。';
const ANSWER = 'ありがとうございます。土曜開庁を検討しています。';

/** The citizen (anonymous) sends an opinion from the published sheet. */
async function send(text, name) {
  await useRole(page, srv, null);
  await page.goto(sheet);
  await page.locator('#text').fill(text);
  if (name) await page.locator('#name').fill(name);
  return submitAndWait(page, () => page.getByRole('button', { name: '送信する' }).click());
}

/** The office publishes an opinion from its queue. */
async function moderate(text, answer) {
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/orgs/322075/feedback`);
  const item = page.locator('li.feedback-item', { hasText: text });
  if (answer) await item.getByLabel('回答（任意）').fill(answer);
  const resp = await submitAndWait(page, () => item.getByRole('button', { name: '公開する' }).click());
  assert.equal(resp.status(), 303);
}

test('a citizen sends an opinion from the published sheet and sees the thank-you notice', async () => {
  await page.goto(`${srv.url}/plans/${ids.planId}/published`);
  await page.getByRole('link', { name: '書かない窓口' }).first().click();
  await page.waitForLoadState('load');
  sheet = page.url().split('?')[0];
  assert.match(sheet, /\/published\/measures\//);
  assert.ok(await page.getByRole('heading', { name: 'ご意見をお寄せください' }).isVisible());
  assert.match(await page.locator('#feedback').innerText(), /事務局が内容を確認してから公開します/);
  await axe('published sheet with the feedback form');

  const resp = await send(OPINION, '江津 花子');
  assert.equal(resp.status(), 303);
  assert.match(await page.locator('#feedback [role=status]').innerText(), /ご意見ありがとうございました/);
  assert.doesNotMatch(await page.locator('#feedback').innerText(), /土曜日も開いていると/);
});

test('an empty opinion is refused next to the field', async () => {
  const resp = await send('   ');
  assert.equal(resp.status(), 422);
  assert.ok(await page.locator('#text-error').isVisible());
  assert.equal(await page.locator('#text').getAttribute('aria-invalid'), 'true');
  await axe('feedback form with an error');
});

test('the office publishes it with an answer; the citizen sees both', async () => {
  await useRole(page, srv, 'office');
  await page.goto(`${srv.url}/orgs/322075/feedback`);
  const first = page.locator('li.feedback-item').first();
  assert.match(await first.innerText(), /土曜日も開いていると/);
  assert.match(await first.innerText(), /未確認/);
  assert.match(await page.locator('table').innerText(), /書かない窓口\s+1\s+0\s+0/);
  await axe('feedback queue');
  await moderate('土曜日も開いていると', ANSWER);
  assert.match(await page.locator('[role=status]').innerText(), /記録しました/);

  await useRole(page, srv, null);
  await page.goto(sheet);
  const section = await page.locator('#feedback').innerText();
  assert.match(section, /申請書を書かずに済み、とても助かりました。\n土曜日も開いていると嬉しいです。/);
  assert.match(section, /江津 花子/);
  assert.match(section, new RegExp(ANSWER));
  assert.match(section, /寄せられたご意見（1）/);
});

test('an opinion with a script tag shows as text and never runs', async () => {
  const resp = await send('<script>alert(1)</script>', null);
  assert.equal(resp.status(), 303);
  await moderate('<script>alert(1)</script>', null);
  await useRole(page, srv, null);
  await page.goto(sheet);
  assert.match(await page.locator('#feedback').innerText(), /<script>alert\(1\)<\/script>/);
  assert.equal(await page.locator('#feedback script').count(), 0);
  assert.match(await page.locator('#feedback').innerText(), /匿名/);
  assert.equal(dialogs, 0);
});
