#!/usr/bin/env bash
# Installs what kawaru needs on Debian when it is missing: build tools and libraries, the test
# tools (nginx, wrk, Chromium, CJK fonts), and the npm packages from package-lock.json.
# Fast when everything is there: it only asks dpkg.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev
  libsodium-dev libutf8proc-dev libcsv-dev libmd4c-dev libmd4c-html0-dev libcmocka-dev libcurl4-openssl-dev clang libclang-rt-14-dev nginx wrk chromium
  fonts-noto-cjk nodejs npm python3 curl sqlite3)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm may come from elsewhere than Debian's packages; accept any working ones
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: design tokens (embedded at build time) and the test tools
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
