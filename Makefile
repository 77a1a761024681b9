# gostep — top-level targets over the CMake presets (CMakePresets.json).
# Binaries land in build/<preset>/bin/.
#
#   make            build the release preset
#   make demo       run the built-in example and print its recorded schedule
#   make test       build and run every test, in the release and the
#                   ASan+UBSan builds (what CI runs)
#   make test-asan  only the ASan+UBSan half of `make test`
#   make bench      run the benchmarks beside real Go 1.19 and print the ratios
#   make debug      build the debug preset
#
# Every target first runs tools/bootstrap.sh, which installs missing Debian
# packages (as root) and otherwise does nothing.

.PHONY: all bootstrap build debug demo test test-release test-asan bench clean

all: build

bootstrap:
	@./tools/bootstrap.sh

build: bootstrap
	cmake --preset release
	cmake --build --preset release

debug: bootstrap
	cmake --preset debug
	cmake --build --preset debug

demo: build
	./build/release/bin/gostep demo

test: test-release test-asan

test-release: build
	ctest --preset release

test-asan: bootstrap
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

bench: build
	./bench/run.sh build/release

clean:
	rm -rf build
