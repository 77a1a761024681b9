# gostep — top-level targets over the CMake presets (CMakePresets.json).
# Binaries land in build/<preset>/bin/.
#
#   make            build the release preset
#   make demo       explore the article's iterate-while-writing scenario (§2.4): the
#                   fatal error, Go's goroutine dump, the outcome histogram, the replay command
#   make test       build and run every test, in the release and the
#                   ASan+UBSan builds (what CI runs)
#   make test-asan  only the ASan+UBSan half of `make test`
#   make bench      run the benchmarks beside real Go 1.19 and print the ratios
#   make debug      build the debug preset
#   make fuzz       fuzz the front end for $(FUZZ_SECONDS) s in all (clang++, build/fuzz):
#                   the parser alone for a third, lang::Compile for the rest
#
# Every target first runs tools/bootstrap.sh, which installs missing Debian
# packages (as root) and otherwise does nothing.

.PHONY: all bootstrap build debug demo test test-release test-asan bench fuzz clean

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
	mkdir -p build/release/demo
	@# explore exits 1 when it finds a failure, which is what this demo shows
	./build/release/bin/gostep explore traces/article/iter_while_write.go --gomaxprocs 2 --runs 200 --schedule-dir build/release/demo; \
	  status=$$?; test $$status -eq 1 || exit $$status

test: test-release test-asan

test-release: build
	ctest --preset release

test-asan: bootstrap
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

bench: build
	./bench/run.sh build/release

FUZZ_SECONDS ?= 600
fuzz: bootstrap
	CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOSTEP_FUZZ=ON \
	  -DGOSTEP_BUILD_TESTS=OFF -DGOSTEP_BUILD_BENCH=OFF
	cmake --build build/fuzz -j2 --target parse_fuzz compile_fuzz
	mkdir -p build/fuzz/corpus build/fuzz/corpus-compile
	./build/fuzz/bin/parse_fuzz -max_total_time=$$(( $(FUZZ_SECONDS) / 3 )) -max_len=4096 -timeout=10 \
	  build/fuzz/corpus tests/lang/fuzz/corpus tests/lang/errors traces/article
	./build/fuzz/bin/compile_fuzz -max_total_time=$$(( $(FUZZ_SECONDS) - $(FUZZ_SECONDS) / 3 )) -max_len=16384 \
	  -timeout=10 -rss_limit_mb=4096 build/fuzz/corpus-compile tests/lang/fuzz/corpus tests/lang/errors traces/article

clean:
	rm -rf build
