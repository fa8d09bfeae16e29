#!/usr/bin/env bash
# The plugin author's path, end to end: install resconv into a scratch prefix, build
# examples/custom-plugin against that install alone, run its own test, convert the example
# with the installed program and the new plugin, and build a program with pkg-config.
# With a fourth argument (a corpus folder) it converts the seed instead, reusing the
# build a previous run left in the work folder.
set -euo pipefail
build=$1 source=$2 work=$3 corpus=${4:-}
resconv=("$work/prefix/bin/resconv" --plugin-dir "$work/build/plugins")

if [[ -n $corpus ]]; then
  seed=$corpus/text/A_RES_57_263.txt
  [[ -f $seed ]] || { echo "corpus absent ($seed): skipped"; exit 77; }
  out=$("${resconv[@]}" convert "$seed" --to outline --option width=1000)
  head -1 <<<"$out" | grep -q '^A/RES/57/263  ' || { echo "expected the symbol first"; exit 1; }
  [[ $(grep -c '^  [0-9][0-9]*\. ' <<<"$out") == 11 ]] || { echo "expected 11 operative paragraphs"; exit 1; }
  grep -qx 'operative' <<<"$out"
  echo "seed: 11 operative paragraphs"
  exit 0
fi

rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
# The plugin is built with the same compiler flags as resconv (a sanitizer build needs them).
cxx_flags=$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "$build/CMakeCache.txt")
link_flags=$(sed -n 's/^CMAKE_EXE_LINKER_FLAGS:STRING=//p' "$build/CMakeCache.txt")
cmake -S "$source/examples/custom-plugin" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="$cxx_flags" -DCMAKE_EXE_LINKER_FLAGS="$link_flags" \
  -DCMAKE_MODULE_LINKER_FLAGS="$link_flags" >/dev/null
cmake --build "$work/build" >/dev/null
ctest --test-dir "$work/build" --output-on-failure

# The installed host lists the plugin, with its version and ABI.
"${resconv[@]}" plugins --check | grep -q '^outline: ok, version 1.0.0'

out=$("${resconv[@]}" convert "$source/examples/A_RES_99_101.txt" --to outline --option width=200 --option preamble=false)
head -1 <<<"$out" | grep -qx 'A/RES/99/101  International cooperation on the preservation of coastal libraries and archives'
grep -q '^  3\. Invites the relevant organizations' <<<"$out"
grep -qx '      (i) Regional workshops on disaster preparedness;' <<<"$out"
if grep -q 'Recalling' <<<"$out"; then
  echo "preamble=false still listed the preamble"
  exit 1
fi
# An option the descriptor does not declare, or a value outside its bounds, is a usage error.
for bad in colour=red width=5; do
  status=0
  "${resconv[@]}" convert "$source/examples/A_RES_99_101.txt" --to outline --option "$bad" >/dev/null 2>&1 || status=$?
  [[ $status == 2 ]] || { echo "--option $bad: exit $status, expected 2"; exit 1; }
done

# pkg-config: a program built without CMake.
cat >"$work/probe.cpp" <<'CPP'
#include <resconv/sdk/testing.hpp>
#include <resconv/sdk/version.hpp>
#include <iostream>
int main() {
  std::cout << resconv::sdk_version << " " << resconv::testing::sample_document().operative.size() << "\n";
}
CPP
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
pkg_flags=$(pkg-config --cflags --libs resconv-sdk)
libdir=$(pkg-config --variable=libdir resconv-sdk)
# shellcheck disable=SC2086
c++ $cxx_flags "$work/probe.cpp" -o "$work/probe" $pkg_flags $link_flags -Wl,-rpath,"$libdir"
[[ $("$work/probe") == "$(sed -n 's/^project(resconv VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt") 2" ]]
echo "example plugin built, tested and used from the installed SDK; pkg-config works"
