#!/usr/bin/env bash
# Renders the PowerPoint exports of the sample session to PNG, to look at them before a release:
#   scripts/render-pptx.sh [folder] [dpi]
# Writes the sample exports (scripts/write-sample-exports.ts) to <folder> (default $TMPDIR/sociale-basis-render), converts
# every .pptx to PDF with LibreOffice and every page to <name>-<n>.png with pdftoppm.
# Needs LibreOffice Impress and poppler: apt-get install -y libreoffice-impress poppler-utils
# Not part of the automated tests: LibreOffice takes tens of seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-${TMPDIR:-/tmp}/sociale-basis-render}"
dpi="${2:-50}"
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y libreoffice-impress poppler-utils" >&2; exit 1; }
done
mkdir -p "$out"
rm -f "$out"/*.pptx "$out"/*.pdf "$out"/*.png
npx tsx scripts/write-sample-exports.ts "$out" >/dev/null
# A private LibreOffice profile, so a running office or a read-only home does not get in the way.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$out"/*.pptx >/dev/null
for pdf in "$out"/*.pdf; do
  pdftoppm -png -r "$dpi" "$pdf" "${pdf%.pdf}"
done
ls -1 "$out"/*.png
