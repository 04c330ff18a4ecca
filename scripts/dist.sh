#!/usr/bin/env bash
# Assembles dist/ (git-ignored) from the built www/dist: the playground (index.html), the
# iframe page (embed.html), the documentation page (docs.html), the embed script, the worker,
# the .wasm, styles, example scenarios, the lessons, the AWS data, the service worker (sw.js)
# and the web app manifest, with relative paths only, so the
# folder can be copied as is to any static host or GitHub Pages. Run by build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f www/dist/index.html ] || [ ! -f www/dist/iam-playground.js ]; then
  echo "www/dist is not built: run scripts/build.sh" >&2
  exit 1
fi
rm -rf dist
cp -R www/dist dist
# GitHub Pages: serve the files as they are (no Jekyll processing).
touch dist/.nojekyll
echo "==> dist/ ($(find dist -type f | wc -l) files): copy it to any static host"
