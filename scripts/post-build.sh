#!/usr/bin/env bash
# Trunk post-build hook (one hook, so the steps run in order: trunk runs hooks of one
# stage side by side): the app's script tags and the course home into index.html, then
# (release builds) each page's Content-Security-Policy, then the service worker, whose
# version covers every file.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/app-tags.mjs
node scripts/prerender.mjs
if [ "${TRUNK_PROFILE:-debug}" = release ]; then node scripts/csp.mjs; fi
node scripts/write-sw.mjs
