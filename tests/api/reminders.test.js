'use strict';
// Reminders (issue 3, point 2): opening a period tells each reporting department in its inbox;
// `kawaru remind` records a reminder per department before the deadline and once after it, and
// e-mails it through the SMTP server of KAWARU_SMTP_URL to departments with a contact address
// (set by PATCH /api/v1/departments/{id}); a failed e-mail is tried again by the next run. The
// SMTP server is a sink written here with node's net module on a free port.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { execFile } = require('node:child_process');
const { startServer, api, freePort, BIN } = require('../lib/server');

/** A minimal SMTP server that accepts every message: {port, messages: [{from, rcpt, data}], close}. */
async function smtpSink() {
  const messages = [];
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buffer = '';
    let inData = false;
    let mail = { from: null, rcpt: [], lines: [] };
    const reply = (s) => sock.write(s + '\r\n');
    reply('220 sink.test ESMTP');
    sock.setEncoding('latin1');                       // bytes as they are; the message is 7-bit
    sock.on('data', (chunk) => {
      buffer += chunk;
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push({ from: mail.from, rcpt: mail.rcpt, data: mail.lines.join('\r\n') });
            mail = { from: null, rcpt: [], lines: [] };
            reply('250 OK queued');
          } else {
            mail.lines.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') reply('250 sink.test');
        else if (cmd === 'MAIL') { mail.from = line.slice(10); reply('250 OK'); }
        else if (cmd === 'RCPT') { mail.rcpt.push(line.slice(8)); reply('250 OK'); }
        else if (cmd === 'DATA') { inData = true; reply('354 End data with <CR><LF>.<CR><LF>'); }
        else if (cmd === 'QUIT') { reply('221 Bye'); sock.end(); }
        else if (cmd === 'RSET' || cmd === 'NOOP') reply('250 OK');
        else reply('502 Command not implemented');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    messages,
    close: () => { for (const s of sockets) s.destroy(); return new Promise((r) => server.close(r)); },
  };
}

/** Headers (unfolded, lower-case names), decoded subject and decoded body of a sunk message. */
function parseMessage(data) {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const c = line.indexOf(':');
    headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
  }
  const subject = headers.subject.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64) => Buffer.from(b64, 'base64').toString('latin1'));
  return {
    headers,
    subject: Buffer.from(subject, 'latin1').toString('utf8'),
    body: Buffer.from(data.slice(split + 4).replace(/\r\n/g, ''), 'base64').toString('utf8'),
  };
}

let srv;
let sink;
let dept;          // 窓口担当課 of 江津市
let other;         // 総務課, which has no e-mail address
let planId;
let periodId;
const deadlineOffset = 2;

/** YYYY-MM-DD of today + days in Japan time (UTC+9), as the server and the CLI count days. */
function day(days) {
  return new Date(Date.now() + 9 * 3600000 + days * 86400000).toISOString().slice(0, 10);
}

/** Runs `kawaru remind --db <the server's database> ...args` with the SMTP URL given (null: none). */
function remind(smtpUrl, ...args) {
  const env = { ...process.env };
  delete env.KAWARU_SMTP_URL;
  if (smtpUrl) env.KAWARU_SMTP_URL = smtpUrl;
  env.KAWARU_SMTP_FROM = 'kawaru@city.example.jp';
  return new Promise((resolve) => {
    execFile(BIN, ['remind', '--db', srv.db, ...args], { env, timeout: 60000 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}
const sinkUrl = () => `smtp://127.0.0.1:${sink.port}`;

async function call(method, p, body, status) {
  const r = await api(srv.url, p, { method, body });
  assert.equal(r.status, status, `${method} ${p} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  return r.json;
}
const inbox = (id) => call('GET', `/api/v1/departments/${id}/inbox`, undefined, 200);

before(async () => {
  [srv, sink] = await Promise.all([startServer(), smtpSink()]);
  const org = await call('GET', '/api/v1/orgs/322075', undefined, 200);
  dept = org.departments.find((d) => d.name === '窓口担当課');
  other = org.departments.find((d) => d.name === '総務課');
  planId = org.plans.find((p) => p.title.includes('スマートシティ江津')).id;
});
after(async () => {
  if (sink) await sink.close();
  if (srv) await srv.stop();
});

test('opening a period puts a notification in the inbox of every department that reports', async () => {
  const p = await call('POST', `/api/v1/plans/${planId}/periods`, { fy: 2025, quarter: 3, deadline: day(deadlineOffset) }, 201);
  periodId = p.id;
  const box = await inbox(dept.id);
  assert.equal(box.department.id, dept.id);
  assert.equal(box.department.email, null);
  assert.equal(box.total, 1);
  assert.equal(box.unread, 1);
  const [n] = box.items;
  assert.equal(n.kind, 'period_opened');
  assert.equal(n.read, false);
  assert.match(n.subject, /2025年度 第3四半期の見直しが始まりました/);
  assert.equal(n.link, `/periods/${periodId}/work?dept=${dept.id}`);
  const owed = p.measures.filter((m) => m.department && m.department.id === dept.id);
  for (const m of owed) assert.ok(n.body.includes(m.title), `${m.title} in ${n.body}`);
  assert.equal((await inbox(other.id)).total, 1);
  await call('GET', '/api/v1/departments/999999/inbox', undefined, 404);
  await call('GET', `/api/v1/departments/${dept.id}/inbox?limit=0`, undefined, 400);
});

test('a bad contact e-mail is refused with 422 and nothing changes; a good one is kept', async () => {
  for (const body of [
    { email: 'not an address' },
    { email: 'two@@city.example.jp' },
    { email: 'x'.repeat(250) + '@example.jp' },
    { email: 'a@b.jp\r\nBcc: evil@example.com' },
    { email: 42 },
    { name: '窓口改革課', email: 'madoguchi@' },
  ]) {
    const r = await call('PATCH', `/api/v1/departments/${dept.id}`, body, 422);
    assert.equal(r.error.field, 'email', JSON.stringify(body));
  }
  assert.equal((await inbox(dept.id)).department.email, null);
  const org = await call('GET', '/api/v1/orgs/322075', undefined, 200);
  assert.equal(org.departments.find((d) => d.id === dept.id).name, '窓口担当課');      // the name did not change either
  await call('PATCH', `/api/v1/departments/${dept.id}`, { email: 'madoguchi@city.example.jp' }, 200);
  assert.equal((await inbox(dept.id)).department.email, 'madoguchi@city.example.jp');
  await call('PATCH', '/api/v1/departments/999999', { email: 'x@example.jp' }, 404);
  const log = await call('GET', '/api/v1/audit?entity=department&limit=1', undefined, 200);
  assert.equal(log.items[0].entity_id, dept.id);
  assert.equal(log.items[0].before.email, null);
  assert.equal(log.items[0].after.email, 'madoguchi@city.example.jp');
});

test('`kawaru remind` before the deadline e-mails the department once and fills every inbox', async () => {
  const r = await remind(sinkUrl());
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /e-mail before .* to madoguchi@city\.example\.jp: sent/);
  assert.equal(sink.messages.length, 1);
  const [m] = sink.messages;
  assert.deepEqual(m.rcpt, ['<madoguchi@city.example.jp>']);
  assert.equal(m.from, '<kawaru@city.example.jp>');
  const msg = parseMessage(m.data);
  assert.match(msg.headers['content-type'], /text\/plain; charset=UTF-8/i);
  assert.equal(msg.headers['content-transfer-encoding'], 'base64');
  assert.ok(msg.headers['message-id'] && msg.headers.date);
  assert.match(msg.subject, /^2025年度 第3四半期の見直し：提出期限は\d{4}-\d\d-\d\dです（未提出 3件）$/);
  assert.ok(msg.subject.includes(day(deadlineOffset)));
  const period = await call('GET', `/api/v1/periods/${periodId}`, undefined, 200);
  const owed = period.measures.filter((x) => x.department && x.department.id === dept.id);
  assert.equal(owed.length, 3);
  for (const x of owed) assert.ok(msg.body.includes(`${x.code} ${x.title}`), `${x.title} in\n${msg.body}`);
  assert.ok(msg.body.includes(`/periods/${periodId}/work?dept=${dept.id}`));
  // the inbox holds the same reminder, newest first; a department without an address has it too
  const box = await inbox(dept.id);
  assert.equal(box.items[0].kind, 'reminder_before');
  assert.equal(box.items[0].subject, msg.subject);
  assert.equal(box.unread, 2);
  assert.equal((await inbox(other.id)).items[0].kind, 'reminder_before');
  // a second run sends nothing more
  const again = await remind(sinkUrl());
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /0 reminder\(s\) recorded, 0 e-mail\(s\) sent/);
  assert.equal(sink.messages.length, 1);
  assert.equal((await inbox(dept.id)).total, 2);
});

test('after the deadline an "after" reminder goes, once', async () => {
  const late = day(deadlineOffset + 1);
  const r = await remind(sinkUrl(), '--today', late);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(sink.messages.length, 2);
  const msg = parseMessage(sink.messages[1].data);
  assert.match(msg.subject, /第3四半期の見直し：提出期限（.*）を過ぎています（未提出 3件）/);
  assert.equal((await inbox(dept.id)).items[0].kind, 'reminder_after');
  assert.equal((await remind(sinkUrl(), '--today', late)).code, 0);
  assert.equal((await remind(sinkUrl(), '--today', day(deadlineOffset + 10))).code, 0);
  assert.equal(sink.messages.length, 2);
  const kinds = (await inbox(dept.id)).items.map((n) => n.kind);
  assert.deepEqual(kinds, ['reminder_after', 'reminder_before', 'period_opened']);
  const usage = await remind(sinkUrl(), '--today', 'tomorrow');
  assert.equal(usage.code, 2);
});

test('an unreachable SMTP server makes remind exit 1; the reminder waits and the next run sends it', async () => {
  await call('POST', `/api/v1/plans/${planId}/periods`, { fy: 2025, quarter: 4, deadline: day(1) }, 201);
  const closed = await freePort();
  const r = await remind(`smtp://127.0.0.1:${closed}`);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /to madoguchi@city\.example\.jp: failed/);
  assert.equal(sink.messages.length, 2);
  const box = await inbox(dept.id);
  assert.equal(box.items[0].kind, 'reminder_before');                  // recorded all the same
  assert.match(box.items[0].subject, /第4四半期/);
  const ok = await remind(sinkUrl());
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /0 reminder\(s\) recorded, 1 e-mail\(s\) sent/);
  assert.equal(sink.messages.length, 3);
  assert.match(parseMessage(sink.messages[2].data).subject, /2025年度 第4四半期の見直し：提出期限は/);
  assert.equal((await remind(sinkUrl())).code, 0);
  assert.equal(sink.messages.length, 3);
  const badConfig = await remind('http://127.0.0.1:1');
  assert.equal(badConfig.code, 2);
});

test('a notification is marked read once; unknown ones are 404', async () => {
  const box = await inbox(dept.id);
  const n = box.items[0];
  const read = await call('POST', `/api/v1/notifications/${n.id}/read`, undefined, 200);
  assert.equal(read.read, true);
  assert.ok(read.read_at);
  const after1 = await inbox(dept.id);
  assert.equal(after1.unread, box.unread - 1);
  const again = await call('POST', `/api/v1/notifications/${n.id}/read`, undefined, 200);
  assert.equal(again.read_at, read.read_at);
  await call('POST', '/api/v1/notifications/999999/read', undefined, 404);
  const log = await call('GET', `/api/v1/audit?entity=notification&id=${n.id}`, undefined, 200);
  assert.deepEqual(log.items.map((e) => e.action), ['read', 'create']);
});

test('the office sending a report back tells the lead department, with its comment', async () => {
  const period = await call('GET', `/api/v1/periods/${periodId}`, undefined, 200);
  const m = period.measures.find((x) => x.department && x.department.id === dept.id);
  const path = `/api/v1/periods/${periodId}/measures/${m.measure_id}/review`;
  await call('PUT', path, { rating: 'on_track', text: '実施しました', submit: true }, 200);
  await call('POST', `${path}/send-back`, { comment: 'KPIの値を入れてください' }, 200);
  const n = (await inbox(dept.id)).items[0];
  assert.equal(n.kind, 'sent_back');
  assert.ok(n.subject.includes(m.title));
  assert.ok(n.body.includes('KPIの値を入れてください'));
  assert.equal(n.link, `/periods/${periodId}/measures/${m.measure_id}`);
});
