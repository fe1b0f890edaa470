# crv-io: the two set-up commands are `make demo` and `make test`.
BUILD_DIR ?= build
RELEASE_DIR ?= build-release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
PREFIX ?= /usr/local

.PHONY: all deps build demo test install bench bench-build bench-quick fuzz clean interop-deps

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRV_WERROR=ON -DCRV_IO_PYTHON=ON $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Headers, libraries, the CMake package, crv_io.pc and bin/crv-io under $(PREFIX).
install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

interop-deps:
	@scripts/install-interop.sh

demo: build
	$(BUILD_DIR)/crv-io demo --root out

test: build interop-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench-build: deps
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRV_BUILD_TESTS=OFF -DCRV_BUILD_BENCH=ON
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target crv_bench
	@scripts/install-interop.sh

bench: bench-build
	bench/run.sh $(RELEASE_DIR)

bench-quick: bench-build
	bench/run.sh $(RELEASE_DIR) --quick

clean:
	rm -rf $(BUILD_DIR) $(RELEASE_DIR)
