#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz", build-fuzz/) and runs each for a given time.
#
#   scripts/fuzz.sh [-t SECONDS] [-j PARALLEL] [-k | -a] [TARGET...]
#
# TARGET: text json akn pdf docx (default: all); PARALLEL targets run at a time (default 1;
# each uses one core). -k keeps going past inputs that time out (libFuzzer's fork mode with
# -ignore_timeouts=1): a library that never returns on some damaged file (Poppler does, see
# tests/fuzz/README.md) would otherwise end the run at its first such input. The timeouts
# are still saved and counted; crashes, leaks and memory blow-ups still stop the run. -a goes
# on past every finding (fork mode with -ignore_crashes=1 -ignore_ooms=1 as well): for a run
# while known findings are still open, to see what else there is; each one is saved, counted
# and its "fuzz:" or sanitizer message is in the log.
#
# Seeds, made at each run (none is committed but the small fictional texts in fuzz/seeds/):
# every source text (examples/*.txt, fuzz/seeds/*.txt, and up to 8 small corpus texts)
# converted by the normal build's resconv to each format (canonical text, JSON, AKN, PDF,
# DOCX); the regression inputs in tests/fuzz/<target>/; and the shared corpus's files of
# that format when ../shared/corpus (or $RESCONV_CORPUS) is there. Inputs above a target's
# size cap are left out (PDF 64 KiB, the others 1 MiB). The working corpus grows in
# build-fuzz/corpus/<target>/ and is reused by the next run; findings (crash-*, leak-*,
# timeout-*, oom-*) land in build-fuzz/findings/<target>/ (an earlier run's are moved to
# build-fuzz/findings-earlier/<target>-<time>/ first), with slow-unit-* files for
# inputs over 10 s (counted apart: under the sanitizers and a busy machine they are
# usually not slow in a normal build; check them with build/bin/resconv). Ends with a table,
# one row per target: executions, executions per second, corpus size, findings, libFuzzer's
# exit status and slow units. Exit 1 when anything was found.
#
# The normal build is $RESCONV_BUILD_DIR (default build/), the fuzz build build-fuzz/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=60
parallel=1
keep_going=0
while getopts "t:j:ka" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    j) parallel=$OPTARG ;;
    k) keep_going=1 ;;
    a) keep_going=2 ;;
    *) echo "usage: $0 [-t SECONDS] [-j PARALLEL] [-k | -a] [text|json|akn|pdf|docx]..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
((${#targets[@]})) || targets=(text json akn pdf docx)
corpus_dir=${RESCONV_CORPUS:-$root/../shared/corpus}
build=${RESCONV_BUILD_DIR:-$root/build}
export RESCONV_BUILD_DIR=$build

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
rm -rf "$seeds" && mkdir -p "$seeds/sources"
# The source texts, renamed so that no two share a stem (their outputs share one folder).
for f in "$root"/examples/*.txt; do cp "$f" "$seeds/sources/example-$(basename "$f")"; done
for f in "$root"/fuzz/seeds/*.txt; do cp "$f" "$seeds/sources/fictional-$(basename "$f")"; done
if [[ -d $corpus_dir/text ]]; then
  # Eight corpus texts between 1 and 12 KiB, spread over that range by size: short enough
  # that most of their PDFs stay under the 64 KiB cap.
  mapfile -t small < <(find "$corpus_dir/text" -name '*.txt' -size +1k -size -12k -printf '%s %p\n' | sort -n |
    cut -d' ' -f2-)
  if ((${#small[@]})); then
    for i in 0 1 2 3 4 5 6 7; do
      f=${small[$((i * ${#small[@]} / 8))]}
      cp "$f" "$seeds/sources/corpus-$(basename "$f")"
    done
  fi
fi
# One run converts every source to every format (a source resconv refuses is skipped).
"$build/bin/resconv" convert "$seeds"/sources/*.txt -O "$seeds" --to text --to json --to akn --to pdf --to docx \
  >/dev/null 2>"$seeds/convert.log" || true
echo "fuzz: seeds made by resconv: $(find "$seeds" -maxdepth 1 -type f ! -name convert.log | wc -l) files" \
  "($(find "$seeds" -maxdepth 1 -name '*.pdf' -size -65k | wc -l) PDFs under 64 KiB)"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/sanitizer/lsan.supp:print_suppressions=0

fuzz_one() {
  local t=$1
  local work=$fuzz/corpus/$t findings=$fuzz/findings/$t cap ext log rc runs rate size found
  rm -f "$fuzz/summary_$t.txt"
  # The table counts this run's findings: an earlier run's are moved aside, not deleted.
  if [[ -n $(ls -A "$findings" 2>/dev/null) ]]; then
    mkdir -p "$fuzz/findings-earlier"
    mv "$findings" "$fuzz/findings-earlier/$t-$(date -u +%Y%m%dT%H%M%S)"
  fi
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
    [[ $t == text ]] && ls "$seeds"/sources/*.txt
    [[ -d $corpus_dir ]] && find "$corpus_dir" -name "*.$ext" -size -$((cap / 1024 + 1))k | sort | head -40
    ls "$root"/tests/fuzz/"$t"/* 2>/dev/null
  } | while read -r f; do
    if (($(stat -c %s "$f") <= cap)); then cp "$f" "$work/seed-$(basename "$(dirname "$f")")-$(basename "$f")"; fi
  done || true
  log=$fuzz/fuzz_$t.log
  echo "fuzz: $t for ${seconds}s (log: $log)"
  local mode=()
  ((keep_going)) && mode=(-fork=1 -ignore_timeouts=1)
  ((keep_going == 2)) && mode+=(-ignore_crashes=1 -ignore_ooms=1)
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
  printf '%-6s %12s %8s %7s %9s %5s %6s\n' "$t" "${runs:-?}" "${rate:-?}" "$size" "$found" "$rc" "$slow" \
    >"$fuzz/summary_$t.txt"
}

for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= parallel)); do wait -n || true; done
  fuzz_one "$t" &
done
wait
status=0
printf '%-6s %12s %8s %7s %9s %5s %6s\n' target executions "per s" corpus findings exit slow
for t in "${targets[@]}"; do
  if [[ ! -s $fuzz/summary_$t.txt ]]; then
    # The run of this target stopped before its summary (see its log).
    printf '%-6s %12s %8s %7s %9s %5s %6s\n' "$t" '?' '?' '?' '?' '?' '?' | tee "$fuzz/summary_$t.txt"
    status=1
    continue
  fi
  cat "$fuzz/summary_$t.txt"
  # Columns 5 and 6: findings and libFuzzer's exit status.
  read -r _ _ _ _ found rc _ <"$fuzz/summary_$t.txt"
  [[ $found == 0 && $rc == 0 ]] || status=1
done
exit $status
