#!/usr/bin/env bash
# run.sh [BUILD_DIR [REPS]]: print all of vmlinux as C through
# btf_dump__dump_type with our libbpf.so.1 and the system's (1.1 here), and
# the our/system ratio of the best dump time (below 1: we are faster).  The
# outputs are compared too (our 1.8 semantics differ in a few places).
set -euo pipefail
build=${1:-$(dirname "$0")/../../build}
reps=${2:-10}
bench=$build/bench/btf_dump/bench_btf_dump
ours=$(realpath "$build/lib/libbpf.so.1")
sys=${SYSTEM_LIBBPF:-/lib/x86_64-linux-gnu/libbpf.so.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$bench" ] || { echo "run.sh: build first ($bench missing)" >&2; exit 1; }

field() { awk -v k="$1:" '$1 == k { print $2 }'; }

o=$("$bench" "$ours" "$tmp/ours.h" "" "$reps")
echo "$o"
if [ -e "$sys" ]; then
	s=$("$bench" "$sys" "$tmp/sys.h" "" "$reps")
	echo "$s"
	for k in dump_ms dump_cpu_ms maxrss_kb; do
		a=$(echo "$o" | field $k)
		b=$(echo "$s" | field $k)
		awk -v k=$k -v a="$a" -v b="$b" \
			'BEGIN { printf "ratio %s: %.3f (ours %s, system %s)\n", k, a / b, a, b }'
	done
	echo "lines differing from the system's output: $(diff "$tmp/sys.h" "$tmp/ours.h" | grep -c '^<' || true) of $(wc -l < "$tmp/sys.h")"
else
	echo "run.sh: no system libbpf at $sys, no ratios" >&2
fi
