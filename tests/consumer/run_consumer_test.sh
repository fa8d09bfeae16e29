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
  out=$("${resconv[@]}" convert "$seed" --to markdown)
  [[ $(grep -c '^# ' <<<"$out") == 1 ]] || { echo "expected one title heading"; exit 1; }
  [[ $(grep -c '^\[\^[0-9]\]: ' <<<"$out") == 7 ]] || { echo "expected 7 footnotes"; exit 1; }
  [[ $(grep -c '^[0-9][0-9]*\. ' <<<"$out") == 11 ]] || { echo "expected 11 operative paragraphs"; exit 1; }
  grep -q '^symbol: "A/RES/57/263"$' <<<"$out"
  echo "seed: 7 footnotes, 11 operative paragraphs"
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
"${resconv[@]}" plugins --check | grep -q '^markdown: ok, version 1.0.0'

out=$("${resconv[@]}" convert "$source/examples/A_RES_99_101.txt" --to markdown --option front-matter=false)
head -1 <<<"$out" | grep -qx '# International cooperation on the preservation of coastal libraries and archives'
grep -q '^3\. \*Invites\* the relevant organizations' <<<"$out"
grep -q '^     - (i) Regional workshops on disaster preparedness;$' <<<"$out"
# An option the descriptor does not declare is a usage error.
if "${resconv[@]}" convert "$source/examples/A_RES_99_101.txt" --to markdown --option colour=red >/dev/null 2>&1; then
  echo "an undeclared option was accepted"
  exit 1
fi

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
