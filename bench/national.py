#!/usr/bin/env python3
"""The national benchmark (make bench-national, issue 17 point 1): how kawaru's costs grow from 10
organisations to all 1,741 municipalities.

Writes the national data set once (bench/gen_national.py, seeded) for the largest size; then for
each size N (the first N organisations of the set): a new database, `kawaru import` of the N plan
documents in batches of BATCH files (timed: organisations and measurements per second), the
opinions added (published, as the office would have moderated them; written with sqlite3, as a
resident's form is rate-limited per address), a review period of the last organisation's plan
opened (the HQ pack's), the database's size after a checkpoint; then `kawaru serve --no-cache` on
it and, over one kept-alive connection, ROUNDS requests of each of: the plan page, a measure's
page, a KPI's page, a search inside the plan (page and API), the organisations (home page, a
prefecture's page and API), the categories and the cross-city comparison of one, the HQ pack
(signed in as the office) and the open data (one organisation's measurements, the catalogue's
page and API). Prints for each size the import, the
size and the server's RSS after the requests, and a table of the median and 90th-percentile
time of each request at every size, so that how each grows is visible.

Usage: bench/national.py [KAWARU_BIN]   (default $KAWARU_BIN or build/kawaru)
Environment: NATIONAL_SIZES ("10 100 1741"), NATIONAL_ROUNDS (20), NATIONAL_BATCH (200),
NATIONAL_KEEP (a directory to keep the databases in; default: a temporary one, removed),
NATIONAL_PG (a PostgreSQL server's URI without a database, e.g. postgresql://kawaru@127.0.0.1:5432:
each size in a database national_N made there, dropped and made again, instead of a SQLite file;
scripts/pg.sh starts a throw-away one; the database's size is pg_database_size)."""
import http.client
import json
import os
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import BIN, ROOT, free_port, rss_kb, wait_listening  # noqa: E402,F401
SIZES = [int(x) for x in os.environ.get("NATIONAL_SIZES", "10 100 1741").split()]
ROUNDS = int(os.environ.get("NATIONAL_ROUNDS", "20"))
BATCH = int(os.environ.get("NATIONAL_BATCH", "200"))
PASSWORD = "national-bench-" + secrets.token_hex(8)
PG = os.environ.get("NATIONAL_PG", "").rstrip("/")


def psql(uri, sql):
    """PostgreSQL's answer to sql (psql, unaligned, no headers)."""
    return subprocess.run(["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", uri], input=sql, text=True,
                          check=True, capture_output=True).stdout.strip()


def pg_literal(s):
    return "'" + s.replace("'", "''") + "'"


class Client:
    """One kept-alive connection; times each request."""

    def __init__(self, port):
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = self.csrf = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            h["Content-Type"] = "application/json"
        t = time.perf_counter()
        self.c.request(method, path, body=body, headers=h)
        r = self.c.getresponse()
        data = r.read()
        return r.status, data, time.perf_counter() - t, r

    def json(self, path, method="GET", body=None):
        status, data, _, _ = self.request(method, path, body)
        if status >= 300:
            raise SystemExit(f"{method} {path}: {status} {data[:300]!r}")
        return json.loads(data)


def import_set(db, files):
    t = time.perf_counter()
    for i in range(0, len(files), BATCH):
        subprocess.run([BIN, "import", "--db", db] + files[i:i + BATCH], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def add_opinions(db, data, codes):
    """The generated opinions of the first organisations, as published opinions on their measures."""
    if PG:
        return add_opinions_pg(db, data, codes)
    wanted = set(codes)
    con = sqlite3.connect(db)
    plan_of = {code: (org_id, plan_id) for code, org_id, plan_id in con.execute(
        "SELECT o.code, o.id, min(p.id) FROM org o JOIN plan p ON p.org_id = o.id GROUP BY o.code, o.id")}
    n = 0
    now = int(time.time())
    with open(os.path.join(data, "opinions.tsv"), encoding="utf-8") as f:
        for line in f:
            code, measure, body = line.rstrip("\n").split("\t")
            if code not in wanted:
                continue
            org_id, plan_id = plan_of[code]
            row = con.execute("SELECT id, title FROM measure WHERE plan_id = ? AND key = ?", (plan_id, measure)).fetchone()
            con.execute("INSERT INTO feedback (org_id, plan_id, measure_code, measure_id, measure_title, body, state, "
                        "created_unix, addr_hash) VALUES (?, ?, ?, ?, ?, ?, 'published', ?, ?)",
                        (org_id, plan_id, measure, row[0], row[1], body, now, secrets.token_bytes(32)))
            n += 1
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return n



def add_opinions_pg(db, data, codes):
    """add_opinions on PostgreSQL: the same rows, as one script of INSERTs run by psql."""
    wanted = set(codes)
    now = int(time.time())
    lines, n = ["BEGIN;"], 0
    with open(os.path.join(data, "opinions.tsv"), encoding="utf-8") as f:
        for line in f:
            code, measure, body = line.rstrip("\n").split("\t")
            if code not in wanted:
                continue
            lines.append("INSERT INTO feedback (org_id, plan_id, measure_code, measure_id, measure_title, body, state, "
                         "created_unix, addr_hash) SELECT o.id, p.id, m.key, m.id, m.title, %s, 'published', %d, "
                         "decode('%s', 'hex') FROM org o JOIN plan p ON p.org_id = o.id JOIN measure m ON m.plan_id = p.id "
                         "WHERE o.code = %s AND m.key = %s AND p.id = (SELECT min(id) FROM plan WHERE org_id = o.id);"
                         % (pg_literal(body), now, secrets.token_hex(32), pg_literal(code), pg_literal(measure)))
            n += 1
    lines.append("COMMIT;")
    psql(db, "\n".join(lines))
    return n

def timed(client, path, rounds):
    times, size = [], 0
    for _ in range(rounds):
        status, data, dt, _ = client.request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path}: {status} {data[:300]!r}")
        times.append(dt * 1000)
        size = len(data)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.9))], size


def run_size(n, data, codes, work):
    if PG:
        db = f"{PG}/national_{n}"
        psql(PG + "/postgres", f"DROP DATABASE IF EXISTS national_{n} WITH (FORCE)")
        psql(PG + "/postgres", f"CREATE DATABASE national_{n} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    else:
        db = os.path.join(work, f"national-{n}.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    subprocess.run([BIN, "init", db], check=True, stdout=subprocess.DEVNULL, cwd=work)
    files = [os.path.join(data, c + ".json") for c in codes[:n]]
    seconds = import_set(db, files)
    opinions = add_opinions(db, data, codes[:n])
    last = codes[n - 1]
    subprocess.run([BIN, "user", "add", "--db", db, "--org", last, "--login", "bench-office", "--name", "ベンチ",
                    "--role", "office"], input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    if PG:
        measurements = int(psql(db, "SELECT count(*) FROM kpi_measurement"))
        psql(db, "VACUUM ANALYZE")
        size = int(psql(db, "SELECT pg_database_size(current_database())"))
    else:
        con = sqlite3.connect(db)
        measurements = con.execute("SELECT count(*) FROM kpi_measurement").fetchone()[0]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        size = os.path.getsize(db)
    port = free_port()
    log = open(os.path.join(work, f"serve-{n}.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", "--no-cache"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_listening(port)
        c = Client(port)
        plan = c.json(f"/api/v1/orgs/{last}/plans")["items"][0]["id"]
        q = urllib.parse.quote("窓口")
        hits = c.json(f"/api/v1/plans/{plan}/measures?q={q}")["items"]
        measure = c.json(f"/api/v1/measures/{hits[0]['id'] if hits else 1}")
        kpi = measure["kpis"][0]["id"]
        key = urllib.parse.quote(measure.get("key") or measure["code"], safe="/")
        office = Client(port)
        status, body, _, r = office.request("POST", "/api/v1/session", {"login": "bench-office", "password": PASSWORD})
        if status not in (200, 201):
            raise SystemExit(f"cannot sign in as the office: {status}")
        office.cookie = r.getheader("Set-Cookie").split(";")[0]
        office.csrf = json.loads(body)["csrf_token"]
        period = office.json(f"/api/v1/plans/{plan}/periods", "POST", {"fy": 2025, "quarter": 4,
                                                                           "deadline": "2026-04-30"})["id"]
        compared = c.json("/api/v1/categories/no_writing_counter/measures?limit=1")["total"]
        last_page = max(compared - 1, 0) // 50 * 50       # the page's 50 (src/web/page_category.c)
        reads = [
            ("plan page", c, f"/plans/{plan}/published"),
            ("measure page", c, f"/plans/{plan}/published/measures/{key}"),
            ("KPI page", c, f"/kpis/{kpi}"),
            ("search in the plan (page)", c, f"/plans/{plan}/search?q={q}"),
            ("search in the plan (API)", c, f"/api/v1/plans/{plan}/measures?q={q}"),
            ("organisations (home page)", c, "/"),
            ("a prefecture's organisations (page)", c, "/orgs?prefecture=" + urllib.parse.quote("北海道")),
            ("organisations (API)", c, "/api/v1/orgs"),
            ("categories with their counts (page)", c, "/categories"),
            ("category comparison (page)", c, "/categories/no_writing_counter"),
            ("category comparison (its last page)", c, f"/categories/no_writing_counter?offset={last_page}"),
            ("HQ pack (office)", office, f"/periods/{period}/pack"),
            ("open data: measurements.csv", c, f"/orgs/{last}/open-data/measurements.csv"),
            ("open data catalogue (page)", c, "/open-data"),
            ("open data catalogue (API)", c, "/api/v1/open-data"),
        ]
        results = {name: timed(client, path, ROUNDS) for name, client, path in reads}
        mem = rss_kb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return {"orgs": n, "import_s": seconds, "measurements": measurements, "opinions": opinions,
            "db_mb": size / 1e6, "rss_mb": mem["VmRSS"] / 1024, "hwm_mb": mem["VmHWM"] / 1024,
            "anon_mb": mem["RssAnon"] / 1024, "file_mb": mem["RssFile"] / 1024, "reads": results}


def main():
    keep = os.environ.get("NATIONAL_KEEP")
    work = keep or tempfile.mkdtemp(prefix="kawaru-national.")
    os.makedirs(work, exist_ok=True)
    try:
        data = os.path.join(work, "set")
        if not os.path.exists(os.path.join(data, "orgs.txt")) or \
                sum(1 for _ in open(os.path.join(data, "orgs.txt"))) < max(SIZES):
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_national.py"), "--orgs", str(max(SIZES)),
                            data], check=True, stdout=subprocess.DEVNULL)
        codes = open(os.path.join(data, "orgs.txt")).read().split()
        runs = []
        for n in SIZES:
            r = run_size(n, data, codes, work)
            runs.append(r)
            print(f"{n} organisations: import {r['import_s']:.1f} s ({n / r['import_s']:.0f} organisations/s, "
                  f"{r['measurements'] / r['import_s'] / 1000:.0f}k measurements/s), {r['opinions']} opinions, "
                  f"database {r['db_mb']:.0f} MB, server RSS {r['rss_mb']:.0f} MB (peak {r['hwm_mb']:.0f} MB; "
                  f"{r['anon_mb']:.0f} MB its own, {r['file_mb']:.0f} MB the database's pages mapped)",
                  flush=True)
        print()
        print("| request (uncached, median / p90 ms, size) | " + " | ".join(f"{r['orgs']} orgs" for r in runs) + " |")
        print("|---|" + "---|" * len(runs))
        for name in runs[0]["reads"]:
            cells = []
            for r in runs:
                med, p90, size = r["reads"][name]
                cells.append(f"{med:.1f} / {p90:.1f} ({size / 1000:.0f} KB)")
            print(f"| {name} | " + " | ".join(cells) + " |")
        print("| import (s) | " + " | ".join(f"{r['import_s']:.1f}" for r in runs) + " |")
        print("| database (MB) | " + " | ".join(f"{r['db_mb']:.0f}" for r in runs) + " |")
        print("| server RSS after the requests (MB) | " + " | ".join(f"{r['rss_mb']:.0f}" for r in runs) + " |")
        print("| of which its own memory (RssAnon, MB) | " + " | ".join(f"{r['anon_mb']:.0f}" for r in runs) + " |")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
