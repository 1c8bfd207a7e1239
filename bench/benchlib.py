"""What the benchmark scripts share (bench/*.py): the kawaru binary they run (the first argument,
else $KAWARU_BIN, else build/kawaru), a free loopback port, waiting for a server to listen, a
process's memory from /proc, and reading a database of either engine (query)."""
import os
import socket
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("KAWARU_BIN", os.path.join(ROOT, "build", "kawaru"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port, seconds=60):
    """Returns once something accepts connections on the loopback port (or after seconds)."""
    for _ in range(seconds * 10):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)


def rss_kb(pid):
    """VmRSS, VmHWM, RssAnon and RssFile of process pid, in KiB."""
    v = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:", "RssFile:")):
                k, n = line.split()[:2]
                v[k[:-1]] = int(n)
    return v


def query(db, sql):
    """The rows of sql (no parameters: the benchmarks put only numbers of their own into it) on a
    SQLite file or a postgresql:// database (through psql: every value as text — a code such as
    014788 keeps its zero)."""
    if not db.startswith(("postgresql://", "postgres://")):
        con = sqlite3.connect(db)
        rows = [tuple(r) for r in con.execute(sql)]
        con.close()
        return rows
    out = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-F", "\t", "-v", "ON_ERROR_STOP=1", db, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]
