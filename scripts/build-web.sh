#!/usr/bin/env bash
# Builds the page: the engine compiled to WebAssembly with its ES-module glue in www/pkg/,
# the default data set in www/data/ (both gitignored), then the site as it is served and
# deployed, in target/site/: www/ with its modules bundled and every script and stylesheet
# minified.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
scripts/ensure-tools.sh site

# No `cli` feature: serde_json and schemars stay out of the browser build. The `wasm`
# profile (Cargo.toml) optimises for size, short of the last byte, and aborts on panic.
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

# The site: www/ as it is, but for the page's own modules, bundled instead by esbuild
# (scripts/bundle-site.mjs): each page's module, each worker and each module loaded on
# demand an entry at its own path, the code they share in chunks/ (a module still runs
# once), all minified, and each page's <link rel="modulepreload"> list rewritten to name
# the files its module imports. Why: the first screen was 43 modules, fetched 6 at a time
# over HTTP/1.1, which on a phone (slow 4G, 150 ms a round trip) took 8 or so round trips
# before the page could be drawn; bundled, it is app.js and a few chunks, all fetched with
# the page. What the tests load is therefore the bundle, not the source file by file: a
# module that resolved a URL against its own `import.meta.url` would point elsewhere once
# its code is in a chunk, so the site's own files are named from the page's folder
# (www/core/site.js), and bundle-site.mjs refuses a bundle that breaks that rule. The
# engine's glue (pkg/*.js) and the stylesheets are minified file by file, at their paths.
# HTML keeps its bytes but for the modulepreload lines, so the CSP's hash of the inline
# script still matches. The example consultation page (consultation-example.*) is left as
# written: it is the example a council's web team reads.
site=target/site
rm -rf "$site"
mkdir -p "$site"
cp -R www/. "$site/"
find "$site" -name '*.js' ! -path "$site/pkg/*" ! -name 'consultation-example.js' -delete
# When the code this site is built from was committed: the accessibility statement prints it
# beside the list of checks its tests run (www/views/accessibility/checked.js).
git log -1 --format='{"date": "%cs", "commit": "%h"}' >"$site/build.json" 2>/dev/null || echo '{}' >"$site/build.json"
node scripts/bundle-site.mjs "$site"
find "$site" -type d -empty -delete # the folders that held only modules
printf 'build-web: %-30s %7d bytes, %6d gzip (%d scripts and stylesheets)\n' "$site/" \
  "$(find "$site" -type f \( -name '*.js' -o -name '*.css' \) -exec cat {} + | wc -c)" \
  "$(find "$site" -type f \( -name '*.js' -o -name '*.css' \) -exec cat {} + | gzip -9c | wc -c)" \
  "$(find "$site" -type f \( -name '*.js' -o -name '*.css' \) | wc -l)"
