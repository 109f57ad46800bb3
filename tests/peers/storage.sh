#!/bin/bash
# tests/peers/storage.sh BUILD_DIR [ROWS]
#
# Imports the same rows (1,000,000 by default) into the same usage_records
# table twice: with the sqlite3 command-line tool's `.import` of a CSV file,
# and with the storage module's batch insert (tests/storage/storage-peer-tool).
# Prints both rates and their ratio. Goal: ours >= sqlite3 .import.
#
# Fair by construction: both start from a copy of one empty database file
# created by the module (same schema, indexes and page size); sqlite3 gets
# the PRAGMAs the module's connection reports (journal mode, synchronous,
# foreign keys, cache size); both insert in one transaction; the two
# resulting tables are checked to hold identical rows and value types.
# Timed: the whole sqlite3 process (open, PRAGMAs, CSV parsing, insert,
# close) against the module's open + batch insert + close, rows prebuilt in
# memory. RUNS (default 3) alternating runs; the median of each side.
set -euo pipefail

build=${1:?usage: tests/peers/storage.sh BUILD_DIR [ROWS]}
rows=${2:-${ROWS:-1000000}}
runs=${RUNS:-3}
tool=$build/tests/storage/storage-peer-tool

if ! command -v sqlite3 >/dev/null; then
  echo "storage.sh: the sqlite3 command-line tool is not installed (Debian package sqlite3)" >&2
  exit 1
fi
if [ ! -x "$tool" ]; then
  echo "storage.sh: $tool is missing; build it with: ninja -C $build tests/storage/storage-peer-tool" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/costops-storage-peer-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$tool" create "$tmp/template.db" > "$tmp/pragmas.sql"
"$tool" csv "$tmp/template.db" "$tmp/rows.csv" "$rows"

now() { date +%s.%N; }

run_sqlite3() {
  rm -f "$tmp"/sqlite3.db*
  cp "$tmp/template.db" "$tmp/sqlite3.db"
  local start end
  start=$(now)
  # stdout only echoes the journal mode the PRAGMA set.
  sqlite3 -batch -bail "$tmp/sqlite3.db" > /dev/null <<EOF
$(grep -v '^--' "$tmp/pragmas.sql")
.import --csv $tmp/rows.csv usage_records
EOF
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }' >> "$tmp/sqlite3.times"
}

run_ours() {
  rm -f "$tmp"/ours.db*
  cp "$tmp/template.db" "$tmp/ours.db"
  local line
  line=$("$tool" insert "$tmp/ours.db" "$rows")
  echo "$line" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' >> "$tmp/ours.times"
}

for ((i = 1; i <= runs; i++)); do
  # Alternate which side goes first so neither always gets the warmer cache.
  if ((i % 2)); then run_sqlite3; run_ours; else run_ours; run_sqlite3; fi
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
list() { sort -g "$1" | awk '{ printf "%s%.3f", (NR > 1 ? " " : ""), $1 }'; }

# Same rows, same types (an integer stored as text would differ), both ways.
check=$(sqlite3 -batch "$tmp/ours.db" "ATTACH '$tmp/sqlite3.db' AS peer;
  SELECT (SELECT count(*) FROM main.usage_records) || ' ' ||
         (SELECT count(*) FROM peer.usage_records) || ' ' ||
         (SELECT count(*) FROM (SELECT * FROM main.usage_records EXCEPT SELECT * FROM peer.usage_records)) || ' ' ||
         (SELECT count(*) FROM (SELECT * FROM peer.usage_records EXCEPT SELECT * FROM main.usage_records)) || ' ' ||
         (SELECT count(*) FROM main.usage_records WHERE typeof(prompt_tokens) <> 'integer') || ' ' ||
         (SELECT count(*) FROM peer.usage_records WHERE typeof(prompt_tokens) <> 'integer');")
if [ "$check" != "$rows $rows 0 0 0 0" ]; then
  echo "storage.sh: the two databases differ (ours, sqlite3, ours-only, sqlite3-only, non-integer ours, non-integer sqlite3): $check" >&2
  exit 1
fi

sqlite_s=$(median "$tmp/sqlite3.times")
ours_s=$(median "$tmp/ours.times")
sqlite_rate=$(awk -v n="$rows" -v s="$sqlite_s" 'BEGIN { print n / s }')
ours_rate=$(awk -v n="$rows" -v s="$ours_s" 'BEGIN { print n / s }')
ratio=$(awk -v a="$ours_rate" -v b="$sqlite_rate" 'BEGIN { print a / b }')
indexes=$(sqlite3 -batch "$tmp/ours.db" "SELECT group_concat(name, ', ') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'usage_records';")

echo "Storage peer comparison: $rows rows into usage_records, one transaction per side, $runs runs"
echo "  SQLite $(sqlite3 --version | cut -d' ' -f1) (the sqlite3 tool and the module use the same library)"
echo "  Settings on both sides: $(grep -v '^--' "$tmp/pragmas.sql" | sed 's/PRAGMA //; s/ = /=/; s/;//' | paste -sd' ')" \
     "($(grep '^--' "$tmp/pragmas.sql" | sed 's/-- PRAGMA //; s/ = /=/; s/;//' | paste -sd' '))"
echo "  Indexes on usage_records: $indexes"
echo "  Rows checked identical on both sides (values and types)."
printf "  sqlite3 .import (CSV), whole process:   %10.0f rows/s  (median %.3f s; runs: %s s)\n" \
  "$sqlite_rate" "$sqlite_s" "$(list "$tmp/sqlite3.times")"
printf "  cost-ops storage batch (open+insert+close): %7.0f rows/s  (median %.3f s; runs: %s s)\n" \
  "$ours_rate" "$ours_s" "$(list "$tmp/ours.times")"
printf "  Ratio ours / sqlite3: %.2f (goal >= 1.00)\n" "$ratio"
