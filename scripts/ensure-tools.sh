#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing, so it is quick
# to run again. `scripts/ensure-tools.sh wasm` is enough to build the engine's modules,
# `site` adds the npm tools the page's build uses (esbuild); with no argument it also sets
# up the browser tests.
#
#   rustfmt, clippy           rustup components (for the checks in scripts/test.sh)
#   wasm32-unknown-unknown    the rustup target the page is compiled for
#   wasm-bindgen-cli          at exactly the version Cargo.toml pins for wasm-bindgen
#                             (it includes wasm-bindgen-test-runner)
#   chromium, chromedriver    Debian's, for both browser test suites
#   node_modules              `npm ci`: esbuild (the page's build), playwright-core and
#                             @axe-core/playwright (the browser tests)
#   firefox-esr, webkit2gtk-driver, xvfb, xauth
#                             Debian's, for the cross-browser tests (tests/cross-browser/,
#                             and the wasm tests in Firefox and WebKit): Firefox ESR, and
#                             WebKitGTK's MiniBrowser with /usr/bin/WebKitWebDriver, which
#                             needs a display (xvfb-run)
#   geckodriver               from crates.io at the version pinned below, Firefox's WebDriver
#                             server (for wasm-bindgen-test-runner and the page tests)
#   node_modules              `npm ci`: playwright-core and @axe-core/playwright
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

what="${1:-all}"
say() { printf 'ensure-tools: %s\n' "$*"; }

# Debian's browsers and drivers (the full set-up only): one apt-get run for whatever is
# missing, started first and left to download and unpack in the background while the Rust
# tools below compile (the two together took about 6 minutes one after the other on a
# fresh 2-core machine). Its failure fails this script at the `wait` at the end.
apt_pid=""
if [ "$what" = all ]; then
  missing=()
  for need in /usr/bin/chromium:chromium /usr/bin/chromedriver:chromium-driver \
    /usr/bin/firefox-esr:firefox-esr /usr/bin/WebKitWebDriver:webkit2gtk-driver \
    /usr/bin/xvfb-run:xvfb /usr/bin/xauth:xauth; do
    [ -x "${need%%:*}" ] || missing+=("${need#*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian's ${missing[*]} (in the background)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    (
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    ) &
    apt_pid=$!
  fi
fi

# geckodriver drives Firefox for wasm-bindgen-test-runner (GECKODRIVER in scripts/test.sh)
# and for tests/cross-browser/. crates.io is the only place it can come from here. A debug
# build is enough for a test driver and needs less compiling. It compiles in the background
# from the start, beside apt-get and wasm-bindgen-cli's build below: one after the other they
# left a core idle through each build's slow tail (about 5.5 minutes in all on a fresh machine).
geckodriver_version=0.37.1
geckodriver_pid=""
if [ "$what" = all ] &&
  [ "$(geckodriver --version 2>/dev/null | head -n 1)" != "geckodriver $geckodriver_version" ]; then
  say "installing geckodriver $geckodriver_version (in the background)"
  cargo install --quiet --force --debug geckodriver --version "$geckodriver_version" &
  geckodriver_pid=$!
  trap 'kill "$geckodriver_pid" 2>/dev/null || true' EXIT
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly, or the generated glue will not fit.
pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ -z "$pinned" ]; then
  echo 'ensure-tools: Cargo.toml must pin wasm-bindgen exactly (wasm-bindgen = "=x.y.z")' >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $pinned" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $pinned (a few minutes)"
  # No --locked: it fails against the registry on these machines. --force: also mends
  # an install whose binaries have gone missing.
  cargo install --force wasm-bindgen-cli --version "$pinned"
fi

[ "$what" = wasm ] && exit 0

for tool in node npm python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "ensure-tools: $tool is needed for the page's build, its tests and the local server; install it first" >&2
    exit 1
  fi
done

# npm records what it installed in node_modules/.package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing the page's build and test tools (npm ci)"
  npm ci --no-audit --no-fund
fi

[ "$what" = site ] && exit 0

if [ -n "$apt_pid" ]; then
  wait "$apt_pid"
fi
if [ -n "$geckodriver_pid" ]; then
  wait "$geckodriver_pid"
  trap - EXIT
fi

