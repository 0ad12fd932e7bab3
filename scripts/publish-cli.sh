#!/usr/bin/env bash
# Publishes `medimaging` as one native executable (NativeAOT): no runtime start-up and no JIT, so a short
# `medimaging deid` run is not dominated by them. Output: .artifacts/cli/medimaging (what `bench deid` measures).
# .NET 10's NativeAOT runtime pack (Microsoft.NETCore.App.Runtime.NativeAOT.*) is not on the package feed, .NET 9's
# compiler (with its runtime inside) is: the native CLI is compiled for net9.0 (MedImagingNativeAot, see
# Directory.Build.props) from the same sources. Needs clang and zlib1g-dev (scripts/install-deps.sh).
# Intermediate files go to .artifacts/aot so the net10.0 build's obj/ folders are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.artifacts/cli
dotnet publish MedImaging.Cli/MedImaging.Cli.csproj -c Release -r linux-x64 -nologo -v q -clp:ErrorsOnly \
  -p:MedImagingNativeAot=true -p:PublishAot=true --artifacts-path .artifacts/aot -o "$out"
rm -f "$out"/*.pdb "$out"/*.dbg
echo "published $out/medimaging"
