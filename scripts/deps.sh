#!/usr/bin/env bash
# Installs what kawaru needs on Debian when it is missing: build tools and libraries, the test
# tools (nginx, wrk, Chromium, CJK fonts, Node.js), and the npm packages from package-lock.json.
# Fast and silent when everything is there: it only asks dpkg.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev
  libpq-dev libsodium-dev libutf8proc-dev libcsv-dev libmd4c-dev libmd4c-html0-dev libcmocka-dev libcurl4-openssl-dev libxlsxwriter-dev libzip-dev libexpat1-dev clang libclang-rt-14-dev nginx wrk chromium
  fonts-noto-cjk poppler-utils libreoffice-calc-nogui nodejs npm python3 curl sqlite3
  postgresql-15 postgresql-client-15)

# one dpkg-query for all of them: the packages installed, one a line
# (dpkg-query fails when any is missing: that is the case to go on with, not to stop at)
installed=" $( { dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true; } |
  awk '/ install ok installed$/ {print $1}' | tr '\n' ' ') "
missing=()
for p in "${packages[@]}"; do
  case $installed in *" $p "*) ;; *) missing+=("$p") ;; esac
done
# node and npm may come from elsewhere than Debian's packages (e.g. a newer Node.js); accept any
# working ones
if command -v node >/dev/null && command -v npm >/dev/null; then
  kept=()
  for p in "${missing[@]}"; do case $p in nodejs|npm) ;; *) kept+=("$p") ;; esac; done
  missing=("${kept[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The tests need Node.js 18 or later: Debian 12's own nodejs (18.20) is enough, and
# package.json keeps to versions that run on it (playwright-core 1.61: 1.62 and later need 20).
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 18 ]; then
  echo "deps: node $(node --version 2>/dev/null) is too old: the tests need Node.js 18 or later (Debian 12's nodejs)" >&2
fi

# npm packages: design tokens (embedded at build time) and the test tools
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
