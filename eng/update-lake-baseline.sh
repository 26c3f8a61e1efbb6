#!/usr/bin/env bash
# Moves the lake-equality test's reference to a commit: builds that commit's worker (default HEAD), refreshes a lake with
# it from its own tests/data-sources.shared.yml, writes the commit into eng/lake-baseline.rev and the lake's digest
# (per table: rows, columns, Parquet schema, exact content digest) into eng/lake-baseline.digest.json. Run it after
# committing a change that alters lake content on purpose, then commit both files saying which tables change and why.
# Usage: eng/update-lake-baseline.sh [commit]   (or --check <lake folder>: compare a lake with the committed digest)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project eng/LakeBaseline -c Release -- "$PWD" "${@:-HEAD}"
git --no-pager diff --stat -- eng/lake-baseline.rev eng/lake-baseline.digest.json
