#!/usr/bin/env bash
# Sets up, then builds and runs every test (unit, plugin, registry, CLI, corpus).
# Corpus tests report "skipped" when ../shared/corpus is absent.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build=${RESCONV_BUILD_DIR:-$root/build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
