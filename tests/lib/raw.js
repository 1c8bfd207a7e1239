'use strict';
// Raw HTTP/1.1 over a TCP socket, for what an HTTP client library would not send: ambiguous
// framing, requests trickled a line at a time, many connections at once.
//
//   const c = await rawConnect(srv.url, { localAddress: '127.0.0.3' });
//   c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
//   await c.waitStatuses(1, 5000)                 // [200]: the status codes received
//   const closed = await c.waitClosed(5000);      // true when the server ended it in time
//
// Every socket opened here is remembered; destroyAll() closes those still open (call it in after()).
const net = require('node:net');

const open = new Set();

/** Connects to url's port on 127.0.0.1 from localAddress (any 127.0.0.x is local on Linux).
 *  Resolves with a connection once connected, or rejects with the socket's error. */
function rawConnect(url, { localAddress = '127.0.0.1' } = {}) {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port), localAddress });
    open.add(socket);
    const chunks = [];
    let closedBy = null;
    let onClose = [];
    const c = {
      socket,
      /** 'server' when the server ended or reset the connection, 'client' when destroy() did */
      get closedBy() { return closedBy; },
      write(s) { if (!socket.destroyed) socket.write(s); },
      text() { return Buffer.concat(chunks).toString('utf8'); },
      destroy() { if (!closedBy) closedBy = 'client'; socket.destroy(); },
      /** Resolves with the status codes received once there are n, or the connection is
       *  closed, or ms have passed. */
      async waitStatuses(n, ms) {
        for (const t0 = Date.now(); statuses(c.text()).length < n && !closedBy && Date.now() - t0 < ms;)
          await new Promise((r) => setTimeout(r, 20));
        return statuses(c.text());
      },
      /** Resolves true once the connection is closed, false if it is still open after ms. */
      waitClosed(ms) {
        if (closedBy) return Promise.resolve(true);
        return new Promise((r) => {
          const t = setTimeout(() => r(false), ms);
          onClose.push(() => { clearTimeout(t); r(true); });
        });
      },
    };
    const closed = () => {
      if (!closedBy) closedBy = 'server';
      open.delete(socket);
      const fns = onClose;
      onClose = [];
      for (const f of fns) f();
    };
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => { closed(); socket.destroy(); });
    socket.on('close', closed);
    socket.once('connect', () => { socket.on('error', () => {}); resolve(c); });
    socket.once('error', (e) => { if (socket.connecting) reject(e); });
  });
}

/** The status codes of the responses in a raw reply, in order (the bodies here never hold a
 *  status line; a body need not end in a line break, so a status line is not anchored). */
function statuses(text) {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

/** Destroys every socket still open. */
function destroyAll() {
  for (const s of open) s.destroy();
  open.clear();
}

module.exports = { rawConnect, statuses, destroyAll };
