# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
CONFIG ?= configs/cuba.json

.PHONY: demo test tsan asan fuzz deps release examples docs

# Debian's OpenMP runtime (libomp5 via libomp-dev), which the C kernels link; installed only when missing.
deps:
	@if ! ldconfig -p | grep -q 'libomp.so.5'; then \
		echo "installing libomp-dev (OpenMP runtime for the C kernels)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y libomp-dev || { $$SUDO apt-get update && $$SUDO apt-get install -y libomp-dev; }; \
	fi

release: deps
	$(SWIFT) build -c release --product snn

demo: release
	$$($(SWIFT) build -c release --show-bin-path)/snn run $(CONFIG)

# Debug builds compile the C kernels without optimisation, so the kernel equivalence and thread-invariance tests
# run once more optimised: that is where the vectorised (AVX2, AVX-512) loops and real parallel timing are exercised.
test: deps
	$(SWIFT) test
	$(SWIFT) test -c release -Xswiftc -enable-testing --filter 'KernelReference|ThreadCountInvariance'

# Examples/ is a package that depends on SwiftSNN by path, as a user's would: build it and run its programs,
# each of which exits non-zero when its result is off.
examples: deps
	$(SWIFT) build --package-path Examples
	$$($(SWIFT) build --package-path Examples --show-bin-path)/ClosedLoop
	$$($(SWIFT) build --package-path Examples --show-bin-path)/CustomRule

# The DocC documentation (Sources/SwiftSNN/SwiftSNN.docc and the doc comments); broken symbol links are errors,
# and so is a public symbol without a doc comment (tools/doc_coverage.py lists them).
docs:
	$(SWIFT) package --disable-sandbox generate-documentation --target SwiftSNN --warnings-as-errors \
		--output-path .build/docs
	python3 tools/doc_coverage.py --max 0

# ThreadSanitizer over the multi-threaded tests. Archer (from libomp-dev) tells TSan about OpenMP's fork/join
# synchronisation, which it cannot see in the uninstrumented runtime; TSan exits non-zero on any report. The
# runtime keeps a worker pool per calling thread for the life of the process and never joins it, which TSan
# would report as thread leaks; those reports are off, data-race reports are not.
ARCHER ?= /usr/lib/llvm-14/lib/libarcher.so
tsan: deps
	$(SWIFT) build --sanitize=thread --scratch-path .build-tsan --build-tests
	TSAN_OPTIONS=report_thread_leaks=0 OMP_TOOL_LIBRARIES=$(ARCHER) setarch $$(uname -m) -R \
		$$($(SWIFT) build --sanitize=thread --scratch-path .build-tsan --show-bin-path)/SwiftSNNPackageTests.xctest \
		--testing-library swift-testing --filter 'ThreadCountInvariance|PlasticNetwork|RunDeterminism'

# AddressSanitizer over the unit tests (SwiftSNNTests: config and .npy readers, connectivity, synapse tables,
# kernels, both engines, recorders): out-of-bounds accesses, use after free and leaks are reports, and a report
# fails the run. The API and CLI suites are left out to keep CI under 20 minutes: under ASan the whole suite
# takes about 6.5 minutes, this module 3.
asan: deps
	$(SWIFT) build --sanitize=address --scratch-path .build-asan --build-tests
	$$($(SWIFT) build --sanitize=address --scratch-path .build-asan --show-bin-path)/SwiftSNNPackageTests.xctest \
		--testing-library swift-testing --filter 'SwiftSNNTests\.'

# libFuzzer over the config reader and lowering, the .npy reader and the checkpoint reader (Fuzz/, a package
# that depends on SwiftSNN by path), with AddressSanitizer: FUZZ_SECONDS per target from the committed seeds in
# Fuzz/corpus (none for checkpoints: FuzzCheckpoint edits a real one) plus what earlier runs on this machine found
# (.build-fuzz/). Any crash, hang (-timeout) or sanitizer report fails.
FUZZ_SECONDS ?= 30
FUZZ_FLAGS = --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS)
	for target in Config Npy Checkpoint; do \
		corpus=$$(echo $$target | tr A-Z a-z); mkdir -p .build-fuzz/corpus/$$corpus .build-fuzz/artifacts; \
		$$($(SWIFT) build $(FUZZ_FLAGS) --show-bin-path)/Fuzz$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=.build-fuzz/artifacts/$$corpus- \
			.build-fuzz/corpus/$$corpus Fuzz/corpus/$$corpus || exit 1; \
	done
