#!/usr/bin/env bash
# Packs the shipped libraries into the local feed artifacts/feed at version 0.1.0-local, the one version the notebooks
# (#r "nuget: Inequalities.Lake, 0.1.0-local") and the file-based examples (#:package Inequalities.Lake@0.1.0-local)
# reference. A prerelease that is never published, so a nuget.org package can never stand in for it; its
# global-packages cache entries are deleted so a stale pack is never used. The command-line tool (Inequalities.Tool)
# is not packed here: it is a dotnet tool, not a library.
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

echo "== Packing the library ($version) into $feed"
rm -rf "$feed" && mkdir -p "$feed"
for project in src/*/*.csproj; do
  case "$project" in */Inequalities.Worker.csproj) continue ;; esac
  if grep -q '<IsPackable>true</IsPackable>' "$project"; then
    dotnet pack "$project" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
  fi
done
ls "$feed"

packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
for nupkg in "$feed"/*.nupkg; do
  id=$(basename "$nupkg" ".$version.nupkg" | tr '[:upper:]' '[:lower:]')
  rm -rf "${packages:?}/$id/$version"
done
