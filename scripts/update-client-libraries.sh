#!/usr/bin/env bash
# Installs the browser libraries pinned in ProductBrowser/ClientLibraries (package.json + package-lock.json) and copies
# the files the app serves into ProductBrowser/wwwroot/lib, with their licences. The copies are committed: builds, CI
# and warehouses never run npm and never reach a CDN.
#
#   scripts/update-client-libraries.sh                         reinstall the locked versions and copy them again
#   scripts/update-client-libraries.sh barcode-detector@3.3.0  move the pin (package.json and the lock), then copy
#
# Then run the camera tests (dotnet test --filter "FullyQualifiedName~CameraScanning") and commit
# ProductBrowser/ClientLibraries/package*.json together with ProductBrowser/wwwroot/lib.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/prerequisites.sh

command -v npm > /dev/null || pb_fail "npm is needed to update the client libraries (apt-get install -y npm); building and testing do not need it."

src=ProductBrowser/ClientLibraries
modules="$src/node_modules"
lib=ProductBrowser/wwwroot/lib

if [[ $# -gt 0 ]]; then
  pb_info "Pinning $*"
  npm install --prefix "$src" --save-exact --ignore-scripts --no-audit --no-fund "$@"
fi
pb_info "Installing the locked versions (npm ci)"
npm ci --prefix "$src" --ignore-scripts --no-audit --no-fund

# barcode-detector's ES build bundles zxing-wasm's JavaScript glue; the glue fetches one .wasm file, which must come
# from the very zxing-wasm version it was built against (the lock pins it; the checksum below proves it).
detector="$modules/barcode-detector"
zxing="$modules/zxing-wasm"
wasm_name=$(grep -ho 'zxing_[a-z]*\.wasm' "$detector"/dist/es/*.js | sort -u)
[[ $(wc -l <<< "$wasm_name") -eq 1 ]] || pb_fail "barcode-detector's bundle names more than one .wasm file: $wasm_name"
wasm="$zxing/dist/${wasm_name#zxing_}"
wasm="${wasm%.wasm}/$wasm_name"
[[ -f "$wasm" ]] || pb_fail "$wasm is missing: has zxing-wasm changed its layout?"

expected=$(node --input-type=module -e "
  const m = await import('./$detector/dist/es/ponyfill.js');
  console.log(m.ZXING_WASM_SHA256);")
actual=$(sha256sum "$wasm" | cut -d' ' -f1)
[[ "$expected" == "$actual" ]] || pb_fail "$wasm_name does not match the glue barcode-detector bundles (sha256 $actual, expected $expected): zxing-wasm and barcode-detector versions disagree."

pb_info "Copying into $lib"
rm -rf "$lib/barcode-detector" "$lib/zxing-wasm"
mkdir -p "$lib/barcode-detector" "$lib/zxing-wasm"
cp "$detector"/dist/es/*.js "$detector/LICENSE" "$lib/barcode-detector/"
cp "$wasm" "$zxing/LICENSE" "$lib/zxing-wasm/"
cp "$src/notices/zxing-cpp.NOTICE.txt" "$lib/zxing-wasm/"

node -e "
  const lock = require('./$src/package-lock.json').packages;
  for (const name of ['barcode-detector', 'zxing-wasm'])
    console.log(name + ' ' + lock['node_modules/' + name].version);" | while read -r name version; do
  pb_info "$name $version"
done
