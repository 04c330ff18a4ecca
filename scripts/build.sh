#!/usr/bin/env bash
# Builds the web page into www/dist (a static site: open it from any static host):
# the engine compiled to WebAssembly, twice from the one crate (Cargo.toml's `tools` feature):
# the deciding module (evaluate, decide, share links; wasm-bindgen output in www/pkg), which
# the page needs for its first decision, and the tools module (everything, with lint, the AWS
# data, fixes, import, bundles, redaction, the simulator command; www/pkg-tools), which the
# page's worker loads after the first decision or on first use; then the page's modules
# bundled with esbuild. Neither module compiles in the engine's Japanese sentences (the
# `builtin-ja` feature, a default of the CLI and the library): the page copies
# src/i18n/ja.json into www/dist/i18n, and its worker fetches it before its first Japanese
# answer. Prints the sizes, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
echo "==> build: engine -> WebAssembly: the deciding module (www/pkg)"
# The library is an rlib in Cargo.toml; the cdylib is asked for here, alone: built as both at
# once, the module came out 17.8 KB larger and slower (Cargo.toml, [lib]).
cargo rustc --lib --crate-type cdylib --profile wasm --target wasm32-unknown-unknown --no-default-features
wasm-bindgen --target web --out-dir www/pkg \
  --remove-name-section --remove-producers-section \
  "$target_dir/wasm32-unknown-unknown/wasm/iam_playground.wasm"
# Binaryen's optimiser at -O3 over LLVM's size-optimised output (npm `binaryen`, a
# devDependency; Debian's older wasm-opt breaks the module): measured on the corpus in Node,
# decide and evaluate 0.80-0.87x the time for 3.5 KB more after gzip (LLVM at opt-level 3
# instead is 0.72x for 52 KB more, past the first visit's budget). The features are the ones
# rustc enables for wasm32-unknown-unknown, no others, so that no newer instruction appears.
# `--converge` repeats the passes until the module stops shrinking: 0.6 KB smaller after gzip,
# as fast (decide and evaluate 0.97-1.03x, alternating passes in Node), 10 s more to build.
echo "==> build: optimise the deciding module (wasm-opt -O3 --converge)"
node_modules/.bin/wasm-opt -O3 --converge \
  --enable-bulk-memory --enable-multivalue --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext \
  www/pkg/iam_playground_bg.wasm -o www/pkg/iam_playground_bg.wasm
echo "==> build: engine -> WebAssembly: the tools module (www/pkg-tools)"
cargo rustc --lib --crate-type cdylib --profile wasm-tools --target wasm32-unknown-unknown \
  --no-default-features --features tools
wasm-bindgen --target web --out-dir www/pkg-tools --out-name iam_playground_tools \
  --remove-name-section --remove-producers-section \
  "$target_dir/wasm32-unknown-unknown/wasm-tools/iam_playground.wasm"
# Both modules' glue copies each string in with one TextEncoder.encodeInto instead of a loop
# per UTF-16 unit (every call passes the whole scenario text): see the script.
node scripts/wasm-glue.mjs www/pkg/iam_playground.js www/pkg-tools/iam_playground_tools.js

echo "==> build: page -> www/dist"
node scripts/build-web.mjs

echo "==> build: offline copy (service worker) -> www/dist/sw.js"
node scripts/offline.mjs

echo "==> build: static site -> dist/"
./scripts/dist.sh

echo "==> build: npm package -> dist/npm/"
node scripts/npm-package.mjs
