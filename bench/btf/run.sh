#!/usr/bin/env bash
# run.sh [BUILD_DIR] [ROUNDS]: the BTF benchmark against our libbpf.so.1 and
# the system's libbpf (1.1 here), alternating ROUNDS times (default 5) so
# that both see the same machine load; the best median of each is kept.
# Ratios are ours/system: below 1 means we are faster.
set -euo pipefail
build=${1:-$(dirname "$0")/../../build}
rounds=${2:-5}
bench=$build/bench/btf/bench_btf
ours=$build/lib/libbpf.so.1
sys=${SYSTEM_LIBBPF:-/lib/x86_64-linux-gnu/libbpf.so.1}
[ -x "$bench" ] || { echo "run.sh: build first ($bench missing)" >&2; exit 1; }

field() { awk -v k="$1:" '$1 == k { print $2 }'; }
best() { sort -g | head -1; }

declare -A res
libs=(ours)
[ -e "$sys" ] && libs+=(sys) || echo "run.sh: no system libbpf at $sys, no ratios" >&2
for ((r = 0; r < rounds; r++)); do
	for l in "${libs[@]}"; do
		so=$ours
		[ "$l" = sys ] && so=$sys
		out=$("$bench" "$so")
		for k in load_vmlinux_ms find_1000_ms; do
			res[$l.$k]+="$(echo "$out" | field $k)"$'\n'
		done
	done
done
for l in "${libs[@]}"; do
	so=$ours
	[ "$l" = sys ] && so=$sys
	echo "library: $so"
	for k in load_vmlinux_ms find_1000_ms; do
		echo "  $k: $(printf '%s' "${res[$l.$k]}" | best) (best of $rounds medians)"
	done
done
if [ ${#libs[@]} -eq 2 ]; then
	for k in load_vmlinux_ms find_1000_ms; do
		a=$(printf '%s' "${res[ours.$k]}" | best)
		b=$(printf '%s' "${res[sys.$k]}" | best)
		awk -v k=$k -v a="$a" -v b="$b" \
			'BEGIN { printf "ratio %s: %.3f (ours %.3f ms, system %.3f ms)\n", k, a / b, a, b }'
	done
fi
