#!/usr/bin/env bash
# Measures how long the AppHost takes from launch until every resource is healthy (it prints "Every resource healthy"):
# cold (packages restored, no cached CDK template, so jsii synthesizes it) and warm (template from the cache).
# Runs the built Release AppHost as run.sh does, on free ports. Usage: scripts/bench-apphost.sh [runs per mode, default 1]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
apphost="MedImaging.AppHost/bin/Release/net10.0/MedImaging.AppHost.dll"
[ -f "$apphost" ] || dotnet build MedImaging.sln -c Release -nologo -v q -clp:ErrorsOnly
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Prints the wall-clock seconds from launch until the AppHost reports every resource healthy, then stops it (SIGTERM).
start_once() {
  local log; log=$(mktemp)
  local t0; t0=$(date +%s.%N)
  ASPNETCORE_URLS="http://127.0.0.1:$(free_port)" ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
    ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$(free_port)" ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
    DcpPublisher__RandomizePorts=true dotnet "$apphost" > "$log" 2>&1 &
  local pid=$!
  local ready=""
  for _ in $(seq 1800); do
    if grep -q "Every resource healthy" "$log"; then ready=$(date +%s.%N); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 15 # DCP stops the resources after the AppHost exits
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
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "AppHost cold start (no template cache, jsii synthesis): ${cold[*]} s   (goal <= 15 s)"
echo "AppHost warm start (cached template):                  ${warm[*]} s   (goal <= 8 s)"
