'use strict';
// Debian's Chromium driven by playwright-core (never `playwright install`), offline, with a
// fresh profile per launch (STACK.md gotcha 9). One browser per test file:
//
//   const { launchBrowser, runAxe } = require('../lib/browser');
//   let br; before(async () => { br = await launchBrowser(); }); after(() => br.close());
//   const page = await br.context.newPage();
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

module.exports = { launchBrowser, startServerAndBrowser, runAxe, formatViolations, assertAxeClean, submitAndWait, CHROMIUM, ARGS };
