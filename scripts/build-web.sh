#!/usr/bin/env bash
# Builds the page's generated files: the engine compiled to WebAssembly with its ES-module
# glue in www/pkg/, and the default data set in www/data/. Both are gitignored.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
scripts/ensure-tools.sh wasm

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
# What happened to that plan (docs/outturn.md), for the officer view and the risk section,
# fetched only when one of them is shown.
cp data/hampshire-outturn.json www/data/hampshire-outturn.json
# The template for a finance officer preparing their own council's file (www/data-guide.html).
cp data/template.json www/data/template.json

for f in www/pkg/mtfs_bg.wasm www/pkg/mtfs.js www/pkg/mtfs_insight_bg.wasm www/pkg/mtfs_insight.js \
  www/data/hampshire.json www/data/hampshire-outturn.json www/data/template.json; do
  printf 'build-web: %-30s %7d bytes, %6d gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
