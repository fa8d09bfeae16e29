#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz", build-fuzz/) and runs each for a given time.
#
#   scripts/fuzz.sh [-t SECONDS] [-j PARALLEL] [-k] [TARGET...]
#
# TARGET: text json akn pdf docx (default: all); PARALLEL targets run at a time (default 1;
# each uses one core). -k keeps going past inputs that time out (libFuzzer's fork mode with
# -ignore_timeouts=1): a library that never returns on some damaged file (Poppler does, see
# tests/fuzz/README.md) would otherwise end the run at its first such input. The timeouts
# are still saved and counted; crashes, leaks and memory blow-ups still stop the run.
#
# Seeds: the example resolution converted to every format by the normal build, the
# regression inputs in tests/fuzz/<target>/, and the shared corpus's files of that format
# when ../shared/corpus (or $RESCONV_CORPUS) is there. The working corpus grows in
# build-fuzz/corpus/<target>/ and is reused by the next run; findings (crash-*, leak-*,
# timeout-*, oom-*) land in build-fuzz/findings/<target>/, with slow-unit-* files for
# inputs over 10 s (counted apart: under the sanitizers and a busy machine they are
# usually not slow in a normal build; check them with build/bin/resconv). Ends with one line per target:
# executions, executions per second, corpus size, findings. Exit 1 when anything was found.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=60
parallel=1
keep_going=0
while getopts "t:j:k" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    j) parallel=$OPTARG ;;
    k) keep_going=1 ;;
    *) echo "usage: $0 [-t SECONDS] [-j PARALLEL] [-k] [text|json|akn|pdf|docx]..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
((${#targets[@]})) || targets=(text json akn pdf docx)
corpus_dir=${RESCONV_CORPUS:-$root/../shared/corpus}

# The normal build makes the seeds; clang and libFuzzer come from the clang package.
"$root/scripts/setup.sh" >/dev/null
if ! command -v clang++ >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null
  else
    echo "fuzz: clang++ is missing (apt-get install clang)" >&2; exit 1
  fi
fi
(cd "$root" && cmake --preset fuzz >/dev/null)
(cd "$root" && cmake --build --preset fuzz -j "$(nproc)" $(printf -- '--target fuzz_%s ' "${targets[@]}"))

fuzz=$root/build-fuzz
seeds=$fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"
example=$root/examples/A_RES_99_101.txt
for to in text json akn pdf docx; do
  ext=$to; [[ $to == akn ]] && ext=xml; [[ $to == text ]] && ext=txt
  "$root/build/bin/resconv" convert "$example" -o "$seeds/example.$ext" --to "$to" 2>/dev/null || true
done

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/sanitizer/lsan.supp:print_suppressions=0

fuzz_one() {
  local t=$1
  local work=$fuzz/corpus/$t findings=$fuzz/findings/$t cap ext log rc runs rate size found
  mkdir -p "$work" "$findings"
  # Seeds of this format: up to 40 corpus files, none above the size cap (large inputs
  # slow every execution; PDFs most).
  cap=1048576
  case $t in
    text) ext=txt ;;
    json) ext=json ;;
    akn) ext=xml ;;
    pdf) ext=pdf cap=65536 ;;
    docx) ext=docx ;;
  esac
  {
    ls "$seeds"/*."$ext" 2>/dev/null
    [[ -d $corpus_dir ]] && find "$corpus_dir" -name "*.$ext" -size -$((cap / 1024 + 1))k | sort | head -40
    ls "$root"/tests/fuzz/"$t"/* 2>/dev/null
  } | while read -r f; do
    if (($(stat -c %s "$f") <= cap)); then cp "$f" "$work/seed-$(basename "$f")"; fi
  done || true
  log=$fuzz/fuzz_$t.log
  echo "fuzz: $t for ${seconds}s (log: $log)"
  local mode=()
  ((keep_going)) && mode=(-fork=1 -ignore_timeouts=1)
  set +e
  "$fuzz/fuzz/fuzz_$t" "$work" "${mode[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=1024 \
    -max_len="$cap" -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1
  rc=$?
  set -e
  if ((keep_going)); then
    # Fork mode prints "#RUNS: cov: ... time: SECONDSs ..." lines instead of final stats.
    runs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -1)
    rate=$(sed -n 's/^#\([0-9]*\): cov:.* time: \([0-9]*\)s.*/\1 \2/p' "$log" | tail -1 |
      awk '$2 > 0 {printf "%d", $1 / $2}')
  else
    runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
    rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -1)
  fi
  size=$(find "$work" -type f | wc -l)
  found=$(find "$findings" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(find "$findings" -type f -name 'slow-unit-*' | wc -l)
  printf '%-5s %10s execs %6s/s  corpus %5s  findings %s  (exit %s; slow units %s)\n' "$t" "${runs:-?}" \
    "${rate:-?}" "$size" "$found" "$rc" "$slow" >"$fuzz/summary_$t.txt"
}

for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= parallel)); do wait -n || true; done
  fuzz_one "$t" &
done
wait
status=0
for t in "${targets[@]}"; do
  cat "$fuzz/summary_$t.txt"
  grep -q 'findings 0  (exit 0)' "$fuzz/summary_$t.txt" || status=1
done
exit $status
