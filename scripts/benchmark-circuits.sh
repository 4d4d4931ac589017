#!/usr/bin/env bash
# Circuit capacity of one app instance: opens CIRCUITS real Chromium tabs (default 200) on the catalog and details
# pages against the published app, writes docs/benchmarks/circuits.md (memory per circuit, idle CPU, interaction
# latency) and replaces the circuit section of docs/benchmarks.md with it. Starts its own throwaway PostgreSQL and
# Redis. Takes a few minutes; never run in CI.
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
  --app "$PUBLISH/ProductBrowser.dll" --circuits "${CIRCUITS:-200}" --products "${PRODUCTS:-10000}" \
  --interactions "${INTERACTIONS:-200}" --report docs/benchmarks/circuits.md --main-report docs/benchmarks.md
