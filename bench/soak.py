#!/usr/bin/env python3
"""The soak (issue 17, point 6): mixed reads and writes from 1,000 connections on the national
data set, bounded in time — 0 errors, no memory growth, the latency percentiles.

Makes (or, with SOAK_DB, reuses) a database of SOAK_ORGS organisations of the national data set
(bench/gen_national.py, imported as bench/national.py does), an API token of the last
organisation, and `kawaru serve` as deployed (with its response cache) on loopback, with the
per-address connection cap raised for the load generator. Then wrk (-t2, SOAK_CONNECTIONS
connections, SOAK_SECONDS) runs bench/soak.lua: each request is, at random, one of the published
plan page, a measure's page, a KPI's page, a search inside a plan, a KPI in the API — of 200
organisations drawn at random — or, one in ten, a new measurement POSTed with the token to one of
the last organisation's KPIs (each write empties the content caches, so the reads that follow are
answered from SQLite). Meanwhile the server's memory is read every 2 s. Prints wrk's summary and
latency percentiles, the responses by status, and the server's own memory (RssAnon) at the start,
half-way and at its end; exits 1 when a request failed (a socket error, a status other than
200/201) or its own memory grew by more than 10% over the second half (the first warms the
threads' kept versions and SQLite's caches up).

Usage: bench/soak.py [KAWARU_BIN]   (default $KAWARU_BIN or build/kawaru)
Environment: SOAK_ORGS (1741), SOAK_SECONDS (60), SOAK_CONNECTIONS (1000), SOAK_DB (an existing
national database to use, a SQLite file or a postgresql:// URI such as bench/national.py's
NATIONAL_PG makes; it gets a token and measurements), NATIONAL_KEEP (as bench/national.py)."""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import national  # noqa: E402  (the data set and its import: one way to make them)
from benchlib import BIN, ROOT, free_port, query, rss_kb, wait_listening  # noqa: E402
ORGS = int(os.environ.get("SOAK_ORGS", "1741"))
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "1000"))


def make_db(work):
    data = os.path.join(work, "set")
    if not os.path.exists(os.path.join(data, "orgs.txt")):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_national.py"), "--orgs", str(ORGS), data],
                       check=True, stdout=subprocess.DEVNULL)
    codes = open(os.path.join(data, "orgs.txt")).read().split()[:ORGS]
    db = os.path.join(work, f"soak-{ORGS}.db")
    if not os.path.exists(db):
        subprocess.run([BIN, "init", db], check=True, stdout=subprocess.DEVNULL)
        print(f"importing {len(codes)} organisations …", flush=True)
        national.import_set(db, [os.path.join(data, c + ".json") for c in codes])
    return db


def targets(db):
    """Reads of 200 organisations at random, and the KPIs the token may write to."""
    rnd = random.Random(7)
    plans = sorted(int(r[0]) for r in query(db, "SELECT p.id FROM plan p WHERE EXISTS (SELECT 1 FROM plan_version v "
                                           "WHERE v.plan_id = p.id)"))
    reads = []
    q = urllib.parse.quote("窓口")
    for plan in rnd.sample(plans, min(200, len(plans))):
        m = query(db, f"SELECT id, key FROM measure WHERE plan_id = {int(plan)} ORDER BY id LIMIT 1")[0]
        k = query(db, f"SELECT id FROM kpi WHERE measure_id = {int(m[0])} ORDER BY id LIMIT 1")
        k = k[0] if k else None
        reads += [f"/plans/{plan}/published", f"/plans/{plan}/published/measures/{urllib.parse.quote(str(m[1]))}",
                  f"/plans/{plan}/search?q={q}", f"/api/v1/kpis/{k[0]}" if k else f"/api/v1/measures/{m[0]}"]
        if k:
            reads.append(f"/kpis/{k[0]}")
    org = query(db, "SELECT o.code, o.id FROM org o ORDER BY o.id DESC LIMIT 1")[0]
    kpis = [int(r[0]) for r in query(db, "SELECT k.id FROM kpi k JOIN measure m ON m.id = k.measure_id JOIN plan p ON "
                                    f"p.id = m.plan_id WHERE p.org_id = {int(org[1])} LIMIT 50")]
    return reads, str(org[0]), kpis


def main():
    keep = os.environ.get("NATIONAL_KEEP")
    work = keep or tempfile.mkdtemp(prefix="kawaru-soak.")
    os.makedirs(work, exist_ok=True)
    db = os.environ.get("SOAK_DB") or make_db(work)
    reads, code, kpis = targets(db)
    out = subprocess.run([BIN, "token", "create", "--db", db, "--org", code, "--name", f"soak-{int(time.time())}"],
                         check=True, capture_output=True, text=True).stdout
    token = re.search(r"kwt_[A-Za-z0-9_-]+", out)
    if not token:
        raise SystemExit(f"no token in: {out}")
    lua = os.path.join(work, "soak-targets.lua")
    with open(lua, "w") as f:
        f.write("reads = " + json.dumps(reads).replace("[", "{").replace("]", "}") + "\n")
        f.write("kpis = " + json.dumps(kpis).replace("[", "{").replace("]", "}") + "\n")
        f.write(f'token = "{token.group(0)}"\n')
    port = free_port()
    env = dict(os.environ, KAWARU_CONNECTIONS_PER_ADDRESS=str(CONNECTIONS + 100))
    log = open(os.path.join(work, "soak-serve.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"], stdout=log,
                              stderr=subprocess.STDOUT, env=env)
    samples = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            samples.append((time.time(), rss_kb(server.pid)))
            stop.wait(2)
    try:
        wait_listening(port)
        sampler = threading.Thread(target=sample)
        sampler.start()
        env_wrk = dict(os.environ, SOAK_TARGETS=lua)
        r = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency",
                            "-s", os.path.join(ROOT, "bench", "soak.lua"), f"http://127.0.0.1:{port}"],
                           capture_output=True, text=True, env=env_wrk)
        stop.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    print(r.stdout, r.stderr, sep="")
    anon = [s[1]["RssAnon"] / 1024 for s in samples]
    half = anon[len(anon) // 2] if anon else 0
    print(f"server's own memory (RssAnon): start {anon[0]:.0f} MB, half-way {half:.0f} MB, "
          f"end {anon[-1]:.0f} MB, most {max(anon):.0f} MB; RSS at the end {samples[-1][1]['VmRSS'] / 1024:.0f} MB")
    errors = re.search(r"Socket errors: (.*)", r.stdout)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", r.stdout)
    statuses = re.search(r"statuses: (.*)", r.stdout)
    failed = bool(errors) or bool(bad) or (statuses and re.search(r"\b(?!200|201)\d{3}=", statuses.group(1)))
    grew = anon and half and anon[-1] > half * 1.1
    print("soak:", "FAILED requests" if failed else "0 errors", "|", "memory grew" if grew else "no memory growth")
    if not keep:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed or grew else 0)


if __name__ == "__main__":
    main()
