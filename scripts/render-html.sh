#!/usr/bin/env bash
# Renders an HTML file (a bundle's report.html) to a full-page PNG with headless Chromium,
# for reviewing how the page reads. Installs Debian's `chromium` when it is missing.
# The page has no scripts, so its height cannot be asked for: the capture is made tall and
# the empty rows below the content are cropped (scripts/crop-png.py, Python stdlib only).
# Usage: scripts/render-html.sh PAGE.html OUT.png [WIDTH]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
page=$1
out=$2
width=${3:-1100}
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
[[ -f $page ]] || { echo "render-html: $page: no such file" >&2; exit 1; }
abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
outabs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
bytes=$(wc -c < "$abs")
height=$(( 2000 + bytes / 8 ))
(( height > 16000 )) && height=16000
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --run-all-compositor-stages-before-draw \
  --virtual-time-budget=3000 --window-size="$width,$height" \
  --screenshot="$outabs" "file://$abs" >/dev/null 2>&1
python3 "$here/crop-png.py" "$outabs"
