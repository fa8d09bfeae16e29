#!/usr/bin/env bash
# Converts a folder of PDF resolutions to Akoma Ntoso (and JSON), then prints a report from
# the manifest: how many converted, with warnings, failed, and why.
# Usage: examples/batch/pdf-folder-to-akn.sh PDF_FOLDER OUT_FOLDER [jobs]
set -euo pipefail
in=${1:?PDF folder}
out=${2:?output folder}
jobs=${3:-$(nproc)}
resconv=${RESCONV:-$(dirname "${BASH_SOURCE[0]}")/../../build/bin/resconv}
mkdir -p "$out"
set +e
"$resconv" batch "$in" -O "$out" --include '*.pdf' --to akn --to json -j "$jobs" \
  --manifest "$out/manifest.jsonl" --resume --timeout 120
code=$?
set -e
python3 - "$out/manifest.jsonl" <<'PY'
import json, sys, collections
last = {}
for line in open(sys.argv[1]):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    last[r["input"]] = r
counts = collections.Counter(r["status"] for r in last.values())
print("inputs:", len(last), dict(counts))
for r in last.values():
    if r["status"] == "failed":
        reason = next((d["message"] + " [" + d["code"] + "]" for d in r["diagnostics"] if d.get("severity") == "error"), "?")
        print("failed:", r["input"], "-", reason)
PY
exit $code
