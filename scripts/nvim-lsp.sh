#!/usr/bin/env bash
# Runs the PlanLint language server under Neovim's built-in LSP client (headless) on one file and
# prints the diagnostics Neovim received, one JSON object per line (see test/nvim/README.md).
# Usage: scripts/nvim-lsp.sh FILE [timeout_seconds=10]
# Needs: nvim >= 0.7 (Debian: apt-get install -y neovim) and a built dist/server.js (node esbuild.mjs server).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 FILE [timeout_seconds]" >&2
  exit 64
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/dist/server.js" ] || { echo "dist/server.js missing: run node esbuild.mjs server" >&2; exit 3; }
node_bin="$(command -v node)"
exec "$root/test/nvim/run.sh" "'$node_bin' '$root/dist/server.js' --stdio" "$1" "${2:-10}"
