#!/usr/bin/env bash
# Runs every file-based example in examples/ (.NET 10 `dotnet run file.cs`) against the library packed into the local
# feed artifacts/feed at version 0.1.0-local (eng/pack-local-feed.sh; examples/NuGet.config adds the feed), on the
# real-data lake (eng/build-lakes.sh). Each example checks its numbers and exits non-zero when one is
# wrong; the script fails if any example does. CI runs it after the notebooks.
#
# Usage: examples/run-examples.sh [examples/name.cs ...]     (default: every examples/*.cs)
# Env:   INEQUALITIES_LAKE          use this real-data lake instead of building it;
#        INEQUALITIES_FEED_PACKED=1  the feed was packed earlier in this run.
set -euo pipefail
cd "$(dirname "$0")/.."

. eng/local-feed.sh
out="$(pwd)/artifacts/examples"

if [ "$#" -gt 0 ]; then
  examples=("$@")
else
  examples=(examples/*.cs)
fi

# Every example must reference the packed library at exactly this version, or it would test something else.
for ex in "${examples[@]}"; do
  if ! grep -q "^#:package Inequalities\.[A-Za-z]*@${version//./\\.}\$" "$ex"; then
    echo "$ex: no '#:package Inequalities.<Package>@$version' line; reference the packed library at that version." >&2
    exit 1
  fi
  if grep '^#:package Inequalities\.' "$ex" | grep -v "@$version\$" >/dev/null; then
    echo "$ex: references an Inequalities package at a version other than $version." >&2
    exit 1
  fi
done

bash eng/pack-local-feed.sh
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Builds the real-data lake unless INEQUALITIES_LAKE names one already.
. eng/build-lakes.sh "$work"
export INEQUALITIES_EXAMPLES_OUT="$out"

failed=0
for ex in "${examples[@]}"; do
  name=$(basename "$ex" .cs)
  echo "== Running $ex"
  start=$SECONDS
  set +e
  # A forced restore, then --no-cache (always build), so an example never runs against an earlier pack of 0.1.0-local:
  # `dotnet run --no-cache` alone builds again but keeps the restore it made before (its dependencies as they were).
  timeout 600 dotnet restore --force "$ex" > "$out/$name.log" 2>&1 && timeout 600 dotnet run --no-cache "$ex" >> "$out/$name.log" 2>&1
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    echo "FAILED $ex (exit $status, $((SECONDS - start)) s)" >&2
    cat "$out/$name.log" >&2
    failed=$((failed + 1))
  else
    echo "ok $ex ($((SECONDS - start)) s): $(tail -n 1 "$out/$name.log")"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "$failed example(s) failed." >&2
  exit 1
fi
echo "All ${#examples[@]} example(s) ran and their checks held."
