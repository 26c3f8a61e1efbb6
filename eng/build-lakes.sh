#!/usr/bin/env bash
# Builds the two lakes the notebooks and the file-based examples read, unless the variables already name them:
#   INEQUALITIES_LAKE         the real-data lake, from ../shared/data (tests/data-sources.shared.yml)
#   INEQUALITIES_ASSETS_LAKE  the sample lake (refresh --sample: the only one with community-business registers)
# Source it (". eng/build-lakes.sh DIR"): it exports the two variables. DIR holds the lakes and their logs.
lakes_dir=${1:?usage: . eng/build-lakes.sh DIR}
mkdir -p "$lakes_dir"
if [ -z "${INEQUALITIES_LAKE:-}" ]; then
  echo "== Building the real-data lake (tests/data-sources.shared.yml) in $lakes_dir/lake-real"
  dotnet run --project src/Inequalities.Worker -c Release -- refresh --config tests/data-sources.shared.yml \
    --lake "$lakes_dir/lake-real" > "$lakes_dir/refresh-real.log" 2>&1 || { cat "$lakes_dir/refresh-real.log"; exit 1; }
  tail -n 1 "$lakes_dir/refresh-real.log"
  export INEQUALITIES_LAKE="$lakes_dir/lake-real"
fi
if [ -z "${INEQUALITIES_ASSETS_LAKE:-}" ]; then
  echo "== Building the sample lake (refresh --sample: synthetic community-business registers) in $lakes_dir/lake-sample"
  dotnet run --project src/Inequalities.Worker -c Release -- refresh --sample \
    --lake "$lakes_dir/lake-sample" > "$lakes_dir/refresh-sample.log" 2>&1 || { cat "$lakes_dir/refresh-sample.log"; exit 1; }
  tail -n 1 "$lakes_dir/refresh-sample.log"
  export INEQUALITIES_ASSETS_LAKE="$lakes_dir/lake-sample"
fi
