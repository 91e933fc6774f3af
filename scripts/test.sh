#!/usr/bin/env bash
# THE test command: `make test` (README) and CI (.ci/run) both run this, and nothing else.
# It installs what is missing first (scripts/ensure-tools.sh), then stops at the first
# failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Each step says when it started (minutes:seconds into the run): where the time goes.
step() { printf '\n==> [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "Tools"
scripts/ensure-tools.sh

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "Lints, native (clippy -D warnings)"
cargo clippy --all-targets -- -D warnings

step "Lints, wasm32 build and its browser tests (clippy -D warnings)"
cargo clippy --lib --test web --target wasm32-unknown-unknown --no-default-features -- -D warnings
# The second module (risk, goal seek, drivers: the `insight` feature) and its tests.
cargo clippy --lib --test web --target wasm32-unknown-unknown --no-default-features --features insight -- -D warnings

step "Native tests (cargo test)"
cargo test

step "Fuzzing: a short seeded pass (make fuzz; docs/fuzzing.md)"
# 20,000 structure-aware inputs through every entry point, on the build `cargo test` just
# made (PROFILE=test: nothing more to compile), about a minute on this project's 2-core
# machines. Fixed seed: the same inputs every run. SAVE=0: CI writes nothing; a finding
# is reproduced with `make fuzz SEED=2026 INPUTS=1 FUZZ_ARGS="--start <input>"`.
make fuzz PROFILE=test INPUTS=20000 SEED=2026 JOBS=2 SAVE=0

# tests/web.rs through wasm-bindgen-test-runner (.cargo/config.toml makes it the runner), in
# the browser whose driver the environment names; it fails unless the runner says it ran
# in `$1`: a driver it could not find must not quietly mean another browser, or none.
# tests/web.rs must keep wasm_bindgen_test_configure!(run_in_browser): without it a browser
# run skips every test and still passes. With the `insight` feature: the binding's every
# call, the page's second module's too. The runner's default of 20 s for the whole run is
# too tight for Firefox and WebKit on a busy 2-core machine (each takes 16-20 s there).
wasm_tests_in() {
  local browser=$1 log
  shift
  log=$(mktemp)
  "$@" WASM_BINDGEN_USE_BROWSER=1 WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target wasm32-unknown-unknown --no-default-features --features insight --test web 2>&1 | tee "$log"
  if ! grep -q "^Running headless tests in $browser " "$log"; then
    echo "test.sh: the wasm tests did not run in $browser" >&2
    exit 1
  fi
  rm -f "$log"
}

step "The wasm binding in headless Chromium (wasm-bindgen-test)"
# webdriver.json gives chromedriver Chromium's binary and flags.
wasm_tests_in Chrome env CHROMEDRIVER=/usr/bin/chromedriver

step "The wasm binding in headless Firefox ESR (wasm-bindgen-test, geckodriver)"
wasm_tests_in Firefox env GECKODRIVER="$(command -v geckodriver)" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver/firefox.json

step "The wasm binding in WebKitGTK under Xvfb (wasm-bindgen-test, WebKitWebDriver)"
# The runner drives WebKitWebDriver as it would Safari's safaridriver; MiniBrowser needs a
# display, and xvfb-run gives the whole run one (and closes it after).
wasm_tests_in Safari xvfb-run -a env SAFARIDRIVER=/usr/bin/WebKitWebDriver

step "Page build (scripts/build-web.sh)"
scripts/build-web.sh

step "The page in headless Chromium (node --test tests/browser/)"
# Two test files at a time: one at a time left a core idle for a third of the run (each file
# waits on its browser), and the suite took 13.5 minutes on a fresh 2-core machine (9.3 with two).
node --test --test-concurrency=2 tests/browser/

step "The page in Firefox ESR and WebKitGTK (node --test tests/cross-browser/)"
# The page, a link, the embed in its sandboxed iframe with messages both ways, the officer
# view, own data and the risk worker (README, "Browsers"). A browser that cannot start fails.
node --test tests/cross-browser/

step "All tests passed"
