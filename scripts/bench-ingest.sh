#!/usr/bin/env bash
# Starts the Aspire AppHost (emulated AWS stack) on free ports, runs `medimaging bench ingest` against it once per
# concurrency given, with the machine's load before each run, and stops the AppHost again.
# Usage: scripts/bench-ingest.sh [instances, default 200] [concurrency..., default 4 8]
# BENCH_INGEST_ARGS adds options to every run (e.g. "--no-peer --finalize-studies 0", "--mode closed", "--cpu-budget 0.5").
# BENCH_FLOOR=1 also runs `medimaging bench floor` against the same emulators after each run (BENCH_FLOOR=only: just
# that): what the emulators alone take for the pipeline's required side effects, beside Orthanc's rate.
set -euo pipefail
cd "$(dirname "$0")/.."
instances="${1:-200}"; shift || true
[ $# -gt 0 ] || set -- 4 8
apphost="MedImaging.AppHost/bin/Release/net10.0/MedImaging.AppHost.dll"
cli="MedImaging.Cli/bin/Release/net10.0/medimaging.dll"
[ -f "$apphost" ] && [ -f "$cli" ] || dotnet build MedImaging.sln -c Release -nologo -v q -clp:ErrorsOnly
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Under `--cpu-budget CORES` the Silo and Api learn their share as .NET does in a CPU-limited container: a processor
# count of the budget rounded up (idle A/B under 0.5 cores: Silo 4.5 -> 3.6 and Api 1.8 -> 1.5 ms per instance with it).
budget=$(sed -n 's/.*--cpu-budget \([0-9.]*\).*/\1/p' <<< "${BENCH_INGEST_ARGS:-}")
processors=${budget:+$(awk -v b="$budget" 'BEGIN { c = int(b); if (c < b) c++; print c }')}

# The AppHost as run.sh runs it (dashboard included, loopback only), on free ports; BENCH_SILOS sets the Silo replicas.
log=$(mktemp)
env ${processors:+DOTNET_PROCESSOR_COUNT=$processors} ASPNETCORE_URLS="http://127.0.0.1:$(free_port)" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
  ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$(free_port)" ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
  DcpPublisher__RandomizePorts=true dotnet "$apphost" "silos=${BENCH_SILOS:-1}" > "$log" 2>&1 &
apphost_pid=$!
trap 'kill "$apphost_pid" 2>/dev/null; wait "$apphost_pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 180); do
  grep -q "^Every resource healthy" "$log" && break
  kill -0 "$apphost_pid" 2>/dev/null || { echo "AppHost exited; its output:" >&2; tail -40 "$log" >&2; exit 1; }
  sleep 1
done
grep -q "^Every resource healthy" "$log" || { echo "AppHost not ready after 180 s" >&2; tail -40 "$log" >&2; exit 1; }
api=$(sed -n 's|^Api: *\(http://[0-9.:]*\)/api/studies|\1|p' "$log")
dynamodb=$(sed -n 's|^Emulators: DynamoDB Local \(http://[0-9.:]*\),.*|\1|p' "$log")
fauxqs=$(sed -n 's|.*fauxqs (S3, SQS, SNS) \(http://[0-9.:]*\)$|\1|p' "$log")
status=0
for c in "$@"; do
  echo "== $(date -u +%H:%M:%S) uptime:$(uptime | sed 's/.*load average/ load average/')"
  if [ "${BENCH_FLOOR:-}" != only ]; then
    dotnet "$cli" bench ingest --url "$api" --instances "$instances" --concurrency "$c" --system-pid "$apphost_pid" ${BENCH_INGEST_ARGS:-} || status=$?
  fi
  if [ -n "${BENCH_FLOOR:-}" ]; then
    dotnet "$cli" bench floor --dynamodb "$dynamodb" --fauxqs "$fauxqs" \
      --instances "$instances" --concurrency "$c" --system-pid "$apphost_pid" ${BENCH_FLOOR_ARGS:-} || status=$?
  fi
done
exit "$status"
