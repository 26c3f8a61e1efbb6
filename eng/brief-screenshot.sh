#!/usr/bin/env bash
# Regenerates the README's screenshot of the Liverpool briefing (docs/images/brief-liverpool.png): the top of the
# page `inequalities brief --area E08000012` writes from a real-data lake, as Debian's headless Chromium shows it.
#
# Usage: eng/brief-screenshot.sh LAKE     (a lake built with: inequalities refresh --config tests/data-sources.shared.yml --lake LAKE)
set -euo pipefail
cd "$(dirname "$0")/.."
lake=${1:?usage: eng/brief-screenshot.sh LAKE}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run --project src/Inequalities.Worker -c Release -- brief --lake "$lake" --area E08000012 --output "$work/brief.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
  --window-size=1000,1300 --screenshot=docs/images/brief-liverpool.png "file://$work/brief.html"
ls -l docs/images/brief-liverpool.png
