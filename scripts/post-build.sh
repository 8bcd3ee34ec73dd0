#!/usr/bin/env bash
# Trunk post-build hook (one hook, so the steps run in order: trunk runs hooks of one
# stage side by side): the course home into the loading shell, then the service worker,
# whose version covers every file.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/prerender.mjs
node scripts/write-sw.mjs
