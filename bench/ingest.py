#!/usr/bin/env python3
"""Ingestion benchmark (make bench, issue 13 point 8): a KPI with 20,000 values takes a new value
as fast as a KPI with 10.

Makes a demo database, an API token and a server on loopback; fills one KPI with 10 values and
another with 20,000 (POSTs of 1,000 values); then, in alternating rounds over one kept-alive
connection, POSTs single new values to both and times each request; then three batches of
1,000 values to each. Prints the median time of a single value's request at both sizes and their
ratio (the median, because the machine is shared and a stray process stalls a request now and
then), e.g.

    ingestion: 10 rows 0.31 ms/value, 20000 rows 0.32 ms/value, ratio 1.03

The times include HTTP and the commit of each request (WAL, synchronous=NORMAL), which do not
depend on the KPI's size; what does is the update of the KPI's aggregates.

Usage: bench/ingest.py [KAWARU_BIN]   (default $KAWARU_BIN or build/kawaru)
Environment: INGEST_ROWS (20000), INGEST_SMALL (10), INGEST_ROUNDS (10), INGEST_PER_ROUND (40).
"""
import datetime
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import BIN, ROOT, free_port, rss_kb, wait_listening  # noqa: E402,F401
ROWS = int(os.environ.get("INGEST_ROWS", "20000"))
SMALL = int(os.environ.get("INGEST_SMALL", "10"))
ROUNDS = int(os.environ.get("INGEST_ROUNDS", "10"))
PER_ROUND = int(os.environ.get("INGEST_PER_ROUND", "40"))
BATCH = 1000            # the API's largest batch
BATCHES = 3             # of BATCH values to each KPI, after the single values (median)
DAY0 = datetime.date(1970, 1, 1)


class Client:
    """One kept-alive connection to the server, with the token's header."""

    def __init__(self, port, token):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def get(self, path):
        self.conn.request("GET", path)
        r = self.conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise SystemExit(f"GET {path}: {r.status} {body[:200]!r}")
        return json.loads(body)

    def post(self, kpi, values):
        """POSTs (period, value) pairs: one object, or a batch."""
        items = [{"period": p, "value": v} for p, v in values]
        body = json.dumps(items[0] if len(items) == 1 else {"measurements": items})
        self.conn.request("POST", f"/api/v1/kpis/{kpi}/measurements", body, self.headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 201:
            raise SystemExit(f"POST to KPI {kpi}: {r.status} {data[:200]!r}")


class Series:
    """Values of one KPI on consecutive days, from 1970 on: each new one is the latest."""

    def __init__(self):
        self.day = 0

    def take(self, n):
        out = []
        for _ in range(n):
            out.append(((DAY0 + datetime.timedelta(days=self.day)).isoformat(), 40 + (self.day * 7919 % 6000) / 100))
            self.day += 1
        return out


def fill(client, kpi, series, n):
    while n > 0:
        k = min(n, BATCH)
        client.post(kpi, series.take(k))
        n -= k


def main():
    if not os.access(BIN, os.X_OK):
        raise SystemExit(f"{BIN} is missing: build it first (make build)")
    tmp = tempfile.mkdtemp(prefix="kawaru-ingest.")
    server = None
    try:
        db = os.path.join(tmp, "bench.db")
        subprocess.run([BIN, "init", "--demo", db], check=True, stdout=subprocess.DEVNULL)
        out = subprocess.run([BIN, "token", "create", "--db", db, "--org", "322075", "--name", "bench"],
                             check=True, capture_output=True, text=True).stdout
        token = next(w for w in out.split() if w.startswith("kwt_"))
        port = free_port()
        server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(port, 10)
        client = Client(port, token)
        plan = client.get("/api/v1/orgs/322075/plans")["items"][0]["id"]
        kpis = [k["id"] for m in client.get(f"/api/v1/plans/{plan}/measures")["items"] for k in m.get("kpis", [])]
        small, large = kpis[0], kpis[1]
        s_small, s_large = Series(), Series()
        t0 = time.perf_counter()
        fill(client, small, s_small, SMALL)
        fill(client, large, s_large, ROWS)
        fill_s = time.perf_counter() - t0

        # a round of each untimed, then alternating rounds (which KPI goes first alternates too)
        times = {small: [], large: []}
        pairs = [(small, s_small), (large, s_large)]
        for r in range(ROUNDS + 1):
            for kpi, series in (pairs if r % 2 else pairs[::-1]):
                for v in series.take(PER_ROUND):
                    t = time.perf_counter()
                    client.post(kpi, [v])
                    if r:
                        times[kpi].append(time.perf_counter() - t)
        n = (ROUNDS + 1) * PER_ROUND
        ms_small, ms_large = statistics.median(times[small]) * 1e3, statistics.median(times[large]) * 1e3
        batch = {small: [], large: []}
        for r in range(BATCHES):
            for kpi, series in (pairs if r % 2 else pairs[::-1]):
                values = series.take(BATCH)
                t = time.perf_counter()
                client.post(kpi, values)
                batch[kpi].append(time.perf_counter() - t)
        batch = {kpi: statistics.median(v) for kpi, v in batch.items()}
        print(f"ingestion: {SMALL} rows {ms_small:.2f} ms/value, {ROWS} rows {ms_large:.2f} ms/value, "
              f"ratio {ms_large / ms_small:.2f}")
        print(f"ingestion: a batch of {BATCH} values (median of {BATCHES}): into {SMALL + n} rows {batch[small] * 1e3:.0f} ms, "
              f"into {ROWS + n} rows {batch[large] * 1e3:.0f} ms, ratio {batch[large] / batch[small]:.2f}")
        print(f"ingestion: filling the KPIs ({SMALL} + {ROWS} values, POSTs of up to {BATCH}) took {fill_s:.1f} s")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
