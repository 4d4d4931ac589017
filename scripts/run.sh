#!/usr/bin/env bash
# Runs ProductBrowser with a demo catalog on servers of its own:
#   PostgreSQL on 127.0.0.1:55432 and Redis on 127.0.0.1:56379, data kept in .data/ (git-ignored).
# Settings (environment): PRODUCTS (demo catalog size, default 50000), PORT (default 5080),
#   POSTGRES_PORT, REDIS_PORT. Ctrl+C stops the app and both servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prerequisites.sh

PRODUCTS="${PRODUCTS:-50000}"
PORT="${PORT:-5080}"
DATA_DIR="${DATA_DIR:-$PWD/.data}"
SERVERS=(dotnet "$PWD/tools/ProductBrowser.LocalServers/bin/Release/net10.0/ProductBrowser.LocalServers.dll")

pb_ensure_prerequisites redis postgres

pb_info "Building"
dotnet build ProductBrowser/ProductBrowser.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build tools/ProductBrowser.LocalServers/ProductBrowser.LocalServers.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

pb_info "Starting PostgreSQL and Redis"
exports=$("${SERVERS[@]}" start --data "$DATA_DIR" --postgres-port "${POSTGRES_PORT:-55432}" --redis-port "${REDIS_PORT:-56379}")
eval "$exports"
trap '"${SERVERS[@]}" stop --data "$DATA_DIR" || true' EXIT
trap 'exit 130' INT TERM

pb_info "ProductBrowser will listen on http://127.0.0.1:${PORT} once the demo catalog (${PRODUCTS} products) is loaded. Ctrl+C stops everything."
cd ProductBrowser
ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
DemoCatalog__Enabled=true \
DemoCatalog__ProductCount="$PRODUCTS" \
  dotnet bin/Release/net10.0/ProductBrowser.dll --urls "http://127.0.0.1:${PORT}" || true
