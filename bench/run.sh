#!/usr/bin/env bash
# The benchmark (make bench): wrk against kawaru, beside nginx serving the same bytes as static
# files in the same run. Measures a single measure (JSON), a 50-measure JSON list and the plan
# overview page, each served from kawaru's response cache and without it (--no-cache).
# The cache serves the public (anonymous requests, which read the published version); so the
# cached runs are anonymous and the uncached runs are a signed-in member's (the demo admin's
# session cookie: a session lookup, then the working draft).
# A second reference, bench/ref_list.c (built as build/ref_list), answers the same plan's 50
# measures with one query and no more: the least a server can do for a list on this machine.
# Prints a Markdown table for docs/benchmarks.md, with the CPU time (user + system) the server
# spent per request, read from /proc before and after each run (nginx: its workers together).
# BENCH_SECONDS and BENCH_CONNECTIONS tune it.
# Then bench/ingest.py (issue 13, point 8): the time of a new value in a KPI of 10 values and in
# one of 20,000, and their ratio (it starts its own server and database). Last, bench/workload.py
# (issue 14): GET /api/v1/orgs/{code}/workload for the demo and for a survey of 300 businesses ×
# 8 steps with 600 means applied, and the survey's import time.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${BENCH_SECONDS:-10}
CONN=${BENCH_CONNECTIONS:-64}
BIN=${KAWARU_BIN:-build/kawaru}
REF=${REF_LIST_BIN:-build/ref_list}
[ -x "$REF" ] || { echo "$REF is missing: make bench builds it (cmake --build build --target ref_list)"; exit 1; }
tmp=$(mktemp -d /tmp/kawaru-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  sleep 0.3; rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no answer from $1"; exit 1; }

"$BIN" init --demo "$tmp/bench.db" >/dev/null
python3 bench/gen_plan.py 50 >"$tmp/synthetic.json"
"$BIN" import --db "$tmp/bench.db" "$tmp/synthetic.json" >/dev/null

port_c=$(free_port); port_u=$(free_port); port_n=$(free_port)
"$BIN" serve --db "$tmp/bench.db" --listen "127.0.0.1:$port_c" >"$tmp/cached.log" 2>&1 & pids+=($!)
"$BIN" serve --db "$tmp/bench.db" --listen "127.0.0.1:$port_u" --no-cache >"$tmp/uncached.log" 2>&1 & pids+=($!)
wait_up "http://127.0.0.1:$port_c/healthz"; wait_up "http://127.0.0.1:$port_u/healthz"

api="http://127.0.0.1:$port_c/api/v1"
gotsu=$(curl -fs "$api/orgs/322075/plans" | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')
synth=$(curl -fs "$api/orgs/999997/plans" | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')
measure=$(curl -fs "$api/plans/$gotsu/measures?q=%E6%9B%B8%E3%81%8B%E3%81%AA%E3%81%84%E7%AA%93%E5%8F%A3" |
          python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')
admin_password=$(awk '$1 == "admin" {print $3}' "$tmp/bench.db.demo-users")
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
              -d "{\"login\":\"demo-admin\",\"password\":\"$admin_password\"}" "http://127.0.0.1:$port_u/api/v1/session" |
         awk -F'[:;] *' 'tolower($1) == "set-cookie" {print $2}')
[ -n "$cookie" ] || { echo "cannot sign in as demo-admin"; exit 1; }
port_r=$(free_port)
"$REF" "$tmp/bench.db" "$synth" "$port_r" >"$tmp/ref.log" 2>&1 & pids+=($!)
wait_up "http://127.0.0.1:$port_r/"
names=(measure list50 plan_page)
paths=("/api/v1/measures/$measure" "/api/v1/plans/$synth/measures" "/plans/$gotsu")
# the public's URL of the same content (the plan page of a draft redirects the public to this)
public_paths=("/api/v1/measures/$measure" "/api/v1/plans/$synth/measures" "/plans/$gotsu/published")
labels=("GET /api/v1/measures/{id} (JSON)" "GET /api/v1/plans/{id}/measures, 50 measures (JSON)" "GET /plans/{id}, plan overview (HTML)")

mkdir -p "$tmp/www" "$tmp/nginx-tmp"
chmod 755 "$tmp" "$tmp/www"   # nginx workers may run as another user
for i in "${!names[@]}"; do
  curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port_u${paths[$i]}" -o "$tmp/www/${names[$i]}"
  chmod 644 "$tmp/www/${names[$i]}"
done
curl -fs "http://127.0.0.1:$port_r/" -o "$tmp/www/ref_list"; chmod 644 "$tmp/www/ref_list"
cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx-tmp/body; proxy_temp_path $tmp/nginx-tmp/proxy;
  fastcgi_temp_path $tmp/nginx-tmp/fastcgi; uwsgi_temp_path $tmp/nginx-tmp/uwsgi; scgi_temp_path $tmp/nginx-tmp/scgi;
  sendfile off; open_file_cache max=100 inactive=60s; open_file_cache_valid 60s;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$port_n; root $tmp/www; }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" || { cat "$tmp/nginx-error.log"; exit 1; }
wait_up "http://127.0.0.1:$port_n/measure" || { cat "$tmp/nginx-error.log"; exit 1; }

# CPU time (user + system, in clock ticks) of the given processes so far
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
nginx_workers() { pgrep -P "$(cat "$tmp/nginx.pid")" | tr '\n' ' '; }

# wrk prints "N requests in …", "Requests/sec: N" and, with --latency, "50% 1.23ms" ... "99% 4.56ms".
# Prints requests/s, p50, p99, non-2xx responses and the server's CPU µs per request.
run_wrk() {      # "SERVER PIDS" URL [header]
  local out t0 t1
  t0=$(cpu_ticks $1)
  out=$(wrk -t2 -c"$CONN" -d"${DUR}s" --latency ${3:+-H "$3"} "$2")
  t1=$(cpu_ticks $1)
  local n rps p50 p99 errs
  n=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  errs=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $p50 $p99 ${errs:-0} $(python3 -c "print(f'{($t1 - $t0) / $(getconf CLK_TCK) / max($n, 1) * 1e6:.1f}')")"
}

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

echo "wrk -t2 -c$CONN -d${DUR}s --latency, loopback, $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| request | bytes | server | requests/s | p50 | p99 | server CPU µs/request | × nginx |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for i in "${!names[@]}"; do
  size=$(stat -c %s "$tmp/www/${names[$i]}")
  read -r n_rps n_p50 n_p99 _ n_cpu < <(run_wrk "$(nginx_workers)" "http://127.0.0.1:$port_n/${names[$i]}")
  read -r c_rps c_p50 c_p99 c_err c_cpu < <(run_wrk "${pids[0]}" "http://127.0.0.1:$port_c${public_paths[$i]}")
  read -r u_rps u_p50 u_p99 u_err u_cpu < <(run_wrk "${pids[1]}" "http://127.0.0.1:$port_u${paths[$i]}" "Cookie: $cookie")
  echo "| ${labels[$i]} | $size | nginx (static file) | $n_rps | $n_p50 | $n_p99 | $n_cpu | 1.00 |"
  echo "| | | kawaru, cached (public) | $c_rps | $c_p50 | $c_p99 | $c_cpu | $(ratio "$c_rps" "$n_rps") |"
  echo "| | | kawaru, uncached (signed in) | $u_rps | $u_p50 | $u_p99 | $u_cpu | $(ratio "$u_rps" "$n_rps") |"
  if [ "${c_err}" != "0" ] || [ "${u_err}" != "0" ]; then echo "non-2xx responses: cached $c_err, uncached $u_err"; fi
done
size=$(stat -c %s "$tmp/www/ref_list")
read -r n_rps n_p50 n_p99 _ n_cpu < <(run_wrk "$(nginx_workers)" "http://127.0.0.1:$port_n/ref_list")
read -r r_rps r_p50 r_p99 r_err r_cpu < <(run_wrk "${pids[2]}" "http://127.0.0.1:$port_r/")
echo "| reference: the same 50 measures, one query, no joins (bench/ref_list.c) | $size | nginx (static file) | $n_rps | $n_p50 | $n_p99 | $n_cpu | 1.00 |"
echo "| | | ref_list, uncached | $r_rps | $r_p50 | $r_p99 | $r_cpu | $(ratio "$r_rps" "$n_rps") |"
if [ "${r_err}" != "0" ]; then echo "non-2xx responses: ref_list $r_err"; fi

echo
echo "Ingestion (bench/ingest.py): a new value into a KPI of 10 values and into one of 20,000"
echo
python3 bench/ingest.py "$BIN"

echo
echo "Workload (bench/workload.py): the workload summary of the demo, and of a survey of 300 businesses × 8 steps"
echo
python3 bench/workload.py "$BIN"
