#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests of kawaru's PostgreSQL backend (issue 17).
#   scripts/pg.sh start DIR PORT   a fresh cluster in DIR (which must be absent or empty), listening
#                                  on 127.0.0.1:PORT only, its socket in DIR/run; creates database
#                                  `kawaru` (owner: superuser `kawaru`) and prints its URI
#                                  postgresql://kawaru@127.0.0.1:PORT/kawaru on stdout
#   scripts/pg.sh stop DIR         stops the cluster in DIR (pg_ctl stop -m fast, by its own pid file)
# Layout: DIR/data (the cluster), DIR/run (socket), DIR/log (server log). Nothing outside DIR is
# touched: not /var/lib/postgresql, not Debian's clusters, never port 5432. Durability is off
# (fsync=off, no full-page writes), shared_buffers small: test data only. Authentication is `trust`
# for TCP from 127.0.0.1 and for the socket, whose directory only the cluster's owner can enter.
# initdb and postgres refuse to run as root: as root (CI) the cluster belongs to, and runs as, the
# `postgres` system user (runuser), so DIR's parents must be enterable by that user (/tmp is).
set -euo pipefail

bindir=/usr/lib/postgresql/15/bin
if [ ! -x "$bindir/postgres" ] && command -v pg_config >/dev/null; then
  bindir=$(pg_config --bindir)
fi
[ -x "$bindir/initdb" ] || { echo "pg.sh: PostgreSQL 15 not found in $bindir (apt-get install postgresql-15)" >&2; exit 2; }
# settings of the caller's environment that would point the tools elsewhere
unset PGDATA PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGPASSFILE

usage() { echo "usage: scripts/pg.sh start DIR PORT | stop DIR" >&2; exit 2; }

# as_owner CMD...: runs CMD as the cluster's owner (postgres when we are root), from /
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

absdir() { # an absolute path for $1 (which need not exist yet)
  case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac
}

cmd_start() {
  [ $# -eq 2 ] || usage
  local dir port
  dir=$(absdir "$1"); port=$2
  case $port in ''|*[!0-9]*) echo "pg.sh: PORT must be a number: $port" >&2; exit 2 ;; esac
  if [ "$port" -lt 1024 ] || [ "$port" -gt 65535 ] || [ "$port" -eq 5432 ]; then
    echo "pg.sh: PORT must be 1024-65535 and not 5432: $port" >&2; exit 2
  fi
  case $dir/ in /var/lib/postgresql/*|/etc/postgresql/*|/var/run/postgresql/*|/run/postgresql/*)
    echo "pg.sh: $dir belongs to the system's PostgreSQL: choose another DIR" >&2; exit 2 ;;
  esac
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "pg.sh: $dir is not empty: a fresh cluster needs an absent or empty DIR" >&2; exit 2
  fi
  mkdir -p "$dir/run"
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
    if ! runuser -u postgres -- test -x "$(dirname "$dir")"; then
      echo "pg.sh: the postgres user cannot enter $(dirname "$dir"): put DIR under /tmp" >&2; exit 2
    fi
  fi

  # -U kawaru: the bootstrap superuser is the user of the URI (the schema's LANGUAGE internal
  # functions need a superuser). Locale C: text sorts by bytes, as SQLite's BINARY collation.
  if ! as_owner "$bindir/initdb" -D "$dir/data" -U kawaru -E UTF8 --locale=C \
      --auth-local=trust --auth-host=reject --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2; echo "pg.sh: initdb failed" >&2; exit 1
  fi
  as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF

# scripts/pg.sh: a test cluster (no durability, small, loopback only)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 16MB
max_connections = 100
max_wal_size = 256MB
dynamic_shared_memory_type = posix
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
log_timezone = 'UTC'
EOF
  # only the socket (in DIR/run, mode 0700) and 127.0.0.1; every other address is refused
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<EOF
# scripts/pg.sh: trust on the loopback address and the private socket only
local   all  all                trust
host    all  all  127.0.0.1/32  trust
EOF
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 -s start; then
    tail -20 "$dir/log" >&2 2>/dev/null || true
    echo "pg.sh: the server did not start (port $port in use?)" >&2; exit 1
  fi
  if ! as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U kawaru kawaru; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -s stop || true
    echo "pg.sh: createdb failed" >&2; exit 1
  fi
  echo "postgresql://kawaru@127.0.0.1:$port/kawaru"
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  local dir
  dir=$(absdir "$1")
  [ -f "$dir/data/PG_VERSION" ] || { echo "pg.sh: no cluster in $dir" >&2; exit 2; }
  if [ ! -f "$dir/data/postmaster.pid" ]; then
    echo "pg.sh: the cluster in $dir is not running" >&2; return 0
  fi
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 -s stop
}

[ $# -ge 1 ] || usage
sub=$1; shift
case $sub in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  *) usage ;;
esac
