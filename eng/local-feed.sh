# Sourced (from the repository root) by the scripts that pack or use the local feed: the one version the notebooks and
# the examples reference, a prerelease that is never published (so a nuget.org package can never stand in for it),
# and the feed folder.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
version=0.1.0-local
feed="$(pwd)/artifacts/feed"
