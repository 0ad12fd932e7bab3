#!/usr/bin/env bash
# Runs every test of the solution. Fails when a test fails or when no test ran.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh --for-tests
results="$(pwd)/.artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
dotnet build MedImaging.sln -c Release -nologo -v q -clp:ErrorsOnly
status=0
dotnet test MedImaging.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?
scripts/count-tests.sh "$results"   # exits non-zero on failures or zero tests
exit "$status"
