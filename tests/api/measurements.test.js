'use strict';
// POST /api/v1/kpis/{id}/measurements: one or a batch, validated whole, one transaction.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, api, demoIds } = require('../lib/server');

let srv;
let ids;
before(async () => {
  srv = await startServer();
  ids = await demoIds(srv.url);
});
after(() => srv && srv.stop());

const post = (body, kpi = ids.kpiId, headers) =>
  api(srv.url, `/api/v1/kpis/${kpi}/measurements`, { method: 'POST', body, headers });
const kpi = async (id = ids.kpiId) => {
  const r = await api(srv.url, `/api/v1/kpis/${id}`);
  assert.equal(r.status, 200);
  return r.json;
};

function assertError(r, status, field) {
  assert.equal(r.status, status, `status ${r.status}: ${r.text}`);
  assert.ok(r.json?.error, `error body: ${r.text}`);
  assert.equal(typeof r.json.error.code, 'string');
  assert.equal(typeof r.json.error.message, 'string');
  if (field !== undefined) assert.equal(r.json.error.field, field, `field of ${r.text}`);
}

test('a valid measurement → 201, visible on the KPI, and derived.latest is it', async () => {
  const before = await kpi();
  const r = await post({ period: '2025-03-31', value: 12.5, note: 'テスト' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items.length, 1);
  const id = r.json.items[0].id;
  assert.ok(Number.isInteger(id));
  const k = await kpi();
  assert.equal(k.measurements.length, before.measurements.length + 1);
  const m = k.measurements.find((x) => x.id === id);
  assert.ok(m, `measurement ${id} on the KPI: ${JSON.stringify(k.measurements)}`);
  assert.equal(m.period, '2025-03-31');
  assert.equal(m.value, 12.5);
  assert.equal(m.note, 'テスト');
  assert.equal(k.derived.latest, 12.5);
  assert.equal(k.derived.latest_period, '2025-03-31');
  assert.notEqual(k.derived.status, 'no_data');
  // baseline 0 (FY2024), target 50 (FY2026): achievement (12.5 − 0) / (50 − 0)
  assert.ok(Math.abs(k.derived.achievement - 0.25) < 1e-9, `achievement ${k.derived.achievement}`);
});

test('the latest is the measurement with the latest period, not the last posted', async () => {
  const r1 = await post({ period: '2025-09-30', value: 20 });
  assert.equal(r1.status, 201, r1.text);
  const r2 = await post({ period: '2025-06-30', value: 15 });
  assert.equal(r2.status, 201, r2.text);
  const k = await kpi();
  assert.equal(k.derived.latest_period, '2025-09-30');
  assert.equal(k.derived.latest, 20);
});

test('a batch of 3 → 201 with 3 ids', async () => {
  const other = ids.plan.pillars[0].themes[0].measures[0].kpis[0].id;   // 1-1-1's KPI
  const before = await kpi(other);
  const r = await post({ measurements: [
    { period: '2024-03-31', value: 40 },
    { period: '2025-03-31', value: 50.5 },
    { period: '2026-03-31', value: 61 },
  ] }, other);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items.length, 3);
  assert.equal(r.json.total, 3);
  const newIds = r.json.items.map((x) => x.id);
  for (const id of newIds) assert.ok(Number.isInteger(id));
  assert.equal(new Set(newIds).size, 3, 'distinct ids');
  const k = await kpi(other);
  assert.equal(k.measurements.length, before.measurements.length + 3);
  for (const id of newIds) assert.ok(k.measurements.some((m) => m.id === id), `id ${id} stored`);
  assert.equal(k.derived.latest, 61);
});

test('a batch whose 3rd item is bad → 422 naming measurements[2].value, and nothing is written', async () => {
  const before = await kpi();
  const r = await post({ measurements: [
    { period: '2026-06-30', value: 30 },
    { period: '2026-09-30', value: 31 },
    { period: '2026-12-31', value: 'many' },
  ] });
  assertError(r, 422, 'measurements[2].value');
  const after = await kpi();
  assert.equal(after.measurements.length, before.measurements.length, 'nothing written');
  assert.deepEqual(after.measurements, before.measurements);
  assert.deepEqual(after.derived, before.derived);
});

test('a batch with an impossible period in the middle → 422 naming measurements[1].period, nothing written', async () => {
  // a bad period in the middle: validated before any write
  const before = await kpi();
  const r = await post({ measurements: [{ period: '2026-06-30', value: 1 }, { period: '2026-13-01', value: 2 }] });
  assertError(r, 422, 'measurements[1].period');
  assert.equal((await kpi()).measurements.length, before.measurements.length);
});

test('malformed JSON → 400 JSON error', async () => {
  for (const body of ['{"period":', 'not json', '{"period":"2025-03-31","value":1,}', '']) {
    const r = await post(body, ids.kpiId, { 'Content-Type': 'application/json' });
    assertError(r, 400);
  }
});

test('value given as a string → 422 field "value"', async () => {
  const before = await kpi();
  assertError(await post({ period: '2025-03-31', value: '12.5' }), 422, 'value');
  assertError(await post({ period: '2025-03-31' }), 422, 'value');
  assertError(await post({ period: '2025-03-31', value: null }), 422, 'value');
  assertError(await post({ period: '2025-03-31', value: true }), 422, 'value');
  assert.equal((await kpi()).measurements.length, before.measurements.length);
});

test('an impossible period such as 2024-02-30 → 422 field "period"', async () => {
  const before = await kpi();
  for (const period of ['2024-02-30', '2023-02-29', '2025-13-01', '2025-3-31', '20250331', '', '2025-03-31T00:00:00Z'])
    assertError(await post({ period, value: 1 }), 422, 'period');
  assertError(await post({ period: 20250331, value: 1 }), 422, 'period');
  assert.equal((await kpi()).measurements.length, before.measurements.length);
  // a leap day is a real date
  const ok = await post({ period: '2024-02-29', value: 3 });
  assert.equal(ok.status, 201, ok.text);
});

test('an unknown KPI → 404, a non-numeric KPI id → 404', async () => {
  assertError(await post({ period: '2025-03-31', value: 1 }, 999999), 404);
  assertError(await post({ period: '2025-03-31', value: 1 }, 'abc'), 404);
});

test('a body over 4 MiB → 413 and nothing is written', async () => {
  const before = await kpi();
  const note = 'x'.repeat(4 * 1024 * 1024 + 16);
  const r = await post(JSON.stringify({ period: '2025-03-31', value: 1, note }), ids.kpiId,
    { 'Content-Type': 'application/json' });
  assertError(r, 413);
  assert.equal((await kpi()).measurements.length, before.measurements.length);
});

test('an over-long note is refused with 422 field "note"', async () => {
  assertError(await post({ period: '2025-03-31', value: 1, note: 'あ'.repeat(3000) }), 422, 'note');
});

test('acknowledged writes survive a killed server (SIGKILL, then serve the same database again)', async () => {
  const other = ids.plan.pillars[0].themes[1].measures[0].kpis[0].id;   // 1-2-1's KPI
  const acked = [];
  for (let i = 0; i < 5; i++) {
    const r = await post({ period: `2025-0${i + 1}-28`, value: 70 + i }, other);
    assert.equal(r.status, 201, r.text);
    acked.push(r.json.items[0].id);
  }
  const patched = await api(srv.url, `/api/v1/measures/${ids.measureId}`, { method: 'PATCH', body: { ideal: '強制終了の前に保存した理想' } });
  assert.equal(patched.status, 200);
  await srv.restart('SIGKILL');
  const k = await kpi(other);
  for (const id of acked) assert.ok(k.measurements.some((m) => m.id === id), `measurement ${id} was lost`);
  const m = await api(srv.url, `/api/v1/measures/${ids.measureId}`);
  assert.equal(m.json.ideal, '強制終了の前に保存した理想');
});
