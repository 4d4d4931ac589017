#!/usr/bin/env bash
# Builds everything and runs the whole test suite: unit, bunit, integration (real PostgreSQL and Redis, started by
# the test fixtures in temp folders) and end-to-end (the system Chromium; two app processes behind a throwaway nginx).
# The docker-compose client is only used to validate docker-compose.yml (no engine needed). Prints "N passed, N failed"
# last.
#   --fast   only the unit and bunit tests: no server, no browser (the test fixtures start servers only when asked)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prerequisites.sh

filter=()
if [[ "${1:-}" == "--fast" ]]; then
  filter=(--filter "FullyQualifiedName~ProductBrowser.Tests.Unit.|FullyQualifiedName~ProductBrowser.Tests.Components.")
  # The deployment-file tests validate docker-compose.yml and the nginx configuration with their real tools.
  pb_ensure_prerequisites compose nginx
else
  pb_ensure_prerequisites redis postgres chromium compose nginx
fi

pb_info "Building (warnings are errors)"
dotnet build ProductBrowser.sln -c Release -nologo -v quiet -clp:ErrorsOnly

RESULTS="$PWD/TestResults"
rm -rf "$RESULTS"
pb_info "Running tests"
status=0
dotnet test ProductBrowser.sln -c Release --no-build --nologo "${filter[@]}" \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory "$RESULTS" || status=$?

passed=0 failed=0 total=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<< "$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<< "$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<< "$counters")
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0})) total=$((total + ${t:-0}))
done

if [[ $total -eq 0 ]]; then
  echo "No test results were produced." >&2
  status=1
fi
if [[ $((passed + failed)) -ne $total ]]; then
  echo "$((total - passed - failed)) test(s) neither passed nor failed (skipped or not run)." >&2
  status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
