#!/usr/bin/env bash
# Sets up, then builds the "sanitize" preset (AddressSanitizer + UndefinedBehaviorSanitizer,
# build-sanitize/) and runs the whole test suite under it; any report fails the run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESCONV_PRESET=sanitize "$root/scripts/setup.sh"
cd "$root" && ctest --preset sanitize -j "$(nproc)"
