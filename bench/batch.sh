#!/usr/bin/env bash
# Batch speed, two workloads, each with -j 1 and -j 2 (wall times and speed-up):
#  1. the 450 Security Council texts of the shared corpus plus two broken files, to JSON
#     and AKN; the run itself is checked (every good file converted, the broken ones
#     failed, a manifest line per input, exit code 6 "partial");
#  2. the speed measurement: the same 450 resolutions as PDFs (made first, untimed, by
#     resconv's PDF export), four copies (1,800 files), to AKN and JSON: a folder of PDFs
#     to Akoma Ntoso, the common job, long enough for the workers' start-up not to count.
# Set BENCH_TMP=/dev/shm to keep disk flushes (one fsync per output) out of the figures.
# Usage: bench/batch.sh [build dir]   (needs ../shared/corpus or RESCONV_CORPUS)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
resconv=$build/bin/resconv
corpus=${RESCONV_CORPUS:-$root/../shared/corpus}
[[ -d $corpus/text/sc-gold ]] || { echo "corpus not found at $corpus" >&2; exit 77; }
work=$(mktemp -d "${BENCH_TMP:-/tmp}/resconv-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
cp "$corpus"/text/sc-gold/*.txt "$work/in/"
printf '\0\1\2 not text' > "$work/in/zz_broken_binary.txt"
printf '{"resconv": 1, "operative": 5}' > "$work/in/zz_broken.json"
inputs=$(ls "$work/in" | wc -l)

run() { # jobs input-folder
  rm -rf "$work/out" "$work/m.jsonl"
  local start end code
  start=$(date +%s.%N)
  set +e
  "$resconv" -q batch "$2" -O "$work/out" --to json --to akn -j "$1" --manifest "$work/m.jsonl"
  code=$?
  set -e
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $code"
}

# Warm the page cache and the plugins once.
"$resconv" -q batch "$work/in" -O "$work/warm" --to json -j 2 >/dev/null 2>&1 || true
read -r t1 c1 < <(run 1 "$work/in")
read -r t2 c2 < <(run 2 "$work/in")
lines=$(wc -l < "$work/m.jsonl")
failed=$(grep -c '"status":"failed"' "$work/m.jsonl" || true)
converted=$(ls "$work/out"/*.xml | wc -l)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "inputs: $inputs ($((inputs - 2)) texts + 2 broken); targets: json + akn"
echo "-j 1: ${t1}s (exit $c1)"
echo "-j 2: ${t2}s (exit $c2)"
echo "speed-up: $(echo "scale=2; $t1 / $t2" | bc)"
echo "manifest lines: $lines; failed: $failed; AKN outputs: $converted"
[[ $c2 -eq 6 && $lines -eq $inputs && $failed -eq 2 && $converted -eq $((inputs - 2)) ]]

mkdir -p "$work/made" "$work/pdf"
"$resconv" -q batch "$corpus"/text/sc-gold -O "$work/made" --to pdf -j "$(nproc)" >/dev/null 2>&1
for copy in a b c d; do
  mkdir -p "$work/pdf/$copy"
  cp "$work/made"/*.pdf "$work/pdf/$copy/"
done
pdfs=$(find "$work/pdf" -name '*.pdf' | wc -l)
read -r p1 e1 < <(run 1 "$work/pdf")
read -r p2 e2 < <(run 2 "$work/pdf")
echo "PDFs: $pdfs to json + akn"
echo "-j 1: ${p1}s (exit $e1)"
echo "-j 2: ${p2}s (exit $e2)"
echo "speed-up: $(echo "scale=2; $p1 / $p2" | bc)"
