#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it on 127.0.0.1 (port 8000, or a free
# one). Prints the address to open. Options: --port N.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
exec node scripts/serve.mjs "$@" www/dist
