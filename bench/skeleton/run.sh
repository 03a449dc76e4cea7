#!/usr/bin/env bash
# gen skeleton on the largest example object: our bpftool against the
# reference's, REPS runs each, alternating; prints best wall times and the ratio.
# usage: bench/skeleton/run.sh [BUILD_DIR [REPS]]
set -euo pipefail
build=${1:-build}
reps=${2:-20}
ours=$build/bpftool/bpftool
ref=${REF_BPFTOOL:-/usr/sbin/bpftool}
[ -x "$ref" ] || { echo "reference bpftool not installed: nothing to compare"; exit 0; }
obj=$(find "$build/examples" -name "*.bpf.o" -print0 | xargs -0 ls -S | head -1)
echo "object: $obj ($(stat -c %s "$obj") bytes)"

best() { # tool -> best wall time in ms over $reps runs
	local tool=$1 best=999999 i t0 t1 ms
	for i in $(seq 1 "$reps"); do
		t0=$(date +%s%N)
		"$tool" gen skeleton "$obj" > /dev/null
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000 ))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	echo "$best"
}
o=999999; r=999999
for round in 1 2 3; do
	x=$(best "$ours"); [ "$x" -lt "$o" ] && o=$x
	x=$(best "$ref"); [ "$x" -lt "$r" ] && r=$x
done
echo "ours: $((o / 1000)).$(( (o % 1000) / 100 )) ms   reference: $((r / 1000)).$(( (r % 1000) / 100 )) ms"
awk -v o="$o" -v r="$r" 'BEGIN { printf "ratio ours/reference: %.2f\n", o / r }'
