'use strict';
// Slow and many clients (issue 13, point 7; docs/security.md): one address that opens 1,000
// connections and trickles a header line into each does not stop the server answering anyone
// else, and a request must arrive within its deadline however often its bytes trickle in.
//
// The limits (src/server/server.h, src/server/deadline.h): at most 128 connections per client
// address; a request's headers within 10 s of the connection (or of the previous response),
// its body within 10 s more plus a second per 16 KiB sent; libmicrohttpd's idle timeout (10 s)
// restarts with every byte, so a line each second keeps a connection alive without them.
// Other addresses are other loopback addresses (127.0.0.2, …: all of 127/8 is local on Linux).
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startServer, demoIds } = require('../lib/server');
const { rawConnect, statuses, destroyAll } = require('../lib/raw');

const PER_ADDRESS = 128;           // SERVER_CONNECTIONS_PER_ADDRESS
const CROWD = 1000;
const BOUND_MS = 30000;            // how long a test waits for what should take about 10 s

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(async () => {
  destroyAll();
  if (srv) await srv.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** GET path from another loopback address, on a fresh connection: {status, body} or {error}. */
function getFrom(localAddress, path) {
  const { port } = new URL(srv.url);
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, localAddress, agent: false, timeout: 10000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => { req.destroy(); resolve({ error: 'no answer in 10 s' }); });
    req.on('error', (e) => resolve({ error: e.code || e.message }));
    req.end();
  });
}

/** Sends line() every everyMs on c until it closes; returns the number of lines sent. */
async function trickle(c, line, everyMs) {
  let sent = 0;
  const t0 = Date.now();
  while (!c.closedBy && Date.now() - t0 < BOUND_MS) {
    await Promise.race([sleep(everyMs), c.waitClosed(everyMs)]);
    if (c.closedBy) break;
    c.write(line(sent++));
  }
  return sent;
}

test(`${CROWD} trickling connections from 127.0.0.1: 127.0.0.2 still gets /healthz and a published page`, async () => {
  const crowd = [];
  const opening = [];
  for (let i = 0; i < CROWD; i++)
    opening.push(rawConnect(srv.url, { localAddress: '127.0.0.1' }).then((c) => {
      crowd.push(c);
      c.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    }, () => { /* refused at connect: counts as not held */ }));
  await Promise.all(opening);
  const tick = setInterval(() => { for (const c of crowd) c.write(`X-Trickle: ${Date.now()}\r\n`); }, 1000);
  try {
    const held = () => crowd.filter((c) => !c.closedBy).length;
    // the connections over the per-address cap are closed by the server at once
    for (let t0 = Date.now(); held() > PER_ADDRESS && Date.now() - t0 < 5000;) await sleep(50);
    const heldBefore = held();
    assert.ok(heldBefore <= PER_ADDRESS, `one address holds ${heldBefore} connections, more than ${PER_ADDRESS}`);
    assert.ok(heldBefore > 0, 'the cap admits some connections of the address');

    const health = await getFrom('127.0.0.2', '/healthz');
    assert.equal(health.status, 200, `/healthz from 127.0.0.2: ${JSON.stringify(health)}`);
    const page = await getFrom('127.0.0.2', `/plans/${ids.planId}/published`);
    assert.equal(page.status, 200, `the published plan page from 127.0.0.2: ${page.error || page.status}`);
    assert.match(page.body, /スマートシティ江津/);
    // …while the crowd still held its connections (the deadline had not ended them yet)
    assert.ok(held() > 0, 'the answers came only after the crowd was gone');
    for (const c of crowd) assert.equal(statuses(c.text()).length, 0, 'a trickled request was answered');
  } finally {
    clearInterval(tick);
    for (const c of crowd) c.destroy();
  }
});

describe('deadlines that trickled bytes do not extend', { concurrency: true }, () => {
  test('headers: a line every second (never idle) is closed at the deadline, unanswered', async () => {
    const c = await rawConnect(srv.url, { localAddress: '127.0.0.3' });
    c.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const lines = await trickle(c, (i) => `X-Trickle-${i}: x\r\n`, 1000);
    assert.equal(c.closedBy, 'server', `still open after ${lines} lines in ${BOUND_MS / 1000} s`);
    assert.ok(lines >= 5, `closed after ${lines} lines: sooner than the deadline`);
    assert.deepEqual(statuses(c.text()), [], 'no response to a request that never finished');
  });

  test('body: a byte every second of a 1000-byte body is closed at the deadline, unanswered', async () => {
    const c = await rawConnect(srv.url, { localAddress: '127.0.0.4' });
    c.write('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const bytes = await trickle(c, () => ' ', 1000);
    assert.equal(c.closedBy, 'server', `still open after ${bytes} bytes in ${BOUND_MS / 1000} s`);
    assert.ok(bytes >= 5, `closed after ${bytes} bytes: sooner than the deadline`);
    assert.deepEqual(statuses(c.text()), []);
  });

  test('a body sent above the minimum rate (16 KiB/s) is not cut although it takes longer than 10 s', async () => {
    const piece = 16 * 1024;
    const pieces = 14;
    const c = await rawConnect(srv.url, { localAddress: '127.0.0.5' });
    c.write(`POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${piece * pieces}\r\n\r\n`);
    const t0 = Date.now();
    for (let i = 0; i < pieces && !c.closedBy; i++) {
      await sleep(800);
      c.write(' '.repeat(piece));
    }
    assert.equal(c.closedBy, null, `cut after ${(Date.now() - t0) / 1000} s`);
    // the answer (an error: the body is not JSON), not a cut
    assert.equal((await c.waitStatuses(1, 5000)).length, 1, `no answer: ${c.text().slice(0, 200)}`);
    c.destroy();
  });

  test('a kept-alive connection serves requests 4 s apart for longer than the deadline', async () => {
    const c = await rawConnect(srv.url, { localAddress: '127.0.0.6' });
    for (let i = 0; i < 4; i++) {
      if (i) await sleep(4000);
      c.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await c.waitStatuses(i + 1, 5000);
    }
    assert.deepEqual(statuses(c.text()), [200, 200, 200, 200], `closed by the ${c.closedBy || "—"}: ${c.text().slice(0, 300)}`);
    c.destroy();
  });
});
