#!/usr/bin/env bash
# bench_flis.sh measures the FLIS warehouse at scale (default 1,000,000 citizens, ~37 million
# DSA rows, data through 2024-03-31) and prints one table of wall times:
#
#   (a) full build:  flis run --full-refresh and flis build --full-refresh at data_tom=2024-03-31;
#   (b) incremental: after a build at data_tom=2024-02-29, flis run and flis build at
#       data_tom=2024-03-31 ("one new month"), and their ratio to (a) (target: at most 10%);
#   (c) psql:        the same model SQL (target/manifest.json: nodes[].compiled_sql in
#       order), run serially by psql -f as CREATE TABLE/VIEW into schemas suffixed _psql, and
#       the ratio flis run --full-refresh / psql.
#
#   scripts/bench_flis.sh                      # on the sample in /tmp/flis-bench (created if absent)
#   BENCH_DIR=/tmp/x CITIZENS=20000 scripts/bench_flis.sh   # another sample size and place
#   FLIS_DSN='host=... dbname=...' scripts/bench_flis.sh    # a warehouse whose dsa is loaded
#   STEPS="a b" scripts/bench_flis.sh          # only some parts (any of a b c)
#   THREADS=4 scripts/bench_flis.sh            # flis --threads (default 2)
#
# Each incremental figure needs its own build at 2024-02-29 first (a run and a build each
# change the warehouse), so (b) costs two full builds that are timed but not compared. The
# project is copied to a temp folder, so target/ and .flis/cache of the checkout stay as they
# are; the warehouse's dm/stg schemas are replaced, dsa is only read.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
bench_dir=${BENCH_DIR:-/tmp/flis-bench}
citizens=${CITIZENS:-1000000}
threads=${THREADS:-2}
steps=${STEPS:-a b c}
full_tom=2024-03-31
prev_tom=2024-02-29
export FLIS_PSEUDONYM_KEY=${FLIS_PSEUDONYM_KEY:-bench}
export NO_COLOR=1

work=$(mktemp -d "${TMPDIR:-/tmp}/flis-bench-scale.XXXXXX")
chmod 755 "$work"
flis="$work/flis"
proj="$work/project"
log="$work/log"
mkdir -p "$log"
trap '[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT

go build -o "$flis" ./cmd/flis
mkdir -p "$proj"
cp -r flis.yaml models seeds tests "$proj"/
# A target whose schemas are suffixed _psql: its compiled SQL is what psql runs in (c).
sed -i '/^targets:/a\  psql_bench: {dsn: "${env:FLIS_DSN}", schema_suffix: "_psql"}   # added by bench_flis.sh' "$proj/flis.yaml"

# The sample: use FLIS_DSN if set, else the embedded cluster in $bench_dir, generating the
# sample there when its dsa is missing or empty.
if [ -z "${FLIS_DSN:-}" ]; then
	export FLIS_DSN="host=$bench_dir/.flis/pg/run port=5432 user=postgres dbname=flis"
	if ! psql "$FLIS_DSN" -Atqc "SELECT 1 FROM dsa.dream_uge LIMIT 1" 2>/dev/null | grep -q 1; then
		echo "no sample in $bench_dir: generating $citizens citizens (takes minutes)"
		mkdir -p "$bench_dir"
		cp -r flis.yaml models seeds tests "$bench_dir"/
		(unset FLIS_DSN; "$flis" sample --citizens "$citizens" --replace --project-dir "$bench_dir")
	fi
fi
psql "$FLIS_DSN" -Atqc "SELECT 1" >/dev/null

rows=$(psql "$FLIS_DSN" -Atqc "SELECT (SELECT count(*) FROM dsa.cpr_person) || ' citizens, ' ||
	(SELECT count(*) FROM dsa.dream_uge) || ' dream_uge rows, data to ' || (SELECT max(uge_start) FROM dsa.dream_uge)")
echo "sample: $rows"

# settle runs VACUUM (not timed) and waits until autovacuum has been idle for 15 s (at most
# 15 minutes), before each timed step. A build leaves tens of millions of fresh rows, and
# autovacuum, throttled, works through them for many minutes: a step started at once
# shares the 2 cores with it (once, two autovacuum workers ran through a whole incremental
# build). A monthly build starts on a warehouse that has had weeks to vacuum; so does every
# step here, full builds included.
settle() {
	local t0 quiet=0 n
	t0=$(date +%s)
	psql "$FLIS_DSN" -Xq -c "VACUUM" >/dev/null
	while [ "$quiet" -lt 3 ] && [ $(($(date +%s) - t0)) -lt 900 ]; do
		n=$(psql "$FLIS_DSN" -XAtqc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
		if [ "$n" = 0 ]; then quiet=$((quiet + 1)); else quiet=0; fi
		sleep 5
	done
	echo "  (vacuumed, autovacuum idle after $(($(date +%s) - t0)) s)"
}

declare -A secs
# timed NAME CMD...: runs CMD, keeps its output in $log/NAME.log, stores the wall time.
timed() {
	local name=$1
	shift
	local t0 t1
	settle
	t0=$(date +%s.%N)
	if ! "$@" >"$log/$name.log" 2>&1; then
		echo "FAILED: $name ($*)"
		tail -n 30 "$log/$name.log"
		exit 1
	fi
	t1=$(date +%s.%N)
	secs[$name]=$(echo "$t1 - $t0" | bc)
	printf '  %-22s %8.1f s   load %s\n' "$name" "${secs[$name]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

f() { "$flis" "$@" --project-dir "$proj" --threads "$threads"; }

has() { [[ " $steps " == *" $1 "* ]]; }

# flis run builds models only: the seeds must be in place first (not timed).
f seed >"$log/seed_dev.log" 2>&1

if has a; then
	echo "(a) full build at data_tom=$full_tom"
	timed run_full f run --full-refresh --vars "data_tom=$full_tom"
	timed build_full f build --full-refresh --vars "data_tom=$full_tom"
fi

if has b; then
	echo "(b) one new month: $prev_tom -> $full_tom"
	timed setup_run f build --full-refresh --vars "data_tom=$prev_tom"
	timed run_incremental f run --vars "data_tom=$full_tom"
	timed setup_build f build --full-refresh --vars "data_tom=$prev_tom"
	timed build_incremental f build --vars "data_tom=$full_tom"
	# The slowest nodes of the incremental build, for the note.
	echo "  slowest nodes of the incremental build:"
	# (head closes the pipe early: no pipefail here, or set -e would end the script.)
	(set +o pipefail
		sed -nE 's/^ *[0-9]+ of [0-9]+ +(.*[^ .]) \.+ \[.* in ([0-9.]+)s\]$/\2 \1/p' "$log/build_incremental.log" |
			sort -rn | head -8 | sed 's/^/    /')
fi

if has c; then
	echo "(c) the same model SQL, serially by psql"
	"$flis" compile --target psql_bench --vars "data_tom=$full_tom" --project-dir "$proj" >"$log/compile.log" 2>&1
	# The _psql schemas start empty: a view left by an earlier run would stop psql's DROP TABLE.
	psql "$FLIS_DSN" -Xq -c "SET client_min_messages = warning" -c "DO \$\$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname LIKE '%\\_psql' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END \$\$" >/dev/null
	# Seeds are loaded by flis into the _psql schemas (not timed: psql has no CSV loader).
	"$flis" seed --target psql_bench --project-dir "$proj" >"$log/seed.log" 2>&1
	sql="$work/psql_models.sql"
	{
		echo "\\set ON_ERROR_STOP on"
		echo "SET flis.pseudonym_key = '$FLIS_PSEUDONYM_KEY';"
		jq -r '
			.order[] as $id | .nodes[$id] | select(.resource_type == "model") |
			.model.config.materialized as $m | select($m != "ephemeral") |
			"\(.relation.schema | @json).\(.relation.name | @json)" as $rel |
			"CREATE SCHEMA IF NOT EXISTS \(.relation.schema | @json);\n" +
			"DROP TABLE IF EXISTS \($rel) CASCADE;\nDROP VIEW IF EXISTS \($rel) CASCADE;\n" +
			(if $m == "view" then "CREATE VIEW " else "CREATE TABLE " end) + $rel + " AS\n" +
			.compiled_sql + "\n;"
		' "$proj/target/manifest.json"
	} >"$sql"
	timed psql_serial psql "$FLIS_DSN" -X -q -f "$sql"
fi

ratio() { # ratio A B: A/B as a percentage or a factor
	if [ -n "${secs[$1]:-}" ] && [ -n "${secs[$2]:-}" ]; then
		printf '%.2fx' "$(echo "scale=4; ${secs[$1]} / ${secs[$2]}" | bc)"
	else
		echo "-"
	fi
}

pct() { # pct A B: A as a percentage of B
	if [ -n "${secs[$1]:-}" ] && [ -n "${secs[$2]:-}" ]; then
		printf '%.1f%%' "$(echo "scale=4; 100 * ${secs[$1]} / ${secs[$2]}" | bc)"
	else
		echo "-"
	fi
}

echo
echo "FLIS warehouse benchmark ($rows; threads $threads; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-44s %10s   %s\n' "measure" "seconds" "ratio"
row() {
	local v=-
	[ -n "${secs[$2]:-}" ] && v=$(printf '%.1f' "${secs[$2]}")
	printf '%-44s %10s   %s\n' "$1" "$v" "${3:-}"
}
row "flis run --full-refresh ($full_tom)" run_full
row "flis build --full-refresh ($full_tom)" build_full
row "flis build --full-refresh ($prev_tom, setup)" setup_run
row "flis run, one new month" run_incremental "$(pct run_incremental run_full) of full run"
row "flis build, one new month" build_incremental "$(pct build_incremental build_full) of full build"
row "psql -f, same model SQL, serial" psql_serial
row "flis run --full-refresh / psql" run_full "$(ratio run_full psql_serial)"
