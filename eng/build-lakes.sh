#!/usr/bin/env bash
# Builds the lake the notebooks and the file-based examples read, unless the variable already names one:
#   INEQUALITIES_LAKE   the real-data lake, from ../shared/data (tests/data-sources.shared.yml): the real indicators,
#                       deprivation, boundaries and the real community-business register (Co-operatives UK, placed
#                       through OS Code-Point Open)
# Source it (". eng/build-lakes.sh DIR"): it exports the variable. DIR holds the lake and its log.
lakes_dir=${1:?usage: . eng/build-lakes.sh DIR}
mkdir -p "$lakes_dir"
if [ -z "${INEQUALITIES_LAKE:-}" ]; then
  echo "== Building the real-data lake (tests/data-sources.shared.yml) in $lakes_dir/lake-real"
  dotnet run --project src/Inequalities.Worker -c Release -- refresh --config tests/data-sources.shared.yml \
    --lake "$lakes_dir/lake-real" > "$lakes_dir/refresh-real.log" 2>&1 || { cat "$lakes_dir/refresh-real.log"; exit 1; }
  tail -n 1 "$lakes_dir/refresh-real.log"
  export INEQUALITIES_LAKE="$lakes_dir/lake-real"
fi
