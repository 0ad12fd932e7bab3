#!/usr/bin/env bash
# Installs what running needs, builds, and starts the Aspire AppHost on the local emulated AWS stack: the dashboard's URL
# comes first, then the Api's and the web page's once they are healthy. Ctrl+C (or SIGTERM) stops everything.
# Options go to the AppHost: --silos N (Silo replicas), --aws (the stack deployed on AWS instead of the emulators).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
echo "building (Release; the first build restores packages and takes a minute or two)..."
dotnet build MedImaging.sln -c Release -nologo -v q -clp:ErrorsOnly
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) args+=("silos=$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
exec dotnet run --project MedImaging.AppHost -c Release --no-build --launch-profile http -- "${args[@]}"
