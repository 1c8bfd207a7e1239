# kawaru: the two commands (make run, make test) and their helpers. CMake does the building;
# this file installs what is missing, then wraps it. The README says what each target does and
# how long it takes.
#   make run [LISTEN=127.0.0.1:9090] [DB=kawaru.db]   serve DB (made with the demo plans if absent)
#   make reset-demo [DB=kawaru.db]                    a fresh demo database (new demo passwords)
#   make test                                         every suite (scripts/test.sh)
#   make test-unit | test-api | test-e2e | test-asan [FILE="tests/api/orgs.test.js ..."]
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= kawaru.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FILE ?=
export JOBS BUILD ASAN_BUILD FUZZ_BUILD FILE

.PHONY: all deps build run reset-demo test test-unit test-api test-e2e test-asan bench bench-national fuzz clean contract

all: build

deps:
	@scripts/deps.sh

# Quiet (scripts/build.sh): nothing is printed when it succeeds; compiler errors are.
build: deps
	@scripts/build.sh $(BUILD)

# A new database gets the demo plans, and `kawaru init --demo` prints the demo users' passwords;
# later runs only say where they are kept.
run: build
	@if [ ! -f $(DB) ]; then $(BUILD)/kawaru init --demo $(DB); \
	elif [ -f $(DB).demo-users ]; then echo "kawaru: the demo users' passwords are in $(DB).demo-users"; fi
	@exec $(BUILD)/kawaru serve --db $(DB) --listen $(LISTEN)

# Only a demo database (one with its DB.demo-users file) is removed: never a city's own.
reset-demo: build
	@if [ -f $(DB) ] && [ ! -f $(DB).demo-users ]; then \
	  echo "kawaru: $(DB) is not a demo database (no $(DB).demo-users): not removed"; exit 1; fi
	@rm -f $(DB) $(DB)-wal $(DB)-shm $(DB)-journal $(DB).demo-users
	@$(BUILD)/kawaru init --demo $(DB)

test: build
	@scripts/test.sh

# One suite; FILE="..." runs only those files of it (a tests/unit/test_*.c file for test-unit).
test-unit: build
	@scripts/test.sh unit
test-api: build
	@scripts/test.sh api
test-e2e: build
	@scripts/test.sh e2e
test-asan: build
	@scripts/test.sh sanitizers

bench: build
	@bench/run.sh

# The national data set (bench/gen_national.py) at 10, 100 and 1,741 organisations: import, size,
# memory and eleven reads at each size (bench/national.py; NATIONAL_SIZES, NATIONAL_ROUNDS).
bench-national: build
	@python3 bench/national.py

# Every libFuzzer target (fuzz/fuzz_*.c) for FUZZ_SECONDS each, one after the other. A target's
# corpus grows in $(FUZZ_BUILD)/corpus-NAME, seeded from fuzz/corpus/NAME, so runs add up; a
# crashing input is written to $(FUZZ_BUILD)/ and stops the loop. (make test runs them 15 s each.)
fuzz: deps
	@CC=clang scripts/build.sh $(FUZZ_BUILD) -DKAWARU_FUZZ=ON -DKAWARU_SANITIZE=ON
	@for t in $(FUZZ_BUILD)/fuzz_*; do \
	  [ -x "$$t" ] || continue; name=$${t##*/fuzz_}; corpus=$(FUZZ_BUILD)/corpus-$$name; log=$(FUZZ_BUILD)/fuzz-$$name.log; \
	  mkdir -p $$corpus; cp -n fuzz/corpus/$$name/* $$corpus/ 2>/dev/null; \
	  echo "fuzz $$name ($(FUZZ_SECONDS) s)"; \
	  if $$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_BUILD)/ $$corpus >$$log 2>&1; \
	  then grep -a '^Done' $$log; else tail -40 $$log; exit 1; fi; \
	done

contract: build
	@../shared/contract/check

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
