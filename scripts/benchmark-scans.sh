#!/usr/bin/env bash
# Scan-to-result time on /lookup in a real Chromium, through a proxy adding 0 and then 100 ms each way: single scans
# and a burst of 50 scans 30 ms apart, next to the measured network round trip. Writes docs/benchmarks/scanning.md.
# Starts its own throwaway PostgreSQL and Redis and the published app. A few minutes; never run in CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prerequisites.sh

pb_ensure_prerequisites redis postgres chromium
PUBLISH=.data/circuits/app
pb_info "Publishing the app (Release) to $PUBLISH"
dotnet publish ProductBrowser/ProductBrowser.csproj -c Release -o "$PUBLISH" -nologo -v quiet -clp:ErrorsOnly
pb_info "Building the harness (Release)"
dotnet build ProductBrowser.Benchmarks.Circuits/ProductBrowser.Benchmarks.Circuits.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

dotnet ProductBrowser.Benchmarks.Circuits/bin/Release/net10.0/ProductBrowser.Benchmarks.Circuits.dll \
  --scans --app "$PUBLISH/ProductBrowser.dll" --products "${PRODUCTS:-10000}" --report docs/benchmarks/scanning.md
