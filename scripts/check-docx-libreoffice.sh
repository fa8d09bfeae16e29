#!/usr/bin/env bash
# Converts our DOCX of the example (and of the seed when ../shared is there) to PDF with
# LibreOffice, and checks the words survive. Kept out of the test suite: LibreOffice is a
# large install (apt-get install libreoffice-writer-nogui).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
resconv=${RESCONV_BUILD_DIR:-$root/build}/bin/resconv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not installed" >&2; exit 2; }
inputs=("$root/examples/A_RES_99_101.txt")
seed=${RESCONV_SHARED_DIR:-$root/../shared}/corpus/text/A_RES_57_263.txt
[[ -f $seed ]] && inputs+=("$seed")
for input in "${inputs[@]}"; do
  name=$(basename "${input%.*}")
  "$resconv" convert "$input" -o "$work/$name.docx"
  soffice --headless --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null 2>&1
  [[ -s $work/$name.pdf ]] || { echo "$name: LibreOffice made no PDF" >&2; exit 1; }
  pdftotext "$work/$name.pdf" "$work/$name.txt"
  for word in $(tr -cs '[:alnum:]' '\n' < "$input" | sort -u | head -200); do
    grep -q -- "$word" "$work/$name.txt" || { echo "$name: '$word' missing in LibreOffice's PDF" >&2; exit 1; }
  done
  echo "$name: LibreOffice converted our DOCX ($(pdfinfo "$work/$name.pdf" | awk '/Pages/ {print $2}') pages), words present"
done
