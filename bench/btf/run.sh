#!/usr/bin/env bash
# run.sh [BUILD_DIR]: the BTF benchmark against our libbpf.so.1 and the
# system's libbpf (1.1 here), with our/system ratios (below 1: we are faster).
set -euo pipefail
build=${1:-$(dirname "$0")/../../build}
bench=$build/bench/btf/bench_btf
ours=$build/lib/libbpf.so.1
sys=${SYSTEM_LIBBPF:-/lib/x86_64-linux-gnu/libbpf.so.1}
[ -x "$bench" ] || { echo "run.sh: build first ($bench missing)" >&2; exit 1; }

field() { awk -v k="$1:" '$1 == k { print $2 }'; }

o=$("$bench" "$ours")
echo "$o"
if [ -e "$sys" ]; then
	s=$("$bench" "$sys")
	echo "$s"
	for k in load_vmlinux_ms find_1000_ms; do
		a=$(echo "$o" | field $k)
		b=$(echo "$s" | field $k)
		awk -v k=$k -v a="$a" -v b="$b" \
			'BEGIN { printf "ratio %s: %.3f (ours %.3f ms, system %.3f ms)\n", k, a / b, a, b }'
	done
else
	echo "run.sh: no system libbpf at $sys, no ratios" >&2
fi
