#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine with the .NET 10 SDK, skipping what is present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# Debian packages: Java for DynamoDB Local, dcmtk and gdcm as test oracles, native pixel codecs,
# python3 for the SigV4 test oracle, pydicom and orthanc as benchmark peers, chromium for the web page's browser tests;
# clang and zlib1g-dev link the native (NativeAOT) CLI of scripts/publish-cli.sh; exiftool and libjpeg-turbo's tools
# (cjpeg, djpeg, wrjpgcom) make and check the plain images whose metadata the pipeline strips.
packages=(openjdk-17-jre-headless dcmtk libgdcm-tools libturbojpeg0 libopenjp2-7 libcharls2 python3 python3-pydicom orthanc chromium clang zlib1g-dev
  libimage-exiftool-perl libjpeg-turbo-progs openjph-tools python3-numpy)
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Orthanc is only a benchmark peer: `medimaging bench ingest` starts its own in a network namespace with only
# loopback. Debian's package enables a system service listening on every interface (HTTP 8042, DICOM 4242): keep it off.
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled --quiet orthanc 2>/dev/null; then
  echo "disabling the orthanc system service"
  $sudo_cmd systemctl disable --now --quiet orthanc 2>/dev/null || $sudo_cmd systemctl disable --quiet orthanc
fi
if ls /etc/rc[2-5].d/S*orthanc >/dev/null 2>&1; then $sudo_cmd update-rc.d orthanc disable >/dev/null 2>&1; fi
# Stops only the service's own process (its pid file), never a benchmark's Orthanc.
if [ -s /run/orthanc.pid ]; then $sudo_cmd start-stop-daemon --stop --quiet --oknodo --pidfile /run/orthanc.pid --exec /usr/sbin/Orthanc; fi

# AWS emulators (DynamoDB Local, fauxqs) and Node 22 for fauxqs, pinned by package-lock.json.
emulators="$root/tools/emulators"
stamp="$emulators/node_modules/.lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$emulators/package-lock.json" "$stamp"; then
  echo "installing emulator packages (npm ci)"
  (cd "$emulators" && npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v EBADENGINE || true)
  cp "$emulators/package-lock.json" "$stamp"
fi
