#!/usr/bin/env bash
# bench_compile.sh measures `flis compile` on generated projects of 1,000 and 10,000 models:
# cold (no .flis/cache, no target/) and warm (a second run over unchanged files), each the
# best of 3 wall times, with the CPU time of that run and the --stats stage split.
#
#   scripts/bench_compile.sh                 # 1000 and 10000 models
#   scripts/bench_compile.sh 500 2000        # other sizes
#   RUNS=5 KEEP=1 scripts/bench_compile.sh   # best of 5; keep the temp folder
#   FLIS_CPUPROFILE=/tmp/cold.prof ...       # profile (the last cold run of the last size)
#   FLIS_BIN=/tmp/flis-old ...               # measure another build (A/B against a commit)
#
# The target is a cold 10,000-model compile in at most 1 s on 2 cores. Wall times on a shared
# machine are noisy: the script prints the load average before and after, and the CPU time
# (user+sys), which other processes disturb less.
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
profile=${FLIS_CPUPROFILE:-}
unset FLIS_CPUPROFILE

work=$(mktemp -d "${TMPDIR:-/tmp}/flis-bench.XXXXXX")
if [ -z "${KEEP:-}" ]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "keeping $work"
fi

flis=${FLIS_BIN:-$work/flis}
[ -n "${FLIS_BIN:-}" ] || go build -o "$flis" ./cmd/flis
go build -o "$work/genproject" ./tools/genproject

echo "flis compile benchmark: $(nproc) CPUs, GOMAXPROCS=${GOMAXPROCS:-default}, best of $runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# timed DIR: runs flis compile in DIR and prints "wall user+sys" in seconds.
timed() {
	local out
	out=$( { TIMEFORMAT='%R %U %S'; time "$flis" compile --project-dir "$1" >/dev/null; } 2>&1 )
	awk '{ printf "%.3f %.3f\n", $(NF-2), $(NF-1) + $NF }' <<<"$(tail -n1 <<<"$out")"
}

# aside DIR: moves DIR's .flis/ and target/ out of the way for a cold run. They are deleted
# only when the script ends: ext4 without a journal (this machine's file system) skips
# inodes freed in the last minutes when it allocates new ones, so deleting 10,000 compiled
# files just before a run makes creating them again several times slower than in a fresh
# checkout, which is what a cold compile is meant to measure.
aside() {
	local to
	to=$(mktemp -d "$work/trash.XXXXXX")
	for d in .flis target; do
		if [ -e "$1/$d" ]; then mv "$1/$d" "$to/"; fi
	done
}

# best RESULTS...: the line with the least wall time.
best() { printf '%s\n' "$@" | sort -n | head -n1; }

for n in "${sizes[@]}"; do
	proj="$work/p$n"
	"$work/genproject" -n "$n" -out "$proj"
	nfiles=$(find "$proj" -type f | wc -l)
	sync # the generator's writes should not be flushed during the first timed run

	cold=()
	for ((i = 0; i < runs; i++)); do
		aside "$proj"
		cold+=("$(timed "$proj")")
	done
	warm=()
	for ((i = 0; i < runs; i++)); do
		warm+=("$(timed "$proj")")
	done
	read -r cw cc <<<"$(best "${cold[@]}")"
	read -r ww wc <<<"$(best "${warm[@]}")"
	printf '%6d models (%d files): cold %.3fs wall (%.3fs cpu)   warm %.3fs wall (%.3fs cpu)\n' \
		"$n" "$nfiles" "$cw" "$cc" "$ww" "$wc"

	aside "$proj"
	if [ -n "$profile" ]; then
		FLIS_CPUPROFILE="$profile" "$flis" compile --project-dir "$proj" --stats | sed -n 's/^ */        cold stats: /p' | tail -n1
	else
		"$flis" compile --project-dir "$proj" --stats | sed -n 's/^ */        cold stats: /p' | tail -n1
	fi
	"$flis" compile --project-dir "$proj" --stats | sed -n 's/^ */        warm stats: /p' | tail -n1
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
