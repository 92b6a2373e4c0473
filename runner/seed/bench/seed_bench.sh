#!/usr/bin/env bash
# seed_bench.sh: load a generated CSV with flis's seed.Load and with psql's \copy into the
# same database, and print both rates, their ratio and peak RSS.
#
#   DSN=postgres:///db?host=/tmp/sock ROWS=1000000 RUNS=3 runner/seed/bench/seed_bench.sh
#
# Each tool runs RUNS times, alternating, and the best run of each counts: on a shared
# machine the best run is the one least disturbed by others. psql loads into a table with
# the types seed.Load infers, created beforehand and emptied between runs; seed.Load
# creates, fills and swaps its own table, so it does strictly more work.
set -euo pipefail
: "${DSN:?set DSN to a PostgreSQL connection string}"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$(dirname "$0")/../../.."

go build -o "$DIR/bench" ./runner/seed/bench
"$DIR/bench" gen -rows "$ROWS" -out "$DIR/seed.csv"
echo "file: $ROWS rows, $(du -m "$DIR/seed.csv" | cut -f1) MB"

psql -X -q "$DSN" -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.psql_copy;
CREATE TABLE bench.psql_copy (id integer, kommune_kode text, navn text, beloeb numeric,
  dato date, aktiv boolean, opdateret timestamp, note text);
SQL

best_flis=0 best_psql=0 rss_flis=0 rss_psql=0
for run in $(seq "$RUNS"); do
  out=$("$DIR/bench" load -dsn "$DSN" -file "$DIR/seed.csv")
  rate=$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' <<<"$out")
  rss=$(sed -E 's/.*maxrss_kb=([0-9]+).*/\1/' <<<"$out")
  echo "run $run flis:  $out"
  (( rate > best_flis )) && best_flis=$rate
  (( rss > rss_flis )) && rss_flis=$rss

  psql -X -q "$DSN" -c "TRUNCATE bench.psql_copy"
  /usr/bin/time -f "%e %M" -o "$DIR/time" \
    psql -X -q "$DSN" -v ON_ERROR_STOP=1 -c "\\copy bench.psql_copy FROM '$DIR/seed.csv' WITH (FORMAT csv, HEADER true)"
  read -r secs rss <"$DIR/time"
  rate=$(awk -v r="$ROWS" -v s="$secs" 'BEGIN { printf "%d", r / s }')
  echo "run $run psql:  rows=$ROWS seconds=$secs rows_per_s=$rate maxrss_kb=$rss"
  (( rate > best_psql )) && best_psql=$rate
  (( rss > rss_psql )) && rss_psql=$rss
done

echo "flis seed.Load: $best_flis rows/s, peak RSS $((rss_flis / 1024)) MB"
echo "psql \\copy:     $best_psql rows/s, peak RSS $((rss_psql / 1024)) MB"
awk -v a="$best_flis" -v b="$best_psql" 'BEGIN { printf "ratio flis/psql: %.2f (target >= 0.90)\n", a / b }'
psql -X -q "$DSN" -c "DROP SCHEMA bench CASCADE"
