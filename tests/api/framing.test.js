'use strict';
// HTTP framing (issue 13, point 11; docs/security.md): a request whose body two parsers could
// frame differently — Content-Length with Transfer-Encoding, a transfer coding other than
// chunked, two Content-Lengths — gets 400 and its connection is closed, so the bytes after its
// headers are never read as a second request (request smuggling through a proxy in front).
// Each bad request is sent on a raw socket with a valid request right behind it.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { rawConnect, statuses, destroyAll } = require('../lib/raw');

let srv;
before(async () => { srv = await startServer({ as: null }); });
after(async () => {
  destroyAll();
  if (srv) await srv.stop();
});

const NEXT = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

/** Sends raw on a new connection; resolves with what came back and whether the server closed it.
 *  A refused request is answered and closed at once: waits up to 5 s for the close, or, when
 *  two responses are expected, for those two (a good connection stays open). */
async function exchange(raw, expected = 0) {
  const c = await rawConnect(srv.url);
  c.write(raw);
  if (expected) await c.waitStatuses(expected, 5000);
  const closed = expected ? c.closedBy !== null : await c.waitClosed(5000);
  const text = c.text();
  c.destroy();
  return { closed, text, statuses: statuses(text) };
}

async function assertRefused(raw, why) {
  const r = await exchange(raw);
  assert.deepEqual(r.statuses, [400], `${why}: one 400 and nothing after it, got ${JSON.stringify(r.statuses)}\n${r.text.slice(0, 400)}`);
  assert.equal(r.closed, true, `${why}: the connection is still open`);
  assert.match(r.text, /\r\nConnection: close\r\n/i, `${why}: Connection: close`);
}

test('Content-Length and Transfer-Encoding: chunked together → 400, closed, the request behind not answered', async () => {
  await assertRefused('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' + NEXT,
    'CL + TE');
  await assertRefused('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}' + NEXT,
    'TE + CL');
});

test('an unknown transfer coding → 400 and closed', async () => {
  for (const coding of ['gzip', 'gzip, chunked', 'chunked, chunked', 'identity', 'xchunked', ''])
    await assertRefused(`POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: ${coding}\r\n\r\n0\r\n\r\n` + NEXT,
      `Transfer-Encoding: ${coding}`);
  await assertRefused('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' + NEXT,
    'two Transfer-Encoding headers');
});

test('two Content-Length headers → 400 and closed', async () => {
  await assertRefused('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}' + NEXT,
    'two Content-Lengths');
});

test('well-framed requests still work and keep the connection: chunked, Content-Length, none', async () => {
  // an empty JSON object is not a sign-in (422 or 400 from the handler), but it is read whole
  // and the pipelined request behind it is answered on the same connection
  const chunked = await exchange('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n' + NEXT, 2);
  assert.equal(chunked.statuses.length, 2, chunked.text.slice(0, 400));
  assert.doesNotMatch(chunked.text, /Content-Length and Transfer-Encoding|transfer coding/);
  assert.equal(chunked.statuses[1], 200);
  assert.equal(chunked.closed, false, 'a good request does not close the connection');
  const sized = await exchange('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}' + NEXT, 2);
  assert.equal(sized.statuses.length, 2, sized.text.slice(0, 400));
  assert.equal(sized.statuses[1], 200);
  const plain = await exchange(NEXT + NEXT, 2);
  assert.deepEqual(plain.statuses, [200, 200]);
});
