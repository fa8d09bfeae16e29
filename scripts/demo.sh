#!/usr/bin/env bash
# Sets up, then converts the example resolution (and the real seed document when the
# shared corpus is present) to JSON and canonical text, and prints where the outputs are.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build=${RESCONV_BUILD_DIR:-$root/build}
resconv="$build/bin/resconv"
out="$root/out/demo"
mkdir -p "$out"

inputs=("$root/examples/A_RES_99_101.txt")
seed=${RESCONV_SHARED_DIR:-$root/../shared}/corpus/text/A_RES_57_263.txt
[[ -f $seed ]] && inputs+=("$seed")

for input in "${inputs[@]}"; do
  for to in json akn text pdf docx; do
    "$resconv" convert "$input" -O "$out" --to "$to"
  done
done
"$resconv" validate "$out"/*.xml
echo
"$resconv" inspect "${inputs[0]}"
echo
echo "demo: outputs written to $out:"
ls -1 "$out" | sed 's/^/  /'
