#!/usr/bin/env bash
# Builds the page: the engine compiled to WebAssembly with its ES-module glue in www/pkg/,
# the default data set in www/data/ (both gitignored), then the site as it is served and
# deployed, in target/site/: www/ with every script and stylesheet minified.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
scripts/ensure-tools.sh site

# No `cli` feature: serde_json and schemars stay out of the browser build. The `wasm`
# profile (Cargo.toml) optimises for size and aborts on panic.
cargo build --profile wasm --target wasm32-unknown-unknown --no-default-features --lib
rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg --remove-name-section --remove-producers-section \
  target/wasm32-unknown-unknown/wasm/mtfs.wasm

# The second module: the same engine with risk, goal seek and drivers (the `insight`
# feature), for the page to load only when a resident asks for them, so the first visit
# stays within its weight budget. Its own target directory keeps both builds incremental.
cargo build --profile wasm --target wasm32-unknown-unknown --no-default-features --features insight --lib \
  --target-dir target/insight
wasm-bindgen --target web --out-dir www/pkg --out-name mtfs_insight --remove-name-section \
  --remove-producers-section target/insight/wasm32-unknown-unknown/wasm/mtfs.wasm

mkdir -p www/data
cp data/hampshire.json www/data/hampshire.json
# The first screen's answers (the plan and the options), worked out now by the same engine
# the page runs (`mtfs first-screen`), with the SHA-256 of the data file they were worked out
# from: the page draws its first screen from them and loads the engine only when the
# resident starts to use it, or the browser is idle (www/core/engine.js, `firstScreen`). A
# data file that differs from the digest (edited without a rebuild) is not drawn from them.
# The debug build: `make test` has just built it for `cargo test` (nothing more to compile),
# and a release build's whole-program LTO would add minutes to a clean CI run for one call.
cargo build --bin mtfs
digest=$(sha256sum www/data/hampshire.json | cut -c1-64)
printf '{"data_sha256":"%s","answers":%s}\n' "$digest" \
  "$(target/debug/mtfs first-screen --data www/data/hampshire.json)" >www/data/hampshire.first.json
# What happened to that plan (docs/outturn.md), for the officer view and the risk section,
# fetched only when one of them is shown.
cp data/hampshire-outturn.json www/data/hampshire-outturn.json
# The template for a finance officer preparing their own council's file (www/data-guide.html).
cp data/template.json www/data/template.json
# The Welsh catalogue (src/language.rs, www/core/language.js), fetched only when Welsh is chosen.
mkdir -p www/locales
cp locales/cy.json www/locales/cy.json

for f in www/pkg/mtfs_bg.wasm www/pkg/mtfs.js www/pkg/mtfs_insight_bg.wasm www/pkg/mtfs_insight.js \
  www/data/hampshire.json www/data/hampshire.first.json www/data/hampshire-outturn.json www/data/template.json; do
  printf 'build-web: %-30s %7d bytes, %6d gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done

# The site: www/ as it is, then each script and stylesheet minified in place by esbuild,
# file by file. No bundling: the module graph, every path and each `import.meta.url`
# stay exactly as in www/, so what the tests check is what the source says, only smaller
# (the page-weight budget: README, Speed). HTML keeps its bytes, so the CSP's hash of the
# inline script still matches. The example consultation page (consultation-example.*) is
# left as written: it is the example a council's web team reads.
site=target/site
rm -rf "$site"
mkdir -p "$site"
cp -R www/. "$site/"
# When the code this site is built from was committed: the accessibility statement prints it
# beside the list of checks its tests run (www/views/accessibility/checked.js).
git log -1 --format='{"date": "%cs", "commit": "%h"}' >"$site/build.json" 2>/dev/null || echo '{}' >"$site/build.json"
mapfile -t sources < <(find www -type f \( -name '*.js' -o -name '*.css' \) ! -name 'consultation-example.*' | sort)
node_modules/.bin/esbuild "${sources[@]}" --minify --outbase=www --outdir="$site" \
  --allow-overwrite --log-level=warning --charset=utf8 --legal-comments=none
printf 'build-web: %-30s %7d bytes, %6d gzip (%d scripts and stylesheets)\n' "$site/" \
  "$(find "$site" -type f \( -name '*.js' -o -name '*.css' \) -exec cat {} + | wc -c)" \
  "$(find "$site" -type f \( -name '*.js' -o -name '*.css' \) -exec cat {} + | gzip -9c | wc -c)" "${#sources[@]}"
