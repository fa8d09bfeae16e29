#!/usr/bin/env bash
# resconv against the tools people would otherwise use, side by side, whole processes:
# the median wall time of several runs after one warm-up run, and the peak resident
# memory (/usr/bin/time). Prints one table per comparison with the ratios, then the
# budgets of bench/README.md, each met or not.
#
#   bench/compare.sh [build dir]          (default: build/)
#
# Environment: BENCH_RUNS (timed runs per command, default 7), BENCH_PAIR_RUNS (rounds when
# resconv and another tool are timed in turn, default 15), BENCH_TMP (scratch folder,
# default /tmp), RESCONV_CORPUS (default ../shared/corpus). Uses the shared corpus's PDFs,
# DOCX and texts, so it needs it (exit 77 without). pdftotext and pandoc come with
# scripts/setup.sh; LibreOffice (soffice) is compared when installed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
resconv=$build/bin/resconv
corpus=${RESCONV_CORPUS:-$root/../shared/corpus}
runs=${BENCH_RUNS:-7}
[[ -d $corpus/pdf && -d $corpus/text ]] || { echo "compare: corpus not found at $corpus" >&2; exit 77; }
[[ -x $resconv ]] || { echo "compare: $resconv not built (run scripts/setup.sh)" >&2; exit 1; }
for tool in pdftotext pandoc qpdf /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
work=$(mktemp -d "${BENCH_TMP:-/tmp}/resconv-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT

# measure CMD...: sets $ms (median wall time, milliseconds, 1 decimal) and $mib (peak
# resident memory of the process, MiB). The command's output goes to /dev/null; its
# exit code is in $rc (from the last run).
measure() {
  "$@" >/dev/null 2>&1 || true # warm-up: page cache, dynamic loader
  local times=() start end i
  for ((i = 0; i < runs; i++)); do
    start=${EPOCHREALTIME/./}
    set +e
    "$@" >/dev/null 2>&1
    rc=$?
    set -e
    end=${EPOCHREALTIME/./}
    times+=($((end - start)))
  done
  ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  /usr/bin/time -f %M -o "$work/mem" "$@" >/dev/null 2>&1 || true
  mib=$(awk '{printf "%.1f", $1/1024}' "$work/mem")
}
# memory CMD...: sets $mib (peak resident memory, MiB) and $rc from one run.
memory() {
  set +e
  /usr/bin/time -f %M -o "$work/mem" "$@" >/dev/null 2>&1
  rc=$?
  set -e
  mib=$(awk '{printf "%.1f", $1/1024}' "$work/mem")
}

# interleave FN...: runs the functions in turn, one round after another ($pair_runs rounds
# after a warm-up), so a change in the machine's speed during the run (this is a VM)
# touches all of them alike. Sets med[k], the median milliseconds of function k, and
# rat[k], the median over the rounds of function 0's time / function k's time.
interleave() {
  local fns=("$@") k i start end
  local -A times=()
  for k in "${!fns[@]}"; do "${fns[k]}" >/dev/null 2>&1 || true; done
  for ((i = 0; i < pair_runs; i++)); do
    for k in "${!fns[@]}"; do
      start=${EPOCHREALTIME/./}
      "${fns[k]}" >/dev/null 2>&1 || true
      end=${EPOCHREALTIME/./}
      times[$k]+="$((end - start)) "
    done
  done
  med=() rat=()
  for k in "${!fns[@]}"; do
    # shellcheck disable=SC2086 # word splitting of the list of times is wanted
    med[k]=$(printf '%s\n' ${times[$k]} | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
    # shellcheck disable=SC2086
    rat[k]=$(paste <(printf '%s\n' ${times[0]}) <(printf '%s\n' ${times[$k]}) | awk '{print $1 / $2}' |
      sort -g | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}')
  done
}
pair_runs=${BENCH_PAIR_RUNS:-15}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

budgets=()
budget() { # description, measured, limit, comparison (le|ge)
  local ok
  ok=$(awk -v m="$2" -v l="$3" -v c="$4" 'BEGIN {print ((c == "le" && m <= l) || (c == "ge" && m >= l)) ? "met" : "NOT met"}')
  budgets+=("$(printf '%-48s %10s   limit %-8s %s' "$1" "$2" "$3" "$ok")")
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "resconv $("$resconv" --version | awk '{print $2}'), $(pdftotext -v 2>&1 | head -1), $(pandoc --version | head -1)"
echo "median of $runs runs after a warm-up; compared tools interleaved, $pair_runs rounds, ratio = median of the"
echo "rounds' ratios; memory is the peak resident set"
echo

# --- Start-up -----------------------------------------------------------------------
seed=$corpus/text/A_RES_57_263.txt
echo "## Start-up (whole process)"
printf '%-34s %9s %9s\n' "command" "ms" "MiB"
measure "$resconv" --version
printf '%-34s %9s %9s\n' "resconv --version" "$ms" "$mib"
measure "$resconv" formats
printf '%-34s %9s %9s\n' "resconv formats" "$ms" "$mib"
measure "$resconv" convert "$seed" -o "$work/seed.json"
printf '%-34s %9s %9s\n' "seed text -> JSON" "$ms" "$mib"
measure "$resconv" convert "$seed" -o "$work/seed.xml"
seed_akn=$ms
printf '%-34s %9s %9s\n' "seed text -> AKN" "$ms" "$mib"
measure "$resconv" convert "$seed" -o "$work/seed.xml" --option check=true
printf '%-34s %9s %9s\n' "seed text -> AKN, schema check" "$ms" "$mib"
budget "seed text -> AKN, whole process (ms)" "$seed_akn" 20 le
echo

# --- PDF -> AKN against pdftotext ------------------------------------------------------
echo "## PDF -> AKN against pdftotext (ms; MiB)"
pdfs=("$corpus"/pdf/*.pdf)
for f in "$corpus"/docx/*.pdf; do [[ -f $f ]] && pdfs+=("$f"); done
# A 36-page PDF: the UNFCCC decisions (25 pages), an ECE recommendation (8) and the first
# three pages of A/RES/73/6, joined by qpdf.
long=$work/joined-36-pages.pdf
if qpdf --empty --pages "$corpus/pdf/FCCC_CP_2004_10_Add1_decisions_1-10_CP10.pdf" \
  "$corpus/docx/ECE_TRADE_C_CEFACT_2018_1E.pdf" "$corpus/pdf/A_RES_73_6-EN.pdf" 1-3 -- "$long" 2>/dev/null; then
  pdfs+=("$long")
fi
printf '%-44s %5s %9s %9s %9s %6s %6s %8s %8s\n' file pages resconv pdftotext -bbox ratio r-bbox "MiB" "MiB-ptt"
worst=0
long_mib=
pdf_resconv() { "$resconv" convert "$f" -o "$work/out.xml"; }
pdf_text() { pdftotext "$f" "$work/out.txt"; }
pdf_bbox() { pdftotext -bbox-layout "$f" "$work/out.html"; }
for f in "${pdfs[@]}"; do
  interleave pdf_resconv pdf_text pdf_bbox
  r_ms=${med[0]} t_ms=${med[1]} b_ms=${med[2]}
  q=${rat[1]} qb=${rat[2]}
  memory "$resconv" convert "$f" -o "$work/out.xml"
  r_mib=$mib r_rc=$rc
  memory pdftotext "$f" "$work/out.txt"
  t_mib=$mib
  note=""
  ((r_rc == 0)) || note=" (exit $r_rc)"
  printf '%-44s %5s %9s %9s %9s %6s %6s %8s %8s%s\n' "$(basename "$f")" "$(pages "$f")" "$r_ms" "$t_ms" "$b_ms" \
    "$q" "$qb" "$r_mib" "$t_mib" "$note"
  worst=$(awk -v a="$worst" -v b="$q" 'BEGIN {print (b > a ? b : a)}')
  [[ $f == "$long" ]] && long_mib=$r_mib
done
budget "PDF -> AKN / pdftotext, worst file (ratio)" "$worst" 1.5 le
[[ -n $long_mib ]] && budget "PDF -> AKN peak memory, 36 pages (MiB)" "$long_mib" 64 le
echo

# --- DOCX -------------------------------------------------------------------------------
echo "## DOCX -> text against pandoc -f docx -t plain (ms; MiB)"
printf '%-40s %9s %9s %8s %8s %9s %8s\n' file resconv pandoc speedup MiB MiB-pan mem-ratio
slowest=1000000 memworst=0
docx_pandoc() { pandoc -f docx -t plain "$f" -o "$work/pandoc.txt"; }
docx_resconv() { "$resconv" convert "$f" -o "$work/out.txt"; }
for f in "$corpus"/docx/*.docx; do
  interleave docx_pandoc docx_resconv
  p_ms=${med[0]} r_ms=${med[1]} s=${rat[1]}
  memory "$resconv" convert "$f" -o "$work/out.txt"
  r_mib=$mib
  memory pandoc -f docx -t plain "$f" -o "$work/pandoc.txt"
  p_mib=$mib
  m=$(ratio "$r_mib" "$p_mib")
  printf '%-40s %9s %9s %8s %8s %9s %8s\n' "$(basename "$f")" "$r_ms" "$p_ms" "$s" "$r_mib" "$p_mib" "$m"
  slowest=$(awk -v a="$slowest" -v b="$s" 'BEGIN {print (b < a ? b : a)}')
  memworst=$(awk -v a="$memworst" -v b="$m" 'BEGIN {print (b > a ? b : a)}')
done
budget "DOCX -> text, pandoc / resconv, least (x)" "$slowest" 10 ge
budget "DOCX -> text memory, resconv / pandoc, most" "$memworst" 0.25 le
if command -v soffice >/dev/null; then
  echo
  echo "## DOCX -> PDF against LibreOffice (soffice --headless --convert-to pdf; ms; MiB)"
  printf '%-40s %9s %9s %8s\n' file resconv soffice speedup
  saved_runs=$runs
  runs=3 # LibreOffice takes seconds per run
  for f in "$corpus"/docx/*.docx; do
    measure "$resconv" convert "$f" -o "$work/out.pdf"
    r_ms=$ms
    measure soffice --headless --convert-to pdf --outdir "$work/lo" "$f"
    printf '%-40s %9s %9s %8s\n' "$(basename "$f")" "$r_ms" "$ms" "$(ratio "$ms" "$r_ms")"
  done
  runs=$saved_runs
else
  echo "(LibreOffice not installed: DOCX -> PDF comparison skipped)"
fi
echo

# --- Text -> AKN throughput --------------------------------------------------------------
echo "## Text -> AKN throughput"
big=$work/large.txt
{
  printf 'United Nations\n\nA/RES/99/999\n\nGeneral Assembly\n\nDistr.: General\n1 January 2099\n\n'
  printf 'Ninety-ninth session\n\nResolution adopted by the General Assembly on 1 January 2099\n\n'
  printf '99/999. A long resolution made for measuring\n\nThe General Assembly,\n\n'
  for ((i = 1; i <= 400; i++)); do
    printf '*Recalling* its resolution %d/1 of 1 January 2000 on the subject of measurement, and the report of the Secretary-General on the matter,\n\n' "$i"
  done
  for ((i = 1; i <= 4000; i++)); do
    printf '%d. *Requests* the Secretary-General to submit to it at its next session a report on the implementation of the present resolution, including (a) the progress made, (b) the means used and (c) the work still to be done;\n\n' "$i"
  done
  printf '78th plenary meeting\n1 January 2099\n'
} >"$big"
size=$(stat -c %s "$big")
saved_runs=$runs
runs=3
measure "$resconv" convert "$big" -o "$work/large.xml"
big_ms=$ms big_mib=$mib
measure "$resconv" convert "$big" -o "$work/large.xml" --option check=true
big_check_ms=$ms
runs=$saved_runs
printf 'generated: %.1f MB, %s paragraphs: %s ms (%s MB/s), %s MiB; with the schema check %s ms\n' \
  "$(awk -v s="$size" 'BEGIN {print s/1e6}')" 4400 "$big_ms" "$(awk -v s="$size" -v t="$big_ms" 'BEGIN {printf "%.1f", s/1e6/(t/1000)}')" \
  "$big_mib" "$big_check_ms"
mkdir -p "$work/texts"
find "$corpus/text" -name '*.txt' -exec cp -t "$work/texts" {} +
count=$(ls "$work/texts" | wc -l)
bytes=$(cat "$work/texts"/*.txt | wc -c)
# Outputs are overwritten in place (no --resume), so nothing is deleted inside the timing.
batch_j1() { "$resconv" -q batch "$work/texts" -O "$work/bout" --to akn -j 1; }
batch_j2() { "$resconv" -q batch "$work/texts" -O "$work/bout" --to akn -j 2; }
saved_pair_runs=$pair_runs
pair_runs=7
interleave batch_j1 batch_j2
pair_runs=$saved_pair_runs
j1=${med[0]} j2=${med[1]} speedup=${rat[1]}
printf 'corpus: %s texts, %.1f MB: batch -j 1 %s ms (%s MB/s, %s ms per text), -j 2 %s ms\n' "$count" \
  "$(awk -v s="$bytes" 'BEGIN {print s/1e6}')" "$j1" "$(awk -v s="$bytes" -v t="$j1" 'BEGIN {printf "%.2f", s/1e6/(t/1000)}')" \
  "$(awk -v c="$count" -v t="$j1" 'BEGIN {printf "%.2f", t/c}')" "$j2"
budget "batch texts -> AKN, -j 1 / -j 2 (x)" "$speedup" 1.7 ge
echo

echo "## Budgets"
printf '%s\n' "${budgets[@]}"
