# The two set-up commands of the README (`make run`, `make test`) and a few
# helpers. CMake does the building; this file only strings the steps together.
MAKEFLAGS += --no-print-directory
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB ?= $(BUILD)/demo.treehole

.PHONY: all deps build run test test-plain test-asan bench clean

all: build

deps:
	@bash scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The kiosk on the demo store, in a window; without a display it renders
# a tour of every screen to PNG files instead and prints their paths.
run: build
	@$(BUILD)/kiosk/treehole --demo --windowed --db $(DEMO_DB)

test: test-plain test-asan

test-plain: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite again, built with clang under ASan + UBSan.
test-asan: deps
	@CC=clang cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTREEHOLE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/bench/treehole-bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
