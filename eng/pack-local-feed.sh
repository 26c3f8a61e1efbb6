#!/usr/bin/env bash
# Packs what ships, and checks it. The libraries go into the local feed artifacts/feed at version 0.1.0-local, the one
# version the notebooks (#r "nuget: Inequalities.Lake, 0.1.0-local") and the file-based examples
# (#:package Inequalities.Lake@0.1.0-local) reference: a prerelease that is never published, so a nuget.org package can
# never stand in for it; its global-packages cache entries are deleted so a stale pack is never used. The command-line
# tool (Inequalities.Tool, a dotnet tool, not a library) is packed beside it into artifacts/tool, not into the feed.
# Every package is then opened and checked by eng/check-packages.cs (README, XML docs, repository and commit, embedded
# symbols with SourceLink); pack itself runs the SDK's package validation. See README, "What ships".
#
# Usage: eng/pack-local-feed.sh
# Env:   INEQUALITIES_FEED_PACKED=1  the feed was packed earlier in this run (.ci/run packs once for the notebooks
#                                    and the examples): skip packing when it holds the packages.
set -euo pipefail
cd "$(dirname "$0")/.."
. eng/local-feed.sh

if [ "${INEQUALITIES_FEED_PACKED:-}" = 1 ] && ls "$feed"/Inequalities.Lake."$version".nupkg >/dev/null 2>&1; then
  echo "== Using the feed packed earlier: $feed"
  exit 0
fi

# Every packable project under src/, packed in one build through a solution filter (each is in Inequalities.sln).
projects=()
for project in src/*/*.csproj; do
  if grep -q '<IsPackable>true</IsPackable>' "$project"; then
    projects+=("$project")
  fi
done
tool="$(pwd)/artifacts/tool"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"solution":{"path":"%s","projects":[%s]}}\n' "$(pwd)/Inequalities.sln" \
  "$(printf '"%s",' "${projects[@]}" | sed 's/,$//')" > "$work/packable.slnf"

echo "== Packing ${#projects[@]} packages ($version) into $feed (the tool into $tool)"
rm -rf "$feed" "$tool" && mkdir -p "$feed" "$tool"
dotnet pack "$work/packable.slnf" -c Release -p:Version="$version" -p:PackageOutputPath="$feed" --nologo -v quiet
mv "$feed"/Inequalities.Tool."$version".nupkg "$tool"/
ls "$feed" "$tool"

dotnet run eng/check-packages.cs -- --commit "$(git rev-parse HEAD)" \
  --repository "$(dotnet msbuild src/Inequalities.Core/Inequalities.Core.csproj -getProperty:RepositoryUrl)" "$feed" "$tool"

packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
for nupkg in "$feed"/*.nupkg; do
  id=$(basename "$nupkg" ".$version.nupkg" | tr '[:upper:]' '[:lower:]')
  rm -rf "${packages:?}/$id/$version"
done
