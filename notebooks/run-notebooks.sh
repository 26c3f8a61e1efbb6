#!/usr/bin/env bash
# Runs every notebook in notebooks/ headless, the way an analyst would use the library: the shipped projects are
# packed into a local feed (artifacts/feed) at version 0.1.0-local by eng/pack-local-feed.sh, which the notebooks
# reference with
#   #i "nuget: ../artifacts/feed"
#   #r "nuget: Inequalities.Lake, 0.1.0-local"
# The lake is built by eng/build-lakes.sh from the real open data in ../shared/data (tests/data-sources.shared.yml),
# real registers included. Each notebook runs with dotnet-repl (pinned in
# .config/dotnet-tools.json); the script fails if any cell fails. Executed copies go to artifacts/notebooks/.
#
# Usage: notebooks/run-notebooks.sh [notebook.ipynb ...]     (default: every notebooks/*.ipynb)
# Env:   INEQUALITIES_LAKE  use this real-data lake instead of building it.
set -euo pipefail
cd "$(dirname "$0")/.."
. eng/local-feed.sh
out="$(pwd)/artifacts/notebooks"

if [ "$#" -gt 0 ]; then
  notebooks=("$@")
else
  notebooks=(notebooks/*.ipynb)
fi

# Every notebook must reference exactly this version (and the feed), or it would silently test something else.
for nb in "${notebooks[@]}"; do
  if ! grep -q "#r \\\\\"nuget: Inequalities\.[A-Za-z]*, ${version//./\\.}\\\\\"" "$nb"; then
    echo "$nb: no '#r \"nuget: Inequalities.<Package>, $version\"' line; reference the packed library at that version." >&2
    exit 1
  fi
  if grep -o '#r \\"nuget: Inequalities\.[A-Za-z]*, [^\\]*\\"' "$nb" | grep -v ", $version\\\\\"" >/dev/null; then
    echo "$nb: references an Inequalities package at a version other than $version." >&2
    exit 1
  fi
done

bash eng/pack-local-feed.sh
mkdir -p "$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Builds the real-data lake unless INEQUALITIES_LAKE names one already.
. eng/build-lakes.sh "$work"

dotnet tool restore > /dev/null

failed=0
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  echo "== Running $name"
  start=$SECONDS
  set +e
  # From the notebooks folder, as an editor runs them, so '#i "nuget: ../artifacts/feed"' resolves.
  (cd "$(dirname "$nb")" && timeout 900 dotnet tool run dotnet-repl -- --run "$name" --exit-after-run \
    --output-path "$out/$name") > "$out/${name%.ipynb}.log" 2>&1
  status=$?
  set -e
  errors=0
  if [ -f "$out/$name" ]; then
    errors=$(grep -c '"output_type": *"error"' "$out/$name" || true)
  fi
  if [ "$status" -ne 0 ] || [ ! -s "$out/$name" ] || [ "$errors" -ne 0 ]; then
    echo "FAILED $name (exit $status, $errors error cell(s), $((SECONDS - start)) s); executed copy: $out/$name" >&2
    cat "$out/${name%.ipynb}.log" >&2
    if [ -f "$out/$name" ]; then
      # The error outputs, for the CI log.
      grep -A3 '"ename"' "$out/$name" | head -n 40 >&2 || true
    fi
    failed=$((failed + 1))
  else
    echo "ok $name ($((SECONDS - start)) s)"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "$failed notebook(s) failed." >&2
  exit 1
fi
echo "All ${#notebooks[@]} notebook(s) ran without an error cell."
