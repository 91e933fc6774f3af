#!/usr/bin/env bash
# Builds the page and serves it on this machine only: http://127.0.0.1:8000/ by default,
# another port with `PORT=9000 scripts/serve.sh` (or `make serve PORT=9000`). scripts/serve.py is
# http.server plus CORS (for the embed in a sandboxed iframe) and the .wasm type.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-${PORT:-8000}}"
scripts/build-web.sh
echo
echo "The calculator is at http://127.0.0.1:$port/ (Ctrl-C stops the server)"
exec python3 scripts/serve.py "$port"
