#!/usr/bin/env bash
# Installs the real VS Code (1.100.3, shipped inside the npm package code-server 4.100.3) and headless
# Chromium without any network step other than the npm registry and Debian's packages.
# code-server's own install scripts download ripgrep from GitHub and need Kerberos headers, so they are
# skipped (--ignore-scripts) and the native modules are rebuilt here instead.
# Idempotent: the result is cached in .vscode-test/code-server/ (git-ignored); a marker makes reruns instant.
#   scripts/code-server/setup.sh [--apt-only]
set -euo pipefail
APT_ONLY=false
[[ "${1:-}" == "--apt-only" ]] && APT_ONLY=true

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${CODE_SERVER_CACHE:-$ROOT/.vscode-test/code-server}"
MARKER="$CACHE/.setup-complete-$CODE_SERVER_VERSION"
APT_PACKAGES=(libkrb5-dev ripgrep chromium)

log() { printf '[code-server setup] %s\n' "$*"; }
started=$(date +%s)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# The inline checks run the learner's Python with numpy; the tests need it too (usually already there).
python3 -c 'import numpy' >/dev/null 2>&1 || missing+=(python3 python3-numpy)
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    log "missing Debian packages: ${missing[*]} (run as root or install them: apt-get install -y ${missing[*]})"
    exit 1
  fi
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "installing Debian packages: ${missing[*]}"
  # Another apt process (unattended upgrades, a parallel job) may hold the lock: wait for it, don't fail.
  apt_get=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq)
  "${apt_get[@]}" update
  "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

if $APT_ONLY; then
  exit 0
fi
if [[ -f "$MARKER" ]]; then
  log "cached in $CACHE ($(($(date +%s) - started)) s)"
  exit 0
fi

export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
mkdir -p "$CACHE"
cd "$CACHE"
[[ -f package.json ]] || printf '{ "name": "code-server-cache", "private": true }\n' > package.json

log "npm install code-server@$CODE_SERVER_VERSION (without install scripts)"
npm install --no-save --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null

VSCODE_DIR="$CACHE/node_modules/code-server/lib/vscode"
log "installing VS Code's own dependencies"
(cd "$VSCODE_DIR" && npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null)
log "rebuilding VS Code's native modules"
(cd "$VSCODE_DIR" && npm rebuild --loglevel=error node-pty @vscode/spdlog kerberos native-watchdog @parcel/watcher @vscode/deviceid >/dev/null)

# VS Code finds ripgrep at @vscode/ripgrep/bin/rg; Debian's binary replaces the download.
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"
# The server loads some modules through node_modules.asar, which only exists in packaged builds.
ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"

log "rebuilding argon2"
npm rebuild --loglevel=error argon2 >/dev/null

node -e "const p=require('$VSCODE_DIR/product.json'), q=require('$VSCODE_DIR/package.json'); console.log('[code-server setup] VS Code ' + q.version + ' (' + p.nameShort + ')')"
touch "$MARKER"
log "done in $(($(date +%s) - started)) s"
