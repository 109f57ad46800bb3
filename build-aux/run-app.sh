#!/usr/bin/env bash
# Builds everything (installing missing packages) and launches the app from
# the build tree, with the build tree's compiled GSettings schema.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/ensure-packages.sh
[ -f _build/build.ninja ] || meson setup _build
ninja -C _build
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec _build/src/gui/cost-ops-bench "$@"
