#!/usr/bin/env bash
# Regenerates jp-holidays.csv from the Cabinet Office's syukujitsu.csv as shipped inside the PyPI
# package holiday-jp-pip (the Cabinet Office's own site is not reachable from the build machines).
# Usage: crates/domain/data/refresh-jp-holidays.sh [VERSION]   (default: the newest release)
# Then review `git diff`, update README.md (version, upload date, years) and run the tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
first_year=2016
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
spec="holiday-jp-pip${1:+==$1}"
python3 -m pip download --quiet --no-deps --only-binary=:all: "$spec" -d "$tmp"
wheel="$(ls "$tmp"/holiday_jp_pip-*.whl)"
echo "source: $(basename "$wheel") sha256 $(sha256sum "$wheel" | cut -d' ' -f1)"
python3 - "$wheel" "$first_year" "$here/jp-holidays.csv" <<'PY'
import sys, zipfile
wheel, first_year, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = zipfile.ZipFile(wheel).read("holiday_jp/syukujitsu.csv").decode("utf-8")
rows = []
for line in text.splitlines():
    date, sep, name = line.strip().partition(",")
    parts = date.split("/")
    if not sep or len(parts) != 3 or not all(p.isdigit() for p in parts):
        continue  # the header line
    y, m, d = (int(p) for p in parts)
    if y >= first_year:
        rows.append(f"{y:04d}-{m:02d}-{d:02d},{name.strip()}")
rows.sort()
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("date,name\n" + "\n".join(rows) + "\n")
print(f"{len(rows)} holidays, {rows[0][:4]}–{rows[-1][:4]} -> {out}")
PY
