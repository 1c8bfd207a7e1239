'use strict';
// A department's inbox in the browser (issue 3): the office opens a quarter whose deadline is
// tomorrow and `kawaru remind` runs; 窓口担当課 goes from its work page to its inbox, sees the
// reminder (unread, said in text), follows its link, marks it read; the page passes axe-core in
// Japanese and English. 窓口担当課 is demo-reporter, whose department it is (issue 4), signed in
// through the form.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { api } = require('../lib/server');
const { startServerAndBrowser, runAxe, formatViolations, submitAndWait, signIn } = require('../lib/browser');

let srv;
let br;
let page;
let dept;
let periodId;
before(async () => {
  ({ srv, br } = await startServerAndBrowser({ bypassCSP: true }));
  page = await br.context.newPage();
  const org = (await api(srv.url, '/api/v1/orgs/322075')).json;
  dept = org.departments.find((d) => d.name === '窓口担当課');
  const planId = org.plans.find((p) => p.title.includes('スマートシティ江津')).id;
  // tomorrow in Japan time (UTC+9), as the server counts days
  const deadline = new Date(Date.now() + 9 * 3600000 + 86400000).toISOString().slice(0, 10);
  const p = await api(srv.url, `/api/v1/plans/${planId}/periods`, { method: 'POST', body: { fy: 2025, quarter: 3, deadline } });
  assert.equal(p.status, 201, p.text);
  periodId = p.json.id;
  const env = { ...process.env };
  delete env.KAWARU_SMTP_URL;                                  // inbox only: no e-mail
  const out = execFileSync(srv.bin, ['remind', '--db', srv.db], { env }).toString();
  assert.match(out, /窓口担当課/);
  await signIn(page, srv, 'reporter');
});
after(async () => {
  if (br) await br.close();
  if (srv) await srv.stop();
});

async function axe(name) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, formatViolations(name, violations));
}

const reminder = () => page.locator('.inbox-item[data-kind="reminder_before"]');

test('the work page links to the inbox, which shows the reminder as unread', async () => {
  await page.goto(`${srv.url}/periods/${periodId}/work?dept=${dept.id}`);
  await page.getByRole('link', { name: 'この課の受信箱' }).click();
  assert.equal(new URL(page.url()).pathname, `/departments/${dept.id}/inbox`);
  assert.equal(await page.locator('h1').innerText(), '受信箱：窓口担当課');
  assert.equal(await page.locator('#inbox-counts').innerText(), '未読 2件／全 2件');
  assert.equal(await reminder().count(), 1);
  const heading = await reminder().locator('h2').innerText();
  assert.match(heading, /^未読 2025年度 第3四半期の見直し：提出期限は\d{4}-\d\d-\d\dです（未提出 3件）$/);
  assert.match(await reminder().innerText(), /書かない窓口（未着手）/);
  await axe('inbox');
});

test('the reminder links to the department\'s work', async () => {
  await reminder().getByRole('link', { name: '開く' }).click();
  assert.equal(new URL(page.url()).pathname, `/periods/${periodId}/work`);
  assert.equal(new URL(page.url()).searchParams.get('dept'), String(dept.id));
  await page.goBack();
});

test('marking it read', async () => {
  const resp = await submitAndWait(page, () => reminder().getByRole('button', { name: '既読にする' }).click());
  assert.equal(resp.status(), 303);
  assert.equal(new URL(page.url()).pathname, `/departments/${dept.id}/inbox`);
  assert.match(await reminder().locator('h2').innerText(), /^既読 /);
  assert.equal(await reminder().getByRole('button').count(), 0);
  assert.equal(await page.locator('#inbox-counts').innerText(), '未読 1件／全 2件');
  await axe('inbox after reading');
  const box = (await api(srv.url, `/api/v1/departments/${dept.id}/inbox`)).json;
  assert.equal(box.items.find((n) => n.kind === 'reminder_before').read, true);
  assert.equal(box.unread, 1);
});

test('in English', async () => {
  await page.goto(`${srv.url}/departments/${dept.id}/inbox?lang=en`);
  assert.equal(await page.locator('h1').innerText(), 'Inbox: 窓口担当課');
  assert.equal(await page.locator('#inbox-counts').innerText(), '1 unread of 2');
  assert.ok(await page.getByRole('button', { name: 'Mark as read' }).isVisible());
  await axe('inbox in English');
  await page.goto(`${srv.url}/departments/${dept.id}/inbox?lang=ja`);   // back to Japanese for the cookie
});

test('an unknown department has no inbox page', async () => {
  const r = await api(srv.url, '/departments/999999/inbox');
  assert.equal(r.status, 404);
});
