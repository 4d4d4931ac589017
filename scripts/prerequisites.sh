# Sourced by run.sh and test.sh: installs what a fresh Debian/Ubuntu machine lacks, through apt.
# shellcheck shell=bash

pb_info() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
pb_fail() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

pb_have_postgres_server() {
  [[ -n "${PG_BIN:-}" && -x "${PG_BIN}/initdb" ]] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && return 0
  command -v initdb > /dev/null
}

# Usage: pb_ensure_prerequisites redis postgres [chromium] [compose] [nginx]
pb_ensure_prerequisites() {
  command -v dotnet > /dev/null || pb_fail "The .NET 10 SDK is required: https://dotnet.microsoft.com/download (then re-run)."

  local packages=()
  for need in "$@"; do
    case "$need" in
      redis) command -v redis-server > /dev/null || [[ -x /usr/bin/redis-server ]] || packages+=(redis-server) ;;
      postgres) pb_have_postgres_server || packages+=(postgresql) ;;
      chromium) [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || packages+=(chromium) ;;
      compose) command -v docker-compose > /dev/null || packages+=(docker-compose) ;;
      wrk) command -v wrk > /dev/null || packages+=(wrk) ;;
      nginx) command -v nginx > /dev/null || [[ -x /usr/sbin/nginx ]] || packages+=(nginx) ;;
    esac
  done
  [[ ${#packages[@]} -eq 0 ]] && return 0

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo > /dev/null || pb_fail "Missing: ${packages[*]}. Install them with apt-get as root, then re-run."
    sudo=(sudo)
  fi
  command -v apt-get > /dev/null || pb_fail "Missing: ${packages[*]}, and apt-get is not available to install them."

  pb_info "Installing ${packages[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" > /dev/null
}
