# kawaru: the two commands (make run, make test) and their helpers. CMake does the building;
# this file installs what is missing, then wraps it.
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= kawaru.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600

.PHONY: all deps build run test test-unit test-api test-e2e test-asan bench fuzz clean contract

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

run: build
	@if [ ! -f $(DB) ]; then $(BUILD)/kawaru init --demo $(DB); fi
	@if [ -f $(DB).demo-users ]; then echo "kawaru: demo users (role, login, password):"; cat $(DB).demo-users; fi
	@echo "kawaru: open http://$(LISTEN)/"
	@$(BUILD)/kawaru serve --db $(DB) --listen $(LISTEN)

test: build
	@scripts/test.sh

bench: build
	@bench/run.sh

# Every libFuzzer target (fuzz/fuzz_*.c) for FUZZ_SECONDS each, one after the other. A target's
# corpus grows in $(FUZZ_BUILD)/corpus-NAME, seeded from fuzz/corpus/NAME, so runs add up; a
# crashing input is written to $(FUZZ_BUILD)/ and stops the loop. (make test runs them 15 s each.)
fuzz: deps
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DKAWARU_FUZZ=ON -DKAWARU_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) -- --no-print-directory
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
