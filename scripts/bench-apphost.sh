#!/usr/bin/env bash
# Measures how long the AppHost takes until every resource is healthy: a cold start (no cached CDK template,
# so jsii synthesizes it) and a warm start (template from the cache). Runs the built Release AppHost on free ports.
# Usage: scripts/bench-apphost.sh [runs-per-mode, default 1]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
apphost="MedImaging.AppHost/bin/Release/net10.0/MedImaging.AppHost.dll"
[ -f "$apphost" ] || dotnet build MedImaging.sln -c Release -nologo -v q -clp:ErrorsOnly
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

# Prints the seconds from launch until the AppHost reports every resource healthy (wall clock, measured here).
start_once() {
  local log; log=$(mktemp)
  local t0; t0=$(date +%s.%N)
  local ready=""
  while IFS= read -r line; do
    echo "$line" >> "$log"
    if [[ -z "$ready" && "$line" == Ready\ in* ]]; then ready=$(date +%s.%N); fi
  done < <(timeout 180 dotnet "$apphost" --stop-when-ready --api-port 0 --silo-port 0 --dynamodb-port 0 --fauxqs-port 0 2>&1)
  if [ -z "$ready" ]; then echo "AppHost did not become ready; its output:" >&2; cat "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
  awk -v a="$ready" -v b="$t0" 'BEGIN { printf "%.1f", a - b }'
}

cold=(); warm=()
for _ in $(seq "$runs"); do
  rm -rf .artifacts/apphost-cache
  cold+=("$(start_once)")
  warm+=("$(start_once)")
done
echo "AppHost cold start (no template cache, jsii synthesis): ${cold[*]} s"
echo "AppHost warm start (cached template):                  ${warm[*]} s   (goal <= 15 s)"
