#!/usr/bin/env bash
# write-results.sh FILE NAME RESULTS: replaces what lies between the lines
#   <!-- NAME results: begin (written by make NAME) -->  and  <!-- NAME results: end -->
# in FILE by the contents of RESULTS (the markers are appended at the end of FILE when missing).
set -euo pipefail
file=$1; name=$2; results=$3
begin="<!-- $name results: begin (written by make $name) -->"
end="<!-- $name results: end -->"
[ -f "$file" ] || : > "$file"
if ! grep -qF "$begin" "$file"; then printf '\n%s\n%s\n' "$begin" "$end" >> "$file"; fi
tmp=$(mktemp)
awk -v begin="$begin" -v end="$end" -v results="$results" '
  $0 == begin { print; while ((getline line < results) > 0) print line; skip = 1; next }
  $0 == end { skip = 0 }
  !skip { print }' "$file" > "$tmp"
cat "$tmp" > "$file"
rm -f "$tmp"
