#!/usr/bin/env bash
# Bounded libFuzzer runs of every fuzz target (fuzz/fuzz_targets/): parse+evaluate, share links,
# import, lint, fix and redact, each seeded with the project's own inputs.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   SECONDS per target (default 5); all targets by default
#
# The test command runs it with 5 s per target; the long runs (hours, see docs/fuzzing.md) use
# the same command with a larger SECONDS. New inputs libFuzzer finds go to fuzz/corpus/TARGET
# (ignored by git); a crash is written to fuzz/artifacts/TARGET and fails the run.
# Needs a nightly toolchain and cargo-fuzz: both are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
shift || true

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "==> fuzz: installing a minimal nightly toolchain (cargo fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# The seeds each target starts from (libFuzzer reads directories recursively).
seeds() {
  case $1 in
    import) echo tests/fixtures/import www/artefacts ;;
    share_decode) echo ;;
    *) echo tests/corpus www/examples ;;
  esac
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

cargo +nightly fuzz build -O
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  # shellcheck disable=SC2046
  if ! cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" $(seeds "$t") -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t failed; the input is in fuzz/artifacts/$t" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "==> fuzz: $t: ${runs:-?} inputs in ${secs} s, no failure"
done
