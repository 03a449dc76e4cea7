#!/usr/bin/env bash
# bench/bpftool_map/run.sh [bpftool] [entries] [rounds]
#
# Creates a hash map of ENTRIES elements with our bpftool (map create, then
# one `batch file` of updates), dumps it with ours and with the reference
# /usr/sbin/bpftool (plain and -j), checks the outputs are byte-identical,
# and prints the best wall time of each over ROUNDS alternating runs and
# the ratio ours/reference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ours=${1:-$here/../../build/bpftool/bpftool}
n=${2:-100000}
rounds=${3:-3}
ref=/usr/sbin/bpftool
[ -x "$ref" ] || { echo "reference bpftool not installed: nothing to compare"; exit 0; }
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
dir=/sys/fs/bpf/bench_map_$$
tmp=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp"' EXIT
mkdir -p "$dir"

"$ours" map create "$dir/h" type hash key 8 value 16 entries "$n" name bench_dump
awk -v n="$n" -v p="$dir/h" 'BEGIN {
	for (i = 0; i < n; i++) {
		printf "map update pinned %s key %d %d %d 0 0 0 0 0 value", p,
			i % 256, int(i / 256) % 256, int(i / 65536) % 256;
		for (j = 0; j < 16; j++)
			printf " %d", (i * 7 + j) % 256;
		printf "\n";
	}
}' > "$tmp/batch"
"$ours" batch file "$tmp/batch" > /dev/null

now() { date +%s%N; }
best() { # best wall ms of "$@" > file, over $rounds runs
	local b=0 t0 t1 ms i
	for i in $(seq "$rounds"); do
		t0=$(now); "$@" > "$tmp/out"; t1=$(now)
		ms=$(( (t1 - t0) / 1000 ))
		{ [ "$b" = 0 ] || [ "$ms" -lt "$b" ]; } && b=$ms
	done
	echo "$b"
}

for mode in plain json; do
	opt=(); [ "$mode" = json ] && opt=(-j)
	"$ours" "${opt[@]}" map dump pinned "$dir/h" > "$tmp/ours.$mode"
	"$ref" "${opt[@]}" map dump pinned "$dir/h" > "$tmp/ref.$mode"
	if cmp -s "$tmp/ours.$mode" "$tmp/ref.$mode"; then same=identical; else same=DIFFERENT; fi
	o=$(best "$ours" "${opt[@]}" map dump pinned "$dir/h")
	r=$(best "$ref" "${opt[@]}" map dump pinned "$dir/h")
	printf '%-5s %d entries: ours %7.1f ms  reference %7.1f ms  ratio %.3f  output %s\n' \
		"$mode" "$n" "$(echo "$o / 1000" | bc -l)" "$(echo "$r / 1000" | bc -l)" \
		"$(echo "$o / $r" | bc -l)" "$same"
done
