#!/usr/bin/env bash
# bench/bpftool_prog/run.sh [bpftool] [programs] [rounds]
#
# Loads PROGRAMS copies of a one-program object (one `batch file` of
# `prog load` lines run by our bpftool, each pinned so it stays loaded),
# then times `prog show` (plain and -j) of ours against the reference
# /usr/sbin/bpftool: best wall time over ROUNDS alternating runs, the
# ratio ours/reference, and whether both printed the same bytes.
# Everything pinned is removed on exit, which unloads the programs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ours=${1:-$here/../../build/bpftool/bpftool}
n=${2:-1000}
rounds=${3:-5}
ref=/usr/sbin/bpftool
obj=${OBJ:-$(dirname "$ours")/../selftests/progs/bpftool_tp.bpf.o}
[ -x "$ref" ] || { echo "reference bpftool not installed: nothing to compare"; exit 0; }
[ -f "$obj" ] || { echo "missing $obj (build the selftests first)"; exit 1; }
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
dir=/sys/fs/bpf/bench_prog_$$
tmp=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp"' EXIT
mkdir -p "$dir"

for i in $(seq "$n"); do
	echo "prog load $obj $dir/p$i"
done > "$tmp/batch"
t0=$(date +%s%N)
"$ours" batch file "$tmp/batch" > /dev/null
t1=$(date +%s%N)
total=$("$ours" prog show | grep -c '^[0-9]*: ')
echo "loaded $n programs in $(( (t1 - t0) / 1000000 )) ms; $total programs in the kernel"

now() { date +%s%N; }
run_ms() { local t0 t1; t0=$(now); "$@" > "$tmp/out"; t1=$(now); echo $(( (t1 - t0) / 1000 )); }

printf '%-6s %12s %12s %7s  %s\n' mode "ours (us)" "ref (us)" ratio output
for mode in plain json; do
	opt=(); [ "$mode" = json ] && opt=(-j)
	bo=0; br=0
	for r in $(seq "$rounds"); do
		o=$(run_ms "$ours" "${opt[@]}" prog show)
		t=$(run_ms "$ref" "${opt[@]}" prog show)
		{ [ "$bo" = 0 ] || [ "$o" -lt "$bo" ]; } && bo=$o
		{ [ "$br" = 0 ] || [ "$t" -lt "$br" ]; } && br=$t
	done
	# other users' programs come and go: retry before calling it different
	same=different
	for try in 1 2 3; do
		"$ours" "${opt[@]}" prog show > "$tmp/ours"
		"$ref" "${opt[@]}" prog show > "$tmp/ref"
		if cmp -s "$tmp/ours" "$tmp/ref"; then same=identical; break; fi
	done
	printf '%-6s %12d %12d %7s  %s\n' "$mode" "$bo" "$br" \
		"$(awk -v a="$bo" -v b="$br" 'BEGIN { printf "%.2f", a / b }')" "$same"
done
