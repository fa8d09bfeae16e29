#!/usr/bin/env bash
# Installs resconv into a scratch prefix, builds the consumer plugin against that install
# alone, and converts the example with the installed program and the new plugin.
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$source/tests/consumer" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
out=$("$work/prefix/bin/resconv" --plugin-dir "$work/build/plugins" convert "$source/examples/A_RES_99_101.txt" --to shout)
echo "$out"
[[ $out == "INTERNATIONAL COOPERATION ON THE PRESERVATION OF COASTAL LIBRARIES AND ARCHIVES" ]]
