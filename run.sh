#!/usr/bin/env bash
# Installs what is missing, builds, and starts the AppHost on the local emulated AWS stack.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
dotnet build MedImaging.sln -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet run --project MedImaging.AppHost -c Release --no-build -- "$@"
