"""What the benchmark scripts share (bench/*.py): the kawaru binary they run (the first argument,
else $KAWARU_BIN, else build/kawaru), a free loopback port, waiting for a server to listen, and
a process's memory from /proc."""
import os
import socket
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
