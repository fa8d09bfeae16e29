#!/usr/bin/env bash
# Installs the Debian packages resconv needs (only those missing), then configures and
# builds into build/ (or $RESCONV_BUILD_DIR). Safe to run again: it does only what is left.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${RESCONV_BUILD_DIR:-$root/build}
build_type=${RESCONV_BUILD_TYPE:-RelWithDebInfo}

packages=(
  g++ cmake ninja-build pkg-config
  libboost-dev libboost-filesystem-dev   # Boost.DLL (header-only) and its filesystem
  libcli11-dev nlohmann-json3-dev        # command line, JSON
  libxml2-dev libxml2-utils              # Akoma Ntoso: parsing, schema validation, xmllint
  libpoppler-private-dev libpoppler-cpp-dev  # PDF import (Poppler's core text API); tests
  libcairo2-dev libpango1.0-dev          # PDF export
  libzip-dev                             # DOCX
  libicu-dev                             # the language module: folding, scripts, transliteration
  fonts-liberation poppler-utils         # the Times-compatible serif; pdffonts, pdfinfo, pdftotext
  fonts-noto-core fonts-noto-cjk         # PDF export: Noto Naskh Arabic, Noto Serif CJK SC
  catch2                                 # tests (Catch2 v2 on Debian 12)
  clang-format
  qpdf                                   # tests: makes an encrypted PDF
  pandoc                                 # tests: an outside reader of our DOCX; bench: compared with
  time                                   # bench: peak memory (/usr/bin/time)
  zsh fish man-db                        # tests: the completion scripts and the man page
  tmux                                   # tests: the batch's progress bar on a real terminal
  parallel                               # tests: docs/batch.md's GNU parallel recipe, run as written
  python3                                # tests: examples/batch/pdf-folder-to-akn.sh reads its manifest with it
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing packages (${missing[*]}); run as root or install them" >&2
    exit 1
  fi
fi

# The shared corpus and schemas are found beside the checkout when present.
shared=${RESCONV_SHARED_DIR:-$root/../shared}
RESCONV_SHARED_DIR=$shared "$root/scripts/fetch-schemas.sh"
if [[ -n ${RESCONV_PRESET:-} ]]; then
  # A configure preset from CMakePresets.json (e.g. "sanitize"), built into its own folder.
  (cd "$root" && cmake --preset "$RESCONV_PRESET" -DRESCONV_SHARED_DIR="$shared" >/dev/null)
  (cd "$root" && cmake --build --preset "$RESCONV_PRESET" -j "$(nproc)")
  echo "setup: built preset $RESCONV_PRESET"
  exit 0
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DRESCONV_SHARED_DIR="$shared" >/dev/null
cmake --build "$build" -j "$(nproc)"
echo "setup: built $build/bin/resconv"
