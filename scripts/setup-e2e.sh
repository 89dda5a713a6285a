#!/usr/bin/env bash
# Kept for old instructions: the set-up is scripts/setup.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/setup.sh" "$@"
