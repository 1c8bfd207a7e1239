#!/usr/bin/env python3
"""Workload benchmark (make bench, issue 14): the workload summary of the demo, and of an
organisation with a survey of 300 businesses × 8 steps.

Makes a demo database; reads GET /api/v1/orgs/{code}/workload for 江津市 and 印西市 as they come
(no survey yet); then writes a synthetic survey CSV of 300 businesses × 8 steps over 江津市's
departments, imports it with `kawaru import --survey` (timed), applies two means to a step of
every business (600 applications, written with sqlite3: the matrix has no bulk import), and
times GET /api/v1/orgs/322075/workload again: the median of ROUNDS requests over one kept-alive
connection, signed in as the demo admin. Prints a Markdown table for docs/benchmarks.md, e.g.

    | organisation | businesses × steps | import | GET …/workload (median) | baseline h | projected h |

Usage: bench/workload.py [KAWARU_BIN]   (default $KAWARU_BIN or build/kawaru)
Environment: WORKLOAD_BUSINESSES (300), WORKLOAD_STEPS (8), WORKLOAD_ROUNDS (50).
"""
import http.client
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import BIN, ROOT, free_port, rss_kb, wait_listening  # noqa: E402,F401
BUSINESSES = int(os.environ.get("WORKLOAD_BUSINESSES", "300"))
STEPS = int(os.environ.get("WORKLOAD_STEPS", "8"))
ROUNDS = int(os.environ.get("WORKLOAD_ROUNDS", "50"))
HEADER = "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考"
STAFF = ["正規職員", "会計年度任用職員", "委託"]
CHANNELS = ["窓口", "電話", "郵送", "オンライン", "庁内"]


def survey_csv(departments):
    """BUSINESSES businesses × STEPS steps, spread over the departments, seeded: the same file each run."""
    rnd = random.Random(14)
    lines = [HEADER]
    for b in range(BUSINESSES):
        dept = departments[b % len(departments)]
        volume = rnd.randint(50, 20000)
        for s in range(1, STEPS + 1):
            flags = ["○" if rnd.random() < 0.3 else "" for _ in range(5)]
            lines.append(f"{dept},2024,B{b:04d},業務{b:04d},{volume},{s},手順{s},{rnd.randint(1, 45)},"
                         f"{rnd.choice(STAFF)},{rnd.choice(CHANNELS)},{','.join(flags)},")
    return "\r\n".join(lines) + "\r\n"


class Client:
    """One kept-alive connection, signed in as the demo admin."""

    def __init__(self, port, db):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        password = next(line.split("\t")[2].strip() for line in open(db + ".demo-users", encoding="utf-8")
                        if line.startswith("admin\t"))
        self.conn.request("POST", "/api/v1/session", json.dumps({"login": "demo-admin", "password": password}),
                          {"Content-Type": "application/json"})
        r = self.conn.getresponse()
        r.read()
        if r.status != 201:
            raise SystemExit(f"sign-in: {r.status}")
        self.cookie = r.getheader("Set-Cookie").split(";")[0]

    def get(self, path):
        t0 = time.perf_counter()
        self.conn.request("GET", path, headers={"Cookie": self.cookie})
        r = self.conn.getresponse()
        body = r.read()
        t = time.perf_counter() - t0
        if r.status != 200:
            raise SystemExit(f"GET {path}: {r.status} {body[:200]!r}")
        return json.loads(body), t


def timed(client, path):
    times = []
    for _ in range(ROUNDS):
        body, t = client.get(path)
        times.append(t)
    return body, statistics.median(times) * 1000


def main():
    with tempfile.TemporaryDirectory(prefix="kawaru-workload-") as tmp:
        db = os.path.join(tmp, "bench.db")
        subprocess.run([BIN, "init", "--demo", db], check=True, stdout=subprocess.DEVNULL)
        con = sqlite3.connect(db)
        departments = [r[0] for r in con.execute(
            "SELECT d.code FROM department d JOIN org o ON o.id = d.org_id WHERE o.code = '322075' ORDER BY d.position")]
        port = free_port()
        server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_listening(port, 10)
            client = Client(port, db)
            print("| organisation | businesses × steps | survey import | GET /api/v1/orgs/{code}/workload, median "
                  f"of {ROUNDS} | baseline h/year | projected h/year | projected reduction |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
            for code, name in (("322075", "江津市 (demo, no survey yet)"), ("122319", "印西市 (demo, its 30% goal only)")):
                body, ms = timed(client, f"/api/v1/orgs/{code}/workload")
                print(f"| {name} | 0 | — | {ms:.2f} ms | {body['baseline_hours']:.0f} | {body['projected_hours']:.0f} | — |")

            path = os.path.join(tmp, "survey.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(survey_csv(departments))
            t0 = time.perf_counter()
            subprocess.run([BIN, "import", "--db", db, "--survey", path, "--org", "322075"], check=True,
                           stdout=subprocess.DEVNULL)
            import_s = time.perf_counter() - t0
            means = [r[0] for r in con.execute(
                "SELECT m.id FROM means m JOIN org o ON o.id = m.org_id WHERE o.code = '322075' ORDER BY m.position")]
            steps = con.execute("SELECT s.id FROM business_step s WHERE s.number IN (1, 2) ORDER BY s.id").fetchall()
            con.executemany("INSERT INTO means_application (step_id, means_id, reduction) VALUES (?, ?, ?)",
                            [(sid, means[i % len(means)], 30) for i, (sid,) in enumerate(steps)])
            con.commit()
            body, ms = timed(client, "/api/v1/orgs/322075/workload")
            reduction = body["projected_reduction_percent"]
            print(f"| 江津市 with a synthetic survey and {len(steps)} means applied | {BUSINESSES} × {STEPS} | "
                  f"{import_s:.2f} s | {ms:.2f} ms | {body['baseline_hours']:.0f} | {body['projected_hours']:.0f} | "
                  f"{reduction:.1f} % |")
        finally:
            server.terminate()
            server.wait(timeout=10)
            con.close()


if __name__ == "__main__":
    main()
