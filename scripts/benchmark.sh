#!/usr/bin/env bash
# Measures the read paths side by side in one run against the project's own PostgreSQL and Redis (data in
# .data/benchmark, ports 55434/56381) and writes docs/benchmarks.md. Loads the 1M-product catalog the first time
# (about four minutes), reusing it afterwards. Settings: PRODUCTS (default 1000000), ITERATIONS (default 1000).
# Arguments are passed on: --sections reads | throughput | requests runs one part only and writes no report.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prerequisites.sh

pb_ensure_prerequisites redis postgres wrk
pb_info "Building (Release)"
dotnet build ProductBrowser.Benchmarks/ProductBrowser.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

dotnet ProductBrowser.Benchmarks/bin/Release/net10.0/ProductBrowser.Benchmarks.dll \
  --products "${PRODUCTS:-1000000}" --iterations "${ITERATIONS:-1000}" --report docs/benchmarks.md "$@"
