# kawaru: the two commands (make run, make test) and their helpers. CMake does the building;
# this file installs what is missing, then wraps it.
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= kawaru.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: all deps build run test test-unit test-api test-e2e test-asan bench clean contract

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

contract: build
	@../shared/contract/check

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
