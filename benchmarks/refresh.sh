#!/usr/bin/env bash
# The national refresh from local files (tests/data-sources.shared.yml over ../shared/data) beside its floor, DuckDB
# reading the same files and writing them as zstd Parquet (DuckDB.NET in-process, DuckDB's threads = 2; the
# benchmarks project's duckdb-parse-write mode), interleaved in each run. Wall time, CPU (user + system) and peak
# memory (maximum resident set size) from /usr/bin/time -v of Release builds; the medians with their ratio to DuckDB
# (the Baseline). A .NET process that only opens DuckDB, and the tool printing its version, are measured too: their
# peak RSS is the runtime's share of the numbers above. Written as a GitHub-markdown report to
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
before="${2:-}"
out=$(mktemp -d)
trap 'git worktree remove --force "$out/before-src" 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet build src/Inequalities.Worker -c Release -o "$out/bin" --nologo -v q >/dev/null
if [ -n "$before" ]; then
  before=$(git rev-parse --short "$before^{commit}")
  git worktree add --detach --force "$out/before-src" "$before" >/dev/null 2>&1
  (cd "$out/before-src" && dotnet build src/Inequalities.Worker -c Release -o "$out/before-bin" --nologo -v q >/dev/null)
  git worktree remove --force "$out/before-src"
fi
dotnet build benchmarks/Inequalities.Benchmarks -c Release -o "$out/bench" --nologo -v q >/dev/null
catalogue=tests/data-sources.shared.yml

# Every file of an enabled source in the catalogue (url: is relative to the catalogue's folder).
mapfile -t files < <(awk '
  function flush() { if (url != "" && enabled == "true") print url }
  /^  - id:/ { flush(); url = ""; enabled = "true" }
  /^    url:/ { url = $2 }
  /^    enabled:/ { enabled = $2 }
  END { flush() }' "$catalogue" | while read -r url; do realpath "$(dirname "$catalogue")/$url"; done)

# The catalogue with its url: paths made absolute, so a copy can live in the scratch folder.
absolute() { sed -E "s#^(    url: )(\.\./[^ ]+)#\1$(realpath "$(dirname "$catalogue")")/\2#"; }
# The refresh compared with DuckDB writes no briefings (briefs: with no areas); the catalogue as it is (two briefings,
# HTML and PDF through Chromium) is measured as its own row. The earlier commit reads its own catalogue, also
# without briefings.
without_briefs() { awk '/^briefs:/ { print "briefs:"; print "  areas: []"; skip = 1; next } skip && /^[^ #]/ { skip = 0 } !skip'; }
no_briefs="$out/data-sources.no-briefs.yml"
without_briefs < "$catalogue" | absolute > "$no_briefs"
if [ -n "$before" ]; then
  git show "$before:$catalogue" | without_briefs | absolute > "$out/data-sources.before.yml"
fi

report=benchmarks/results/refresh-report-github.md
samples="$out/samples"
: > "$samples"

# measure NAME RUN COMMAND...: one /usr/bin/time -v sample, appended to $samples as "name run wall cpu user sys rss load".
measure() {
  local name=$1 run=$2
  shift 2
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v "$@" >"$out/log" 2>"$out/time"
  awk -F': ' -v name="$name" -v run="$run" -v load="$load" '
    /Elapsed \(wall/ { n = split($2, t, ":"); wall = (n == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]) }
    /User time/ { user = $2 }
    /System time/ { sys = $2 }
    /Maximum resident/ { rss = $2 / 1024 }
    END { printf "%s %d %.2f %.2f %.2f %.2f %.0f %s\n", name, run, wall, user + sys, user, sys, rss, load }' "$out/time" >> "$samples"
}

for run in $(seq 1 "$runs"); do
  rm -rf "$out/duckdb" "$out/lake"
  measure duckdb "$run" dotnet "$out/bench/Inequalities.Benchmarks.dll" duckdb-parse-write "$out/duckdb" "${files[@]}"
  measure refresh "$run" "$out/bin/inequalities" refresh --config "$no_briefs" --lake "$out/lake"
  cp "$out/time" "$out/refresh-log"
  rm -rf "$out/lake"
  measure refresh-briefs "$run" "$out/bin/inequalities" refresh --config "$catalogue" --lake "$out/lake"
  if [ -n "$before" ]; then
    rm -rf "$out/lake"
    measure before "$run" "$out/before-bin/inequalities" refresh --config "$out/data-sources.before.yml" --lake "$out/lake"
  fi
  measure duckdb-empty "$run" dotnet "$out/bench/Inequalities.Benchmarks.dll" duckdb-parse-write --empty
  measure tool-empty "$run" "$out/bin/inequalities" --version
done

label() {
  case $1 in
    duckdb) echo 'DuckDB: read the CSVs, write zstd Parquet (Baseline)' ;;
    refresh) echo '`inequalities refresh`, tests/data-sources.shared.yml without briefings' ;;
    refresh-briefs) echo 'the same with the catalogue'"'"'s two briefings (HTML and PDF through Chromium)' ;;
    before) echo "the refresh built from $before (before; its own catalogue, without briefings)" ;;
    duckdb-empty) echo '.NET process opening DuckDB, no data' ;;
    tool-empty) echo '`inequalities --version` (the runtime alone)' ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

{
  echo '```'
  echo "$(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "$(dotnet --version) SDK; DuckDB.NET.Data.Full $(grep -o 'DuckDB.NET.Data.Full" Version="[^"]*' Directory.Packages.props | cut -d'"' -f3), DuckDB threads = 2; ${#files[@]} files; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo '```'
  echo
  echo "Medians of $runs interleaved runs (ratio: to the DuckDB baseline):"
  echo
  echo '| Method | Wall (s) | Ratio | CPU user+sys (s) | Ratio | Peak RSS (MB) | Ratio |'
  echo '|---|---:|---:|---:|---:|---:|---:|'
  base_wall=$(awk '$1 == "duckdb" { print $3 }' "$samples" | median)
  base_cpu=$(awk '$1 == "duckdb" { print $4 }' "$samples" | median)
  base_rss=$(awk '$1 == "duckdb" { print $7 }' "$samples" | median)
  for name in duckdb refresh refresh-briefs ${before:+before} duckdb-empty tool-empty; do
    wall=$(awk -v n="$name" '$1 == n { print $3 }' "$samples" | median)
    cpu=$(awk -v n="$name" '$1 == n { print $4 }' "$samples" | median)
    rss=$(awk -v n="$name" '$1 == n { print $7 }' "$samples" | median)
    awk -v l="$(label "$name")" -v w="$wall" -v c="$cpu" -v r="$rss" -v bw="$base_wall" -v bc="$base_cpu" -v br="$base_rss" \
      'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f |\n", l, w, w / bw, c, c / bc, r, r / br }'
  done
  echo
  echo 'Every run:'
  echo
  echo '| Method | Run | Wall (s) | CPU (s) | User (s) | System (s) | Peak RSS (MB) | Load before |'
  echo '|---|---:|---:|---:|---:|---:|---:|---:|'
  awk '{ printf "| %s | %d | %.2f | %.2f | %.2f | %.2f | %d | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$samples"
  echo
  echo 'Phases of the last refresh (from its log):'
  echo
  grep -E 'Parsed|Built|Computed|Wrote [0-9]+ tables|Published' "$out/refresh-log" | sed -E 's/^([^ ]+) info: [^ ]+ /- `\1` /'
} > "$report"
cat "$report"
