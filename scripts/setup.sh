#!/usr/bin/env bash
# Installs what building and testing need, on a fresh Debian machine that has rustup, Node and
# Python. Idempotent: a second run installs nothing and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> setup: %s\n' "$*"; }

step "Rust target wasm32-unknown-unknown"
rustup target add wasm32-unknown-unknown

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock, or it
# refuses the module.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
step "wasm-bindgen-cli $want (found: ${have:-none})"
if [[ "$have" != "$want" ]]; then
  cargo install wasm-bindgen-cli --version "$want" --locked ||
    cargo install wasm-bindgen-cli --version "$want"
fi

# npm ci only when package-lock.json changed since the last install.
step "npm packages (esbuild, CodeMirror, playwright-core)"
stamp=node_modules/.iam-playground-lock
if [[ -f "$stamp" ]] && cmp -s package-lock.json "$stamp"; then
  echo "up to date"
else
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

# The browser tests drive Debian's Chromium (playwright-core never downloads a browser here),
# with a Japanese font so that the page in Japanese is laid out (and measured by the layout
# tests) with real glyphs, not empty boxes.
step "Chromium and a Japanese font for the browser tests"
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium chromium-driver)
dpkg -s fonts-ipafont-gothic >/dev/null 2>&1 || missing+=(fonts-ipafont-gothic)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "found /usr/bin/chromium and fonts-ipafont-gothic"
elif [[ $(id -u) -eq 0 ]]; then
  apt-get update && apt-get install -y "${missing[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update && sudo apt-get install -y "${missing[@]}"
else
  echo "warning: ${missing[*]} missing and this user cannot install them;" >&2
  echo "         run: sudo apt-get install ${missing[*]}" >&2
fi
