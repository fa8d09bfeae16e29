#!/usr/bin/env bash
# Fills the Akoma Ntoso 3.0 schema folder (default: schemas/akn, never committed) from the
# shared folder beside the checkout when present, otherwise from the official OASIS and W3C
# addresses. Does nothing when the files are already there.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${RESCONV_AKN_SCHEMA_DIR:-$root/schemas/akn}
shared=${RESCONV_SHARED_DIR:-$root/../shared}/schemas/akn
oasis=http://docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/schemas/akomantoso30.xsd
w3c=http://www.w3.org/2001/xml.xsd

if [[ -s $target/akomantoso30.xsd && -s $target/xml.xsd ]]; then
  exit 0
fi
mkdir -p "$target"
if [[ -s $shared/akomantoso30.xsd && -s $shared/xml.xsd ]]; then
  cp "$shared/akomantoso30.xsd" "$shared/xml.xsd" "$target/"
  echo "fetch-schemas: copied the AKN schema from $shared"
  exit 0
fi
fetch() { if command -v curl >/dev/null; then curl -fsSL "$1" -o "$2"; else wget -q "$1" -O "$2"; fi; }
if fetch "$oasis" "$target/akomantoso30.xsd" && fetch "$w3c" "$target/xml.xsd"; then
  echo "fetch-schemas: downloaded the AKN schema into $target"
else
  rm -f "$target/akomantoso30.xsd" "$target/xml.xsd"
  echo "fetch-schemas: could not get the AKN schema (no $shared, no network); AKN output will not be checked" >&2
fi
