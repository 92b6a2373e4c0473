#!/usr/bin/env bash
# bench_nodes.sh measures flis's per-node overhead: a project of N trivial view models
# (half of them in 10 chains, half a binary fan-out tree), built with `flis run` at
# --threads 1 and at the default thread count, against the same CREATE VIEW statements run
# serially by `psql -f`. Each run gets a fresh database. It prints the wall times, the
# ratio flis/psql and the overhead per node in ms.
#
#   scripts/bench_nodes.sh              # 1000 models, on a private embedded cluster
#   N=200 scripts/bench_nodes.sh        # other size
#   FLIS_DSN='host=... user=...' scripts/bench_nodes.sh   # on that server (its role must
#                                                         # be allowed to CREATE DATABASE)
#   KEEP=1 scripts/bench_nodes.sh       # keep the temp folder and its running cluster
#                                       # (flis warehouse stop --project-dir DIR/project)
#
# What flis does per view node that psql does not: look up the relation's state (kind,
# columns, dependent views), create the view under a stage name (checks the SQL and gives
# the audits a relation), read the stage's columns, then publish in a transaction (lock
# timeout, CREATE VIEW, DROP the stage); plus scheduling, events and run_results.json.
set -euo pipefail

cd "$(dirname "$0")/.."
n=${N:-1000}
work=$(mktemp -d "${TMPDIR:-/tmp}/flis-bench-nodes.XXXXXX")
# mktemp makes the folder 0700; the embedded cluster runs as postgres when we are root.
chmod 755 "$work"
flis="$work/flis"
proj="$work/project"
cluster_started=""

cleanup() {
	if [ -n "$cluster_started" ] && [ -z "${KEEP:-}" ]; then
		"$flis" warehouse stop --project-dir "$proj" >/dev/null 2>&1 || true
	fi
	if [ -z "${KEEP:-}" ]; then
		rm -rf "$work"
	else
		echo "kept $work"
	fi
}
trap cleanup EXIT

command -v psql >/dev/null || { echo "bench_nodes.sh: psql not found (apt-get install postgresql-client)" >&2; exit 2; }
go build -o "$flis" ./cmd/flis

# --- the project -------------------------------------------------------------------------
mkdir -p "$proj/models/bench"
cat >"$proj/flis.yaml" <<'EOF'
name: bench_nodes
models:
  +schema: bench
  +materialized: view
on_run_start:
  - CREATE SCHEMA IF NOT EXISTS dsa
  - CREATE TABLE IF NOT EXISTS dsa.base AS SELECT 1 AS id
EOF
cat >"$proj/models/bench/_sources.yml" <<'EOF'
sources:
  - name: dsa
    tables:
      - name: base
EOF
# parent prints the relation model i reads: models 0..9 start the chains, the chains take
# the first half, the tree the second half (each node reads node (i-1)/2 of the tree).
half=$((n / 2))
parent() {
	local i=$1
	if [ "$i" -lt 10 ] || [ "$i" -eq "$half" ]; then
		echo "dsa.base"
	elif [ "$i" -lt "$half" ]; then
		printf 'm%05d' $((i - 10))
	else
		printf 'm%05d' $((half + (i - half - 1) / 2))
	fi
}
for ((i = 0; i < n; i++)); do
	printf 'SELECT id, %d AS n FROM %s\n' "$i" "$(parent "$i")" >"$proj/models/bench/$(printf 'm%05d' "$i").sql"
done

# --- the server ----------------------------------------------------------------------------
if [ -n "${FLIS_DSN:-}" ]; then
	admin="$FLIS_DSN"
	where="FLIS_DSN server"
else
	line=$("$flis" warehouse start --project-dir "$proj")
	cluster_started=1
	admin="${line#embedded warehouse running: }"
	where="private embedded cluster"
fi
unset FLIS_DSN

# fresh NAME: drops and creates database NAME and prints a DSN for it (a later dbname wins).
fresh() {
	psql -X -q -d "$admin" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
	echo "$admin dbname=$1"
}
now() { date +%s.%N; }

# --- the statements psql runs: the same views, in dependency order ------------------------
"$flis" compile --project-dir "$proj" >/dev/null
sqlfile="$work/views.sql"
{
	echo "CREATE SCHEMA IF NOT EXISTS dsa;"
	echo "CREATE TABLE IF NOT EXISTS dsa.base AS SELECT 1 AS id;"
	echo "CREATE SCHEMA IF NOT EXISTS bench;"
	for ((i = 0; i < n; i++)); do
		m=$(printf 'm%05d' "$i")
		printf 'CREATE VIEW "bench"."%s" AS\n%s;\n' "$m" "$(cat "$proj/target/compiled/models/bench/$m.sql")"
	done
} >"$sqlfile"

echo "flis per-node overhead: $n view models on the $where; $(nproc) CPUs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(now)
"$flis" compile --project-dir "$proj" >/dev/null
t_compile=$(echo "$(now) - $t0" | bc)

dsn=$(fresh flis_bench_psql)
t0=$(now)
psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" -f "$sqlfile" >/dev/null
t_psql=$(echo "$(now) - $t0" | bc)
views=$(psql -X -At -d "$dsn" -c "SELECT count(*) FROM pg_views WHERE schemaname = 'bench'")
[ "$views" -eq "$n" ] || { echo "psql created $views views, want $n" >&2; exit 1; }

# run_flis THREADS: a fresh database, then flis run; prints the wall time.
run_flis() {
	local dsn t0 t1 views
	dsn=$(fresh "flis_bench_t$1")
	t0=$(now)
	FLIS_DSN="$dsn" "$flis" run --project-dir "$proj" ${2:+--threads "$2"} >"$work/run_$1.log"
	t1=$(now)
	views=$(psql -X -At -d "$dsn" -c "SELECT count(*) FROM pg_views WHERE schemaname = 'bench'")
	[ "$views" -eq "$n" ] || { echo "flis created $views views, want $n (see $work/run_$1.log)" >&2; exit 1; }
	echo "$t1 - $t0" | bc
}
t_flis1=$(run_flis 1 1)
t_flisd=$(run_flis default "")
threads_default=$(sed -n 's/.* with \([0-9]*\) threads$/\1/p' "$work/run_default.log" | head -1)

for db in flis_bench_psql flis_bench_t1 flis_bench_tdefault; do
	psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $db" >/dev/null
done

report() { # label wall
	printf '  %-28s %7.2f s   ratio %5.2f   overhead %6.2f ms/node\n' "$1" "$2" \
		"$(echo "$2 / $t_psql" | bc -l)" "$(echo "($2 - $t_psql) * 1000 / $n" | bc -l)"
}
printf '  %-28s %7.2f s\n' "flis compile (part of a run)" "$t_compile"
printf '  %-28s %7.2f s   (%.2f ms/view)\n' "psql -f, serial" "$t_psql" "$(echo "$t_psql * 1000 / $n" | bc -l)"
report "flis run --threads 1" "$t_flis1"
report "flis run (${threads_default:-?} threads)" "$t_flisd"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
