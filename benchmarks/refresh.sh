#!/usr/bin/env bash
# The national refresh from local files (tests/data-sources.shared.yml over ../shared/data): wall time and peak
# memory (maximum resident set size from /usr/bin/time -v) of the Release build, written as a GitHub-markdown
# report to benchmarks/results/refresh-report-github.md. Usage: benchmarks/refresh.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
out=$(mktemp -d)
dotnet build src/Inequalities.Worker -c Release -o "$out/bin" --nologo -v q >/dev/null
report=benchmarks/results/refresh-report-github.md
{
  echo '```'
  echo "$(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "$(dotnet --version) SDK; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo '```'
  echo
  echo '| Run | Wall time (s) | Peak RSS (MB) | CPU | User (s) | System (s) | Load before |'
  echo '|---:|---:|---:|---:|---:|---:|---:|'
} > "$report"
for run in $(seq 1 "$runs"); do
  rm -rf "$out/lake"
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v "$out/bin/inequalities" refresh --config tests/data-sources.shared.yml --lake "$out/lake" >"$out/log" 2>"$out/time"
  wall=$(awk -F': ' '/Elapsed \(wall/ {split($2, t, ":"); print (length(t) == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2])}' "$out/time")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$out/time")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$out/time")
  user=$(awk -F': ' '/User time/ {print $2}' "$out/time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$out/time")
  echo "| $run | $wall | $rss | $cpu | $user | $sys | $load |" | tee -a "$report"
done
echo >> "$report"
echo 'Phases of the last run (from the refresh log):' >> "$report"
echo >> "$report"
grep -E 'Parsed|Built|Computed|Wrote [0-9]+ tables|Published' "$out/time" | sed -E 's/^([^ ]+) info: [^ ]+ /- `\1` /; s/$//' >> "$report"
rm -rf "$out"
cat "$report"
