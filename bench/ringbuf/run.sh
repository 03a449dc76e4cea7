#!/usr/bin/env bash
# run.sh [BUILD_DIR] [ROUNDS] [SECONDS]: the ring buffer benchmark against
# our libbpf.so.1 and the system's libbpf, alternating ROUNDS times
# (default 3) so that both see the same machine load; the best round of
# each is kept.  Ratios are ours/system: received events per second (above
# 1: we keep up better) and consumer ns per event on a full ring (below 1:
# we drain faster).
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

declare -A rate lost ns
libs=(ours)
[ -e "$sys" ] && libs+=(sys) || echo "run.sh: no system libbpf at $sys, no ratio" >&2
for ((r = 0; r < rounds; r++)); do
	for l in "${libs[@]}"; do
		so=$ours
		[ "$l" = sys ] && so=$sys
		out=$("$bench" "$so" "$secs") || { echo "$out"; echo "run.sh: $l: event count mismatch" >&2; exit 1; }
		rate[$l]+="$(echo "$out" | field received_per_s)"$'\n'
		lost[$l]+="$(echo "$out" | field lost_per_s)"$'\n'
		ns[$l]+="$(echo "$out" | field consume_ns_per_event)"$'\n'
	done
done
for l in "${libs[@]}"; do
	so=$ours
	[ "$l" = sys ] && so=$sys
	echo "library: $so"
	echo "  received_per_s: $(printf '%s' "${rate[$l]}" | best) (best of $rounds)"
	echo "  lost_per_s: $(printf '%s' "${lost[$l]}" | sort -g | head -1) (lowest of $rounds)"
	echo "  consume_ns_per_event: $(printf '%s' "${ns[$l]}" | sort -g | head -1) (best of $rounds)"
done
if [ ${#libs[@]} -eq 2 ]; then
	a=$(printf '%s' "${rate[ours]}" | best)
	b=$(printf '%s' "${rate[sys]}" | best)
	awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio received_per_s: %.3f (ours %.0f/s, system %.0f/s)\n", a / b, a, b }'
	a=$(printf '%s' "${ns[ours]}" | sort -g | head -1)
	b=$(printf '%s' "${ns[sys]}" | sort -g | head -1)
	awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio consume_ns_per_event: %.3f (ours %.2f ns, system %.2f ns)\n", a / b, a, b }'
fi
