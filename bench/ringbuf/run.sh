#!/usr/bin/env bash
# run.sh [BUILD_DIR] [ROUNDS] [SECONDS]: the ring buffer benchmark against
# our libbpf.so.1 and the system's libbpf, alternating ROUNDS times
# (default 3) so that both see the same machine load; the best round of
# each is kept.  Ratio is ours/system received events per second: above 1
# means we consume faster.
set -euo pipefail
build=${1:-$(dirname "$0")/../../build}
rounds=${2:-3}
secs=${3:-2}
bench=$build/bench/ringbuf/bench_ringbuf
ours=$build/lib/libbpf.so.1
sys=${SYSTEM_LIBBPF:-/lib/x86_64-linux-gnu/libbpf.so.1}
[ -x "$bench" ] || { echo "run.sh: build first ($bench missing)" >&2; exit 1; }

field() { awk -v k="$1:" '$1 == k { print $2 }'; }
best() { sort -g | tail -1; }

declare -A rate lost
libs=(ours)
[ -e "$sys" ] && libs+=(sys) || echo "run.sh: no system libbpf at $sys, no ratio" >&2
for ((r = 0; r < rounds; r++)); do
	for l in "${libs[@]}"; do
		so=$ours
		[ "$l" = sys ] && so=$sys
		out=$("$bench" "$so" "$secs") || { echo "$out"; echo "run.sh: $l: event count mismatch" >&2; exit 1; }
		rate[$l]+="$(echo "$out" | field received_per_s)"$'\n'
		lost[$l]+="$(echo "$out" | field lost_per_s)"$'\n'
	done
done
for l in "${libs[@]}"; do
	so=$ours
	[ "$l" = sys ] && so=$sys
	echo "library: $so"
	echo "  received_per_s: $(printf '%s' "${rate[$l]}" | best) (best of $rounds)"
	echo "  lost_per_s: $(printf '%s' "${lost[$l]}" | sort -g | head -1) (lowest of $rounds)"
done
if [ ${#libs[@]} -eq 2 ]; then
	a=$(printf '%s' "${rate[ours]}" | best)
	b=$(printf '%s' "${rate[sys]}" | best)
	awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio received_per_s: %.3f (ours %.0f/s, system %.0f/s)\n", a / b, a, b }'
fi
