#!/usr/bin/env bash
# The public-API baseline of each shipped library (README, "What ships"): PublicAPI.Shipped.txt and
# PublicAPI.Unshipped.txt beside each library's csproj, checked at every build by Microsoft.CodeAnalysis.PublicApiAnalyzers.
#
# Usage: eng/public-api.sh           after adding, changing or removing public API: builds the shipped libraries with
#                                    RS0016/RS0017 as warnings, and records what the compiler reports in each library's
#                                    PublicAPI.Unshipped.txt (a new symbol added; a removed unshipped symbol deleted; a
#                                    removed shipped symbol marked *REMOVED*), then builds again to prove it is clean.
#        eng/public-api.sh --ship    at a release: moves each PublicAPI.Unshipped.txt into PublicAPI.Shipped.txt
#                                    (applying the *REMOVED* lines) and leaves Unshipped empty.
# Review the diff of the PublicAPI files like code: it is the change users of the packages see.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 LC_ALL=C

header='#nullable enable'

# The library packages: Directory.Build.targets sets InequalitiesLibraryPackage (packable and not a dotnet tool).
libraries=()
for project in src/*/*.csproj; do
  if [ "$(dotnet msbuild "$project" -getProperty:InequalitiesLibraryPackage)" = true ]; then
    libraries+=("$project")
  fi
done
if [ ${#libraries[@]} -eq 0 ]; then
  echo "No library package found under src/." >&2
  exit 1
fi

# Writes a PublicAPI file: the header, then the lines sorted ordinally, once each.
write_api() { # file, lines on stdin
  local body
  body=$(grep -vxF "$header" | sed '/^[[:space:]]*$/d' | sort -u || true)
  { echo "$header"; if [ -n "$body" ]; then printf '%s\n' "$body"; fi; } > "$1"
}

if [ "${1:-}" = --ship ]; then
  for project in "${libraries[@]}"; do
    dir=$(dirname "$project")
    removed=$(sed -n 's/^\*REMOVED\*//p' "$dir/PublicAPI.Unshipped.txt")
    { grep -vxF -f <(printf '%s\n' "$removed" | sed '/^$/d') "$dir/PublicAPI.Shipped.txt" || true
      grep -v '^\*REMOVED\*' "$dir/PublicAPI.Unshipped.txt" || true; } | write_api "$dir/PublicAPI.Shipped.txt"
    write_api "$dir/PublicAPI.Unshipped.txt" < /dev/null
    echo "$dir: $(($(wc -l < "$dir/PublicAPI.Shipped.txt") - 1)) shipped symbols"
  done
  exit 0
elif [ $# -gt 0 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2
  exit 2
fi

# A new library starts with empty files: everything it makes public is reported, and recorded below.
for project in "${libraries[@]}"; do
  dir=$(dirname "$project")
  for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [ -f "$dir/$file" ] || write_api "$dir/$file" < /dev/null
  done
done

# One build of all the libraries through a solution filter (each must be in Inequalities.sln), incremental: a library
# whose code or API files changed since its last build is compiled again. Every other warning stays an error. The
# diagnostics name the symbol in the files' own format, and the project. RS0026 and RS0027 (overloads with optional
# parameters, checked on unshipped API) are warnings here too, so that one library's design warning does not stop the
# libraries that depend on it from being recorded; the second build reports them.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/build.log" filter="$work/libraries.slnf"
printf '{"solution":{"path":"%s","projects":[%s]}}\n' "$(pwd)/Inequalities.sln" \
  "$(printf '"%s",' "${libraries[@]}" | sed 's/,$//')" > "$filter"
status=0
dotnet build "$filter" -c Release --nologo -v quiet -p:WarningsNotAsErrors='RS0016%3BRS0017%3BRS0026%3BRS0027' \
  > "$log" 2>&1 || status=$?

added=0 removed=0
# RS0016: "<file>(l,c): warning RS0016: Symbol '<api>' is not part of the declared public API (<help>) [<csproj>]"
while IFS=$'\t' read -r project symbol; do
  dir=$(dirname "$project")
  if ! grep -qxF -- "$symbol" "$dir/PublicAPI.Unshipped.txt"; then
    { cat "$dir/PublicAPI.Unshipped.txt"; printf '%s\n' "$symbol"; } | write_api "$dir/PublicAPI.Unshipped.txt"
    added=$((added + 1))
  fi
done < <(sed -nE "s/^.*: warning RS0016: Symbol '(.*)' is not part of the declared public API .*\[(.*\.csproj)\]$/\2\t\1/p" "$log" | sort -u)
# RS0017: "<dir>/PublicAPI.<Shipped|Unshipped>.txt(l,c): warning RS0017: Symbol '<api>' is part of the declared API, but
# is either not public or could not be found (<help>) [<csproj>]"
while IFS=$'\t' read -r file symbol; do
  dir=$(dirname "$file")
  if [ "$(basename "$file")" = PublicAPI.Unshipped.txt ]; then
    grep -vxF -- "$symbol" "$file" | write_api "$file"
  else
    { cat "$dir/PublicAPI.Unshipped.txt"; printf '*REMOVED*%s\n' "$symbol"; } | write_api "$dir/PublicAPI.Unshipped.txt"
  fi
  removed=$((removed + 1))
done < <(sed -nE "s/^(.*PublicAPI\.(Shipped|Unshipped)\.txt)\([0-9]+,[0-9]+\): warning RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found .*$/\1\t\3/p" "$log" | sort -u)

echo "== Public API: $added symbol(s) recorded as added, $removed as removed (PublicAPI.Unshipped.txt)"
if [ $((added + removed)) -eq 0 ] && [ "$status" -eq 0 ]; then
  exit 0
fi

# Prove the files now match: a normal build (RS0016/RS0017 errors again), showing whatever remains, such as RS0026
# (a second overload with optional parameters), which needs a change to the code, not to the files.
status=0
dotnet build "$filter" -c Release --nologo -v quiet > "$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -E ': error ' "$log" | sort -u >&2
  echo "The build still fails (above); the PublicAPI files were updated as far as the diagnostics allowed." >&2
  exit "$status"
fi
git status --short -- 'src/*/PublicAPI.*.txt'
