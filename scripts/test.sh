#!/usr/bin/env bash
# Runs every test of kawaru and ends with one line "N passed, N failed":
#   1. C unit tests (cmocka, via CTest)
#   2. API tests against a running server, and browser tests in Chromium (node --test)
#   3. unit and API tests again, built with AddressSanitizer + UndefinedBehaviorSanitizer
#   4. the fuzz targets (libFuzzer), FUZZ_SECONDS each (default 15)
#   5. the contract checks of ../shared/contract, when that folder is there
# Assumes `make build` has run (make test does that first).
set -uo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)
FUZZ_SECONDS=${FUZZ_SECONDS:-15}
passed=0; failed=0
results=$(mktemp -d /tmp/kawaru-test.XXXXXX)
trap 'rm -rf "$results"' EXIT

section() { printf '\n==== %s\n' "$*"; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); printf -- '---- %s: %d passed, %d failed\n' "$3" "$1" "$2"; }

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..." per executable
unit_tests() {   # $1 build dir, $2 label
  local log="$results/unit-$2.log"
  (cd "$1" && ctest -V -j "$JOBS") >"$log" 2>&1
  local rc=$?
  local p f
  p=$(grep -ao '\[  PASSED  \] [0-9]*' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -ao '\[  FAILED  \] [0-9]* test' "$log" | awk '{s+=$4} END {print s+0}')
  # an executable that crashed before printing its summary still counts as a failure
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ $rc -ne 0 ] && grep -a -E 'FAILED|Error|error|runtime error|Sanitizer' "$log" | head -40
  count "$p" "$f" "unit tests ($2)"
}

node_tests() {   # $1 label, $2 binary, rest: test paths
  local label=$1 bin=$2; shift 2
  local log="$results/node-$label.log"
  KAWARU_BIN="$bin" node --test --test-concurrency=1 "$@" >"$log" 2>&1
  local rc=$?
  local p f
  p=$(grep -a '^# pass ' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -a '^# fail ' "$log" | tail -1 | awk '{print $3}')
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ $rc -ne 0 ] && grep -a -B2 -A20 'not ok' "$log" | head -120
  count "$p" "$f" "$label"
}

section "unit tests"
unit_tests build release

section "API and browser tests"
node_tests "API tests" build/kawaru tests/api/
node_tests "browser tests" build/kawaru tests/e2e/

section "unit and API tests under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DKAWARU_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null &&
  cmake --build build-asan -j "$JOBS" >"$results/asan-build.log" 2>&1 || { tail -20 "$results/asan-build.log"; count 0 1 "sanitizer build"; }
if [ -x build-asan/kawaru ]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=$results/asan-report"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$results/ubsan-report"
  unit_tests build-asan sanitizers
  node_tests "API tests (sanitizers)" build-asan/kawaru tests/api/
  unset ASAN_OPTIONS UBSAN_OPTIONS
  if ls "$results"/asan-report* "$results"/ubsan-report* >/dev/null 2>&1; then
    echo "sanitizer reports:"; head -60 "$results"/asan-report* "$results"/ubsan-report* 2>/dev/null
    count 0 1 "sanitizer reports"
  else
    count 1 0 "no sanitizer reports from any process"
  fi
fi

section "fuzz targets (${FUZZ_SECONDS}s each)"
if command -v clang >/dev/null; then
  CC=clang cmake -S . -B build-fuzz -DKAWARU_FUZZ=ON -DKAWARU_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
    cmake --build build-fuzz -j "$JOBS" >"$results/fuzz-build.log" 2>&1 || { tail -20 "$results/fuzz-build.log"; count 0 1 "fuzz build"; }
  for target in build-fuzz/fuzz_*; do
    [ -x "$target" ] || continue
    name=${target#build-fuzz/fuzz_}
    corpus="$results/corpus-$name"; mkdir -p "$corpus"; cp fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
    if "$target" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -artifact_prefix="$results/" "$corpus" >"$results/fuzz-$name.log" 2>&1; then
      count 1 0 "fuzz $name ($(grep -ao 'Done [0-9]* runs' "$results/fuzz-$name.log"))"
    else
      grep -a -E 'ERROR|runtime error|SUMMARY|abort' "$results/fuzz-$name.log" | head -10
      count 0 1 "fuzz $name"
    fi
  done
else
  echo "clang is missing: run make deps"; count 0 1 "fuzz build"
fi

if [ -x ../shared/contract/check ]; then
  section "contract checks (../shared/contract)"
  out=$(../shared/contract/check 2>&1); echo "$out"
  p=$(printf '%s\n' "$out" | grep -c '^ok '); f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
  count "$p" "$f" "contract checks"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
