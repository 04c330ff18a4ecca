#!/usr/bin/env bash
# Builds the web page into www/dist (a static site: open it from any static host):
# the engine compiled to WebAssembly (wasm-bindgen output in www/pkg), then the page's
# modules bundled with esbuild. Prints the sizes, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
echo "==> build: engine -> WebAssembly"
cargo build --lib --profile wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir www/pkg \
  --remove-name-section --remove-producers-section \
  "$target_dir/wasm32-unknown-unknown/wasm/iam_playground.wasm"

echo "==> build: page -> www/dist"
node scripts/build-web.mjs

echo "==> build: offline copy (service worker) -> www/dist/sw.js"
node scripts/offline.mjs

echo "==> build: static site -> dist/"
./scripts/dist.sh

echo "==> build: npm package -> dist/npm/"
node scripts/npm-package.mjs
