'use strict';
// Debian's Chromium driven by playwright-core (never `playwright install`), offline, with a
// fresh profile per launch (STACK.md gotcha 9). One browser per test file:
//
//   const { launchBrowser, runAxe } = require('../lib/browser');
//   let br; before(async () => { br = await launchBrowser(); }); after(() => br.close());
//   const page = await br.context.newPage();
//
// Signed in (issue 4: drafts and every form that changes something need a role):
//
//   await signIn(page, srv, 'office');          // through the /login form, as srv.users.office
//   await useRole(page, srv, 'viewer');         // switch users (each signs in once per context)
//   await useRole(page, srv, null);             // an anonymous visitor again
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// Profile dirs left when the process exits without close() (Playwright kills the browser itself).
const profiles = new Set();
process.on('exit', () => {
  for (const dir of profiles) {
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Launches a persistent context in a fresh temp user-data dir. options go to
 * launchPersistentContext (e.g. {javaScriptEnabled: false}). Returns {context, close}.
 */
async function launchBrowser(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kawaru-chromium-'));
  profiles.add(dir);
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
      ...options,
    });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  context.setDefaultTimeout(10000);
  let closed = false;
  async function close() {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    profiles.delete(dir);
  }
  return { context, close, dir };
}

/**
 * Injects axe-core into page and runs it; returns the violations array. The pages' CSP forbids
 * inline scripts, so the context must be launched with {bypassCSP: true}.
 */
async function runAxe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  });
  return result;
}

/** Human-readable axe violations for an assertion message. */
function formatViolations(where, violations) {
  return `${where}: ${violations.length} axe violation(s)\n` + violations.map((v) =>
    `  [${v.impact}] ${v.id}: ${v.help}\n` + v.nodes.map((n) => `      ${n.target}\n        ${n.html}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n')
  ).join('\n');
}

/** Fails the test, naming the page, when axe-core finds any violation on it. */
async function assertAxeClean(page, where) {
  const violations = await runAxe(page);
  if (violations.length) throw new Error(formatViolations(where, violations));
}

/**
 * Submits a form by running click() and waits until the browser shows the document that came
 * back (the same URL or another, after a redirect or not). Returns the response to the POST
 * itself (e.g. 303 when it redirected, 422 when the form came back with errors).
 */
async function submitAndWait(page, click) {
  await page.locator('html').evaluate((el) => el.setAttribute('data-before-submit', ''));
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    click(),
  ]);
  await page.waitForSelector('html:not([data-before-submit])', { state: 'attached' });
  await page.waitForLoadState('load');
  return resp;
}

// ---- Signing in (issue 4) ----------------------------------------------------------------------
// Every page of an organisation's drafts, and every form that changes something, needs a signed-in
// user of the right role. The session is a cookie of the browser context, so it holds for every
// page of that context (one context per launchBrowser()).

const SESSION_COOKIE = 'kawaru_session';
// The session cookies a context got from signIn, by context and then by `${srv.url} ${login}`, so
// that useRole can switch between users without signing in (Argon2id) again.
const signedIn = new WeakMap();

/** {login, password} of who: a demo role ('office', …: srv.users[role]) or such an object. */
function credentials(srv, who) {
  if (who && typeof who === 'object') return who;
  const u = srv.users && srv.users[who];
  if (!u) throw new Error(`no demo user with role ${who} (roles: ${Object.keys(srv.users || {}).join(', ')})`);
  return u;
}

/**
 * Signs page's browser context in through the /login form as who: a demo role ('admin',
 * 'office', 'reporter', 'viewer': srv.users[role]) or {login, password}. Waits for the redirect
 * to next (default: the home page) and returns the POST's response (303). Throws, with the
 * form's error, when the sign-in is refused. Any earlier session of the context is replaced
 * (but not ended: useRole can come back to it).
 * {here: true} fills the sign-in form the page shows now (a 401 page: it returns to that page)
 * instead of opening /login.
 */
async function signIn(page, srv, who, { next = '/', here = false } = {}) {
  const { login, password } = credentials(srv, who);
  if (!here) await page.goto(`${srv.url}/login?next=${encodeURIComponent(next)}`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  const resp = await submitAndWait(page, () => page.locator('main form[action="/login"] button[type=submit]').click());
  if (resp.status() !== 303) {
    const why = await page.locator('main').innerText().catch(() => '');
    throw new Error(`sign-in of ${login} answered ${resp.status()}: ${why.slice(0, 300)}`);
  }
  const cookie = (await page.context().cookies(srv.url)).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`sign-in of ${login} set no ${SESSION_COOKIE} cookie`);
  if (!signedIn.has(page.context())) signedIn.set(page.context(), new Map());
  signedIn.get(page.context()).set(`${srv.url} ${login}`, cookie);
  return resp;
}

/** Signs out with the header's ログアウト button (the session ends on the server). */
async function signOut(page) {
  const button = page.locator('header form[action="/logout"] button');
  if (!(await button.count())) return;                 // not signed in
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  await submitAndWait(page, () => button.click());
  const known = signedIn.get(page.context());
  if (known && cookie)
    for (const [k, c] of known) if (c.value === cookie.value) known.delete(k);
}

/**
 * Makes page's context act as who from its next request on: null for an anonymous visitor (the
 * session cookie is dropped, the session itself kept), a demo role or {login, password}. A user
 * this context signed in before gets its session cookie back; any other is signed in with
 * signIn (the page is then left on the home page).
 */
async function useRole(page, srv, who) {
  const context = page.context();
  await context.clearCookies({ name: SESSION_COOKIE });
  if (who === null || who === undefined) return;
  const { login } = credentials(srv, who);
  const cookie = signedIn.get(context)?.get(`${srv.url} ${login}`);
  if (cookie) await context.addCookies([cookie]);
  else await signIn(page, srv, who);
}

/**
 * A fresh kawaru server (tests/lib/server.js) and a browser, started side by side. When one of
 * them fails to start, the other is stopped before the error is thrown.
 */
async function startServerAndBrowser(browserOptions = {}, serverOptions = {}) {
  const { startServer } = require('./server');
  const [s, b] = await Promise.allSettled([startServer(serverOptions), launchBrowser(browserOptions)]);
  if (s.status === 'rejected' || b.status === 'rejected') {
    if (s.status === 'fulfilled') await s.value.stop();
    if (b.status === 'fulfilled') await b.value.close();
    throw s.status === 'rejected' ? s.reason : b.reason;
  }
  return { srv: s.value, br: b.value };
}

module.exports = {
  launchBrowser, startServerAndBrowser, runAxe, formatViolations, assertAxeClean, submitAndWait,
  signIn, signOut, useRole, SESSION_COOKIE, CHROMIUM, ARGS,
};
