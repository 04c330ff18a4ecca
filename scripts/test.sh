#!/usr/bin/env bash
# Every check, in order; stops at the first failure and says which step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

step() {
  local name=$1
  shift
  printf '\n==> [%s] %s\n' "$name" "$*"
  if ! "$@"; then
    printf '\nFAILED at step "%s": %s\n' "$name" "$*" >&2
    exit 1
  fi
}

step setup ./scripts/setup.sh
step fmt cargo fmt --check
step clippy cargo clippy --all-targets -- -D warnings
step clippy-wasm cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
step clippy-wasm-deciding cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
step unit-tests cargo test
step rustdoc env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
step corpus cargo run --release -- test tests/corpus
step fuzz ./scripts/fuzz.sh 5

# --- more steps go here (keep them before the web build if they need no browser) ---
step docs-tests node --test tests/docs/

step web-build ./scripts/build.sh
step budgets node benches/budgets/check.mjs
step browser-tests node --test tests/browser/
step npm-package node --test tests/npm/

printf '\nAll steps passed.\n'
