#!/usr/bin/env bash
# Sets up, then builds and runs every test (unit, plugin, registry, CLI, corpus).
# Corpus tests report "skipped" when ../shared/corpus is absent.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build=${RESCONV_BUILD_DIR:-$root/build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

# Style: every C++ source is clang-format clean (.clang-format).
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$root" ls-files -z '*.cpp' '*.hpp' | (cd "$root" && xargs -0 clang-format --dry-run --Werror)
  echo "clang-format: clean"
fi
