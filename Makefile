# crv-io: the two set-up commands are `make demo` and `make test`.
BUILD_DIR ?= build
RELEASE_DIR ?= build-release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
PREFIX ?= /usr/local
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
SANITIZE_DIR ?= build-sanitize
# ccache, when installed, for the fuzz and sanitize build directories (each a full build).
LAUNCHER := $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# ccache caches files built with a precompiled header (CRV_PRECOMPILE_HEADERS) only with these.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: all deps build demo test install docs bench bench-build bench-quick fuzz fuzz-build sanitize clean interop-deps format format-check tidy

all: build

deps:
	@scripts/install-deps.sh

# -O2 with line tables only (-g1: symbolized backtraces, no variables in a debugger; a file
# takes 25-30% less time than with -g) and the libraries as unity builds (CRV_UNITY_BUILD),
# which keep `make test` under 20 minutes on a fresh 2-core machine. Full debug information: make CMAKE_FLAGS="-DCMAKE_CXX_FLAGS_RELWITHDEBINFO='-O2 -g'".
$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
	  -DCRV_UNITY_BUILD=ON -DCRV_WERROR=ON -DCRV_IO_PYTHON=ON $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Headers, libraries, the CMake package, crv_io.pc and bin/crv-io under $(PREFIX).
install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

interop-deps:
	@scripts/install-interop.sh

# The API reference (Doxygen, docs/Doxyfile) of the public headers, in $(BUILD_DIR)/docs/html;
# an undocumented public symbol fails it.
docs: deps
	mkdir -p $(BUILD_DIR)/docs
	CRV_DOCS_DIR=$(abspath $(BUILD_DIR))/docs doxygen docs/Doxyfile

demo: build
	$(BUILD_DIR)/crv-io demo --root out

test: build interop-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# crv-io itself too: W10 times `crv-io append` of a JSONL file.
bench-build: deps
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRV_BUILD_TESTS=OFF -DCRV_BUILD_BENCH=ON -DCRV_IO_PYTHON=ON
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target crv_bench crv-io crv_io_python crv_io_python_files
	@scripts/install-interop.sh

bench: bench-build
	bench/run.sh $(RELEASE_DIR)

bench-quick: bench-build
	bench/run.sh $(RELEASE_DIR) --quick

# libFuzzer targets (clang, ASan + UBSan), each run FUZZ_SECONDS on one core: fuzz/run.sh.
fuzz-build:
	@scripts/install-deps.sh fuzz
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_COMPILER=clang++ \
	  -DCRV_WERROR=ON -DCRV_BUILD_FUZZ=ON -DCRV_BUILD_TESTS=OFF -DCRV_BUILD_EXAMPLES=OFF -DCRV_BUILD_CLI=OFF \
	  -DCRV_IO_INSTALL=OFF $(LAUNCHER) $(CMAKE_FLAGS)
	cmake --build $(FUZZ_DIR) -j $(JOBS)

fuzz: fuzz-build
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The core, frame, parquet and io unit tests, and the Python tests, under AddressSanitizer and
# UndefinedBehaviorSanitizer (g++, -fno-sanitize-recover=all: any report fails the test).
# -O1 -g1 (line tables) with assertions on: quicker to build than -O2 -g, symbolized reports;
# the libraries and the CLI in unity batches, as make test builds them (the build was most
# of CI's time).
# Left out, to keep CI under its time limit: the CLI, example, package and interop tests
# (they run the same library code as the unit tests, through processes and other engines).
# SANITIZE_FILTER: a gtest filter for the sanitized run. By default every test but the two
# that repeat one operation hundreds of times (the SIGKILL crash trials and the power cuts
# after every Env call: about 2 of crv_io_tests' 2 minutes unsanitized, several times that
# under ASan); make test runs them unsanitized, and their code paths are sanitized through
# the other io tests. SANITIZE_FILTER='*' runs them too.
# The Python tests load the sanitized extension into Debian's python3, which is not built
# with ASan: its runtime is preloaded (with libstdc++, which python3 does not link: ASan must
# find __cxa_throw at start-up to intercept it), Python's allocator is switched to malloc (so that ASan
# sees every object), and leak detection is off (CPython frees little at exit; the capsule
# tests count every release callback themselves). The Polars/DuckDB interop test is left out:
# Node.js does not run with ASan preloaded.
SANITIZE_FILTER ?= -PowerCut.*:AppendLog.AppendsKilledAtRandomMomentsLoseNothingAcknowledgedAndShowNothingPartial
SANITIZE_PYTEST ?= --deselect $(CURDIR)/tests/python/test_cli_and_interop.py::test_polars_and_duckdb_read_a_python_run
sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRV_WERROR=ON -DCRV_IO_PYTHON=ON \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCRV_SANITIZE=address,undefined -DCRV_UNITY_BUILD=ON $(LAUNCHER) $(CMAKE_FLAGS)
	cmake --build $(SANITIZE_DIR) -j $(JOBS) --target crv_core_tests crv_frame_tests crv_parquet_tests crv_io_tests \
	  crv_io_python crv_io_python_files crv-io crv_quickstart
	cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  GTEST_FILTER='$(SANITIZE_FILTER)' ctest --output-on-failure -j $(JOBS) -R '^crv_(core|frame|parquet|io)_tests$$'
	cd $(SANITIZE_DIR) && LD_PRELOAD="$$($(CXX) -print-file-name=libasan.so) $$($(CXX) -print-file-name=libstdc++.so)" PYTHONMALLOC=malloc \
	  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  PYTEST_ADDOPTS='$(SANITIZE_PYTEST)' ctest --output-on-failure -R '^python_tests$$'

# The tree's style (.clang-format): format applies it, format-check (also a test of make
# test) lists the files that differ. tidy runs clang-tidy (.clang-tidy) over the library
# sources, with the compile commands of $(BUILD_DIR).
format: deps
	scripts/format.sh

format-check: deps
	scripts/format.sh --check

TIDY_DIR ?= build-tidy
tidy: deps
	cmake -S . -B $(TIDY_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRV_UNITY_BUILD=OFF \
	  -DCRV_PRECOMPILE_HEADERS=OFF -DCRV_BUILD_TESTS=OFF -DCRV_BUILD_EXAMPLES=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON $(CMAKE_FLAGS)
	run-clang-tidy-14 -quiet -p $(TIDY_DIR) -j $(JOBS) '$(CURDIR)/src/'

clean:
	rm -rf $(BUILD_DIR) $(RELEASE_DIR) $(FUZZ_DIR) $(SANITIZE_DIR) $(TIDY_DIR)
