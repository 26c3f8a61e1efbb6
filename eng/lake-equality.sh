#!/usr/bin/env bash
# The "no change in behaviour" test alone: builds the worker of the commit pinned in eng/lake-baseline.rev (cached under
# the system temp folder), refreshes a lake from tests/data-sources.shared.yml with it and with the current code, and
# compares every table with DuckDB (EXCEPT ALL both ways). Usage: eng/lake-equality.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/Inequalities.Lake.Tests -c Release --nologo --filter "FullyQualifiedName~LakeEqualityTests" --logger "console;verbosity=normal"
