#!/usr/bin/env bash
# Runs the tests of kawaru and ends with one line "N passed, N failed" (exit 1 when any failed).
#   scripts/test.sh                    every suite, in this order:
#     unit        C unit tests (cmocka, via CTest) of $BUILD (default build/)
#     api         API tests against a running server (node --test tests/api/*.test.js, JOBS files at
#                 once: each starts its own server on its own port and database)
#     postgresql  the unit test files listed in tests/unit/postgresql.txt again (those that open a
#                 database), then the API test files of tests/api/postgresql.txt, then the browser
#                 test files of tests/e2e/postgresql.txt, each test or server on a database of its
#                 own in a throw-away PostgreSQL 15 cluster (scripts/pg.sh) on a loopback port,
#                 stopped after
#     e2e         browser tests in Debian's Chromium (node --test tests/e2e/*.test.js, JOBS files at
#                 once)
#     sanitizers  unit and API tests again, built with AddressSanitizer + UBSan in build-asan/, and
#                 the unit tests of tests/unit/postgresql.txt on a throw-away PostgreSQL cluster
#     fuzz        the fuzz targets (libFuzzer) in build-fuzz/, FUZZ_SECONDS each (default 15)
#     contract    the contract checks of ../shared/contract
#   scripts/test.sh api e2e            only these suites
#   FILE="tests/api/orgs.test.js tests/unit/test_csv.c" scripts/test.sh
#                                      only these files (of unit, api, e2e); the suites are the
#                                      files' own unless named; on PostgreSQL, those of them that
#                                      its lists name
# A tool a suite needs that is missing (cmocka, Node.js >= 18 and node_modules, Chromium, clang,
# ../shared) counts as a failure, with the reason, never as fewer tests.
# Assumes `make build` has run (make test and make test-* do that first).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
ASAN_BUILD=${ASAN_BUILD:-build-asan}
FUZZ_BUILD=${FUZZ_BUILD:-build-fuzz}
CHROMIUM=${CHROMIUM_BIN:-/usr/bin/chromium}
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-15}
export JOBS
passed=0; failed=0
results=$(mktemp -d /tmp/kawaru-test.XXXXXX)
trap 'rm -rf "$results"' EXIT

# ---- which suites and files -------------------------------------------------------------------
all_suites="unit api postgresql e2e sanitizers fuzz contract"
read -r -a files <<<"${FILE:-}"
unit_files=(); api_files=(); e2e_files=()
for f in "${files[@]}"; do
  case $f in
    tests/unit/*.c|test_*) unit_files+=("$f") ;;
    tests/api/*) api_files+=("$f") ;;
    tests/e2e/*) e2e_files+=("$f") ;;
    *) echo "FILE=$f: not a test of tests/unit, tests/api or tests/e2e"; exit 2 ;;
  esac
  case $f in test_*) ;; *) [ -f "$f" ] || { echo "FILE=$f: no such file"; exit 2; } ;; esac
done
suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
  if [ ${#files[@]} -gt 0 ]; then
    [ ${#unit_files[@]} -gt 0 ] && suites+=(unit)
    [ ${#api_files[@]} -gt 0 ] && suites+=(api)
    [ ${#e2e_files[@]} -gt 0 ] && suites+=(e2e)
  else
    read -r -a suites <<<"$all_suites"
  fi
fi
for s in "${suites[@]}"; do
  case " $all_suites " in *" $s "*) ;; *) echo "unknown suite $s (suites: $all_suites)"; exit 2 ;; esac
done
wanted() { case " ${suites[*]} " in *" $1 "*) return 0 ;; esac; return 1; }
# a file of a suite that does not run would be left out silently
if ! { [ ${#unit_files[@]} -eq 0 ] || wanted unit || wanted sanitizers || wanted postgresql; } ||
   ! { [ ${#api_files[@]} -eq 0 ] || wanted api || wanted sanitizers || wanted postgresql; } ||
   ! { [ ${#e2e_files[@]} -eq 0 ] || wanted e2e || wanted postgresql; }; then
  echo "FILE=${FILE:-}: not a file of the suites run (${suites[*]})"; exit 2
fi
# The files a list (tests/*/postgresql.txt: one a line, # comments) names; with FILE, only those of
# FILE among them.
listed() {
  local f name
  while read -r f; do
    case $f in ''|'#'*) continue ;; esac
    name=${f##*/}; name=${name%.c}
    if [ ${#files[@]} -eq 0 ] || printf '%s\n' "${files[@]}" | sed 's,.*/,,; s,\.c$,,' | grep -qxF "$name"; then
      echo "$f"
    fi
  done <"$1"
}
# the files of one suite: those given, or all of its folder (named, not the folder: Node.js
# versions differ in what they do with a folder)
[ ${#api_files[@]} -gt 0 ] || api_files=(tests/api/*.test.js)
[ ${#e2e_files[@]} -gt 0 ] || e2e_files=(tests/e2e/*.test.js)

# ---- reporting --------------------------------------------------------------------------------
section_name=""; section_start=0
section_done() {
  [ -n "$section_name" ] && printf -- '---- %s took %d s\n' "$section_name" $((SECONDS - section_start))
  section_name=""
}
section() { section_done; section_name=$1; section_start=$SECONDS; printf '\n==== %s\n' "$1"; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); printf -- '---- %s: %d passed, %d failed\n' "$3" "$1" "$2"; }
# a suite that cannot run: one failure, and why
cannot() { printf 'MISSING: %s\n' "$2"; count 0 1 "$1"; }

# ---- the tools each suite needs ---------------------------------------------------------------
# Why the unit tests of build dir $1 cannot run, or nothing.
unit_missing() {
  [ -f "$1/CTestTestfile.cmake" ] || { echo "$1/ is not built: run make build"; return; }
  local list n
  list=$(cd "$1" && ctest -N 2>/dev/null)
  n=$(printf '%s\n' "$list" | awk '/^Total Tests:/ {print $3}')
  if [ "${n:-0}" -eq 0 ] || printf '%s\n' "$list" | grep -q ' cmocka_missing$'; then
    echo "the C unit tests were not built in $1/: cmocka was not found when CMake configured it" \
      "(install libcmocka-dev with make deps, then rm -rf $1 and build again)"
  fi
}
# Why node --test cannot run the API tests, or nothing.
node_missing() {
  if ! command -v node >/dev/null; then echo "node is not installed (make deps installs Debian's nodejs)"; return; fi
  local v
  v=$(node -p 'process.versions.node' 2>/dev/null)
  if [ "${v%%.*}" -lt 18 ] 2>/dev/null || [ -z "$v" ]; then echo "node ${v:-?} is too old: the tests need Node.js 18 or later"; return; fi
  local p
  for p in ajv @apidevtools/swagger-parser playwright-core axe-core; do
    node -e "require.resolve('$p/package.json')" 2>/dev/null ||
      { echo "the npm package $p is not installed: run make deps (npm ci)"; return; }
  done
}
# Why the browser tests cannot run, or nothing.
browser_missing() {
  node_missing
  [ -x "$CHROMIUM" ] || { echo "Chromium is not installed at $CHROMIUM (make deps installs Debian's chromium; CHROMIUM_BIN= names another)"; return; }
  timeout 30 "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1 ||
    echo "$CHROMIUM --version fails: Chromium is not usable"
}

# ---- the suites -------------------------------------------------------------------------------
# cmocka prints "[  PASSED  ] N test(s).", "[  FAILED  ] N test(s)..." and "[  SKIPPED ] N test(s)..."
# per executable; skipped tests (SQLite's own, on PostgreSQL) are named in the label
unit_tests() {   # $1 build dir, $2 label, rest: the test files to run (default: FILE's, or every one)
  local dir=$1 label=$2; shift 2
  local why; why=$(unit_missing "$dir")
  if [ -n "$why" ]; then cannot "$label" "$why"; return; fi
  local log="$results/unit-${label//[^A-Za-z0-9]/_}.log" filter=() names=() f
  [ $# -gt 0 ] || set -- "${unit_files[@]}"
  for f in "$@"; do f=${f##*/}; names+=("${f%.c}"); done
  [ ${#names[@]} -eq 0 ] || filter=(-R "^($(IFS='|'; echo "${names[*]}"))\$")
  (cd "$dir" && ctest -V --no-tests=error -j "$JOBS" "${filter[@]}") >"$log" 2>&1
  local rc=$?
  local p f s
  p=$(grep -ao '\[  PASSED  \] [0-9]*' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -ao '\[  FAILED  \] [0-9]* test' "$log" | awk '{s+=$4} END {print s+0}')
  s=$(grep -ao '\[  SKIPPED \] [0-9]* test' "$log" | awk '{s+=$4} END {print s+0}')
  # an executable that crashed before printing its summary still counts as a failure
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ $rc -ne 0 ] && grep -a -E 'FAILED|Error|error|runtime error|Sanitizer|No tests were found' "$log" | head -40
  [ "$s" -eq 0 ] || label="$label, $s skipped"
  count "$p" "$f" "$label"
}

# A throw-away PostgreSQL 15 cluster on a free loopback port (scripts/pg.sh): sets pgdir and
# pgserver (its URI without a database, as $KAWARU_TEST_PG wants it); fails when it cannot start.
pg_start() {
  pgdir=$(mktemp -u /tmp/kawaru-pg.XXXXXX)       # its own: the postgres user cannot enter $results
  local port uri
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  uri=$(scripts/pg.sh start "$pgdir" "$port") || { rm -rf "$pgdir"; return 1; }
  pgserver=${uri%/*}
}
pg_stop() { scripts/pg.sh stop "$pgdir" >/dev/null; rm -rf "$pgdir"; }
PG_MISSING="scripts/pg.sh could not start a PostgreSQL 15 cluster (make deps installs postgresql-15)"

# The unit tests of tests/unit/postgresql.txt (FILE's among them) on the cluster of pg_start: each
# test on a database of its own, copied from templates made once for the run (testutil.h).
unit_tests_pg() {   # $1 build dir, $2 label, rest: names of test files of the list to leave out
  local dir=$1 label=$2; shift 2
  local pg_unit_files=() f
  for f in $(listed tests/unit/postgresql.txt); do
    case " $* " in *" $(basename "$f" .c) "*) ;; *) pg_unit_files+=("$f") ;; esac
  done
  if [ ${#pg_unit_files[@]} -eq 0 ]; then echo "(no file of FILE is in tests/unit/postgresql.txt)"; return; fi
  KAWARU_TEST_PG=$pgserver KAWARU_TEST_PG_TEMPLATES="kawaru_unit_${dir//[^A-Za-z0-9]/_}" \
    unit_tests "$dir" "$label" "${pg_unit_files[@]}"
}

node_tests() {   # $1 label, $2 binary, $3 files run at once, rest: test paths
  local label=$1 bin=$2 at_once=$3; shift 3
  local why; why=$(node_missing)
  if [ -n "$why" ]; then cannot "$label" "$why"; return; fi
  if [ ! -x "$bin" ]; then cannot "$label" "$bin is not built: run make build"; return; fi
  local log="$results/node-$label.log"
  KAWARU_BIN="$bin" node --test --test-concurrency="$at_once" "$@" >"$log" 2>&1
  local rc=$?
  local p f
  p=$(grep -a '^# pass ' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -a '^# fail ' "$log" | tail -1 | awk '{print $3}')
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -20 "$log"; fi
  [ $rc -ne 0 ] && grep -a -B2 -A20 'not ok' "$log" | head -120
  count "$p" "$f" "$label"
}

if wanted unit; then
  section "unit tests"
  unit_tests "$BUILD" "unit tests (release)"
fi

if wanted api; then
  section "API tests"
  node_tests "API tests" "$BUILD/kawaru" "$JOBS" "${api_files[@]}"
fi

if wanted postgresql; then
  section "unit, API and browser tests on PostgreSQL"
  if ! pg_start; then
    cannot "tests on PostgreSQL" "$PG_MISSING"
  else
    unit_tests_pg "$BUILD" "unit tests on PostgreSQL"
    read -r -a pg_files <<<"$(listed tests/api/postgresql.txt | tr '\n' ' ')"
    [ ${#pg_files[@]} -eq 0 ] ||
      KAWARU_TEST_PG=$pgserver node_tests "API tests on PostgreSQL" "$BUILD/kawaru" "$JOBS" "${pg_files[@]}"
    read -r -a pg_e2e_files <<<"$(listed tests/e2e/postgresql.txt | tr '\n' ' ')"
    if [ ${#pg_e2e_files[@]} -gt 0 ]; then
      why=$(browser_missing)
      if [ -n "$why" ]; then cannot "browser tests on PostgreSQL" "$why"
      else KAWARU_TEST_PG=$pgserver node_tests "browser tests on PostgreSQL" "$BUILD/kawaru" 1 "${pg_e2e_files[@]}"; fi
    fi
    pg_stop
  fi
fi

if wanted e2e; then
  section "browser tests"
  why=$(browser_missing)
  if [ -n "$why" ]; then cannot "browser tests" "$why"
  # JOBS files at once, each with its own server and Chromium: on 2 cores 480 s against 573 s one
  # at a time (4 at once: 517 s, the cores thrash)
  else node_tests "browser tests" "$BUILD/kawaru" "$JOBS" "${e2e_files[@]}"; fi
fi

if wanted sanitizers; then
  section "unit and API tests, and unit tests on PostgreSQL, under AddressSanitizer + UndefinedBehaviorSanitizer"
  if scripts/build.sh "$ASAN_BUILD" -DKAWARU_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug; then
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=$results/asan-report"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$results/ubsan-report"
    unit_tests "$ASAN_BUILD" "unit tests (sanitizers)"
    node_tests "API tests (sanitizers)" "$ASAN_BUILD/kawaru" "$JOBS" "${api_files[@]}"
    if pg_start; then
      # test_store_user's time is Argon2's (libsodium, which ASan does not see); its store code is
      # checked under ASan on SQLite above and its SQL on PostgreSQL by the postgresql suite
      unit_tests_pg "$ASAN_BUILD" "unit tests on PostgreSQL (sanitizers)" test_store_user
      pg_stop
    else
      cannot "unit tests on PostgreSQL (sanitizers)" "$PG_MISSING"
    fi
    unset ASAN_OPTIONS UBSAN_OPTIONS
    # either kind alone is a report (ls of both patterns fails when one matches nothing)
    if compgen -G "$results/asan-report*" >/dev/null || compgen -G "$results/ubsan-report*" >/dev/null; then
      echo "sanitizer reports:"; head -60 "$results"/asan-report* "$results"/ubsan-report* 2>/dev/null
      count 0 1 "sanitizer reports"
    else
      count 1 0 "no sanitizer reports from any process"
    fi
  else
    count 0 1 "sanitizer build"
  fi
fi

if wanted fuzz; then
  section "fuzz targets (${FUZZ_SECONDS}s each)"
  if ! command -v clang >/dev/null; then
    cannot "fuzz build" "clang is not installed: run make deps"
  elif CC=clang scripts/build.sh "$FUZZ_BUILD" -DKAWARU_FUZZ=ON -DKAWARU_SANITIZE=ON; then
    targets=("$FUZZ_BUILD"/fuzz_*)
    [ -x "${targets[0]}" ] || cannot "fuzz targets" "the build in $FUZZ_BUILD/ made no fuzz_* target"
    # JOBS targets at a time (each fuzzes on one core), then their results in order
    running=0
    for target in "${targets[@]}"; do
      [ -x "$target" ] || continue
      name=${target#"$FUZZ_BUILD"/fuzz_}
      corpus="$results/corpus-$name"; mkdir -p "$corpus"; cp fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
      ( "$target" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -artifact_prefix="$results/" "$corpus" \
          >"$results/fuzz-$name.log" 2>&1; echo $? >"$results/fuzz-$name.rc" ) &
      running=$((running + 1))
      if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
    done
    wait
    for target in "${targets[@]}"; do
      [ -x "$target" ] || continue
      name=${target#"$FUZZ_BUILD"/fuzz_}
      if [ "$(cat "$results/fuzz-$name.rc" 2>/dev/null)" = 0 ]; then
        count 1 0 "fuzz $name ($(grep -ao 'Done [0-9]* runs' "$results/fuzz-$name.log"))"
      else
        grep -a -E 'ERROR|runtime error|SUMMARY|abort' "$results/fuzz-$name.log" | head -10
        count 0 1 "fuzz $name"
      fi
    done
  else
    count 0 1 "fuzz build"
  fi
fi

if wanted contract; then
  section "contract checks (../shared/contract)"
  if [ ! -x ../shared/contract/check ]; then
    cannot "contract checks" "../shared/contract/check is not there: the shared folder (spec, conventions, seeds, contract checks) must sit next to this checkout, as ../shared"
  else
    out=$(../shared/contract/check 2>&1); echo "$out"
    p=$(printf '%s\n' "$out" | grep -c '^ok '); f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && f=1   # it ran nothing: that is not a pass
    count "$p" "$f" "contract checks"
  fi
fi
section_done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
