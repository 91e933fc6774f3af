# The two commands (README.md): `make serve` and `make test`.
.PHONY: serve test build bench-page fuzz

serve:
	scripts/serve.sh

test:
	scripts/test.sh

build:
	scripts/build-web.sh

# The page's speed in headless Chromium (README, "Speed"): figures to read, not a test.
bench-page:
	scripts/ensure-tools.sh
	scripts/build-web.sh
	cargo build --release --example bench
	node scripts/bench-page.mjs

# The structure-aware fuzzer (docs/fuzzing.md): INPUTS inputs from SEED on JOBS threads,
# in the `fuzz` profile (optimised, overflow checks on, no LTO). Progress on stderr; the
# last line on stdout is "N inputs, P panics, V invariant violations". New kinds of
# finding are minimised into tests/fuzz-corpus/ (SAVE=0: none). PROFILE=test reuses
# `cargo test`'s build (slower per input, nothing more to compile), as CI does.
# FUZZ_ARGS passes more options (`--start I`, `--show I`, `--timeout S`: docs/fuzzing.md).
INPUTS ?= 100000
SEED ?= 1
JOBS ?= 2
SAVE ?= 8
PROFILE ?= fuzz
FUZZ_ARGS ?=
fuzz:
	@cargo test --quiet --profile $(PROFILE) --test fuzz -- --inputs $(INPUTS) --seed $(SEED) --jobs $(JOBS) --save $(SAVE) $(FUZZ_ARGS)
