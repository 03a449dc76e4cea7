#!/usr/bin/env bash
# bench/bpftool_btf/run.sh [bpftool] [rounds]
#
# `btf dump file /sys/kernel/btf/vmlinux` in format c and format raw (and
# raw under -j), ours against the reference /usr/sbin/bpftool: best wall
# time and peak RSS of ROUNDS alternating runs each (GNU time -v when
# installed, else bash's clock and no RSS), the ratio ours/reference, and
# whether the outputs are identical (format c: apart from the mode(byte)
# that libbpf >= 1.2 puts on 1-byte enums).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ours=${1:-$here/../../build/bpftool/bpftool}
rounds=${2:-5}
ref=/usr/sbin/bpftool
vmlinux=/sys/kernel/btf/vmlinux
[ -x "$ref" ] || { echo "reference bpftool not installed: nothing to compare"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_once OUT CMD...: prints "wall_ms rss_kb"
run_once() {
	local out=$1; shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > "$out"
		awk '{ printf "%d %d\n", $1 * 1000, $2 }' "$tmp/time"
	else
		local t0 t1
		t0=$(date +%s%N); "$@" > "$out"; t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000000 )) 0"
	fi
}

# /usr/bin/time has 10 ms resolution: time with date for wall, keep its RSS.
measure() { # measure OUT CMD... -> "best_ms max_rss_kb"
	local out=$1; shift
	local best=0 rss=0 i t0 t1 ms r
	for i in $(seq "$rounds"); do
		t0=$(date +%s%N)
		r=$(run_once "$out" "$@")
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000 ))
		{ [ "$best" = 0 ] || [ "$ms" -lt "$best" ]; } && best=$ms
		[ "${r#* }" -gt "$rss" ] && rss=${r#* }
	done
	echo "$best $rss"
}

for mode in c raw json; do
	case $mode in
	c) args=(btf dump file $vmlinux format c) ;;
	raw) args=(btf dump file $vmlinux format raw) ;;
	json) args=(-j btf dump file $vmlinux) ;;
	esac
	o=$(measure "$tmp/ours" "$ours" "${args[@]}")
	r=$(measure "$tmp/ref" "$ref" "${args[@]}")
	if [ $mode = c ]; then
		sed -i 's/^} __attribute__((mode(byte)));$/};/' "$tmp/ours"
	fi
	if cmp -s "$tmp/ours" "$tmp/ref"; then same=identical; else same=DIFFERENT; fi
	printf '%-4s ours %6.1f ms %6d KB   reference %6.1f ms %6d KB   time ratio %.2f  rss ratio %.2f  output %s\n' \
		"$mode" "$(echo "${o% *} / 1000" | bc -l)" "${o#* }" \
		"$(echo "${r% *} / 1000" | bc -l)" "${r#* }" \
		"$(echo "${o% *} / ${r% *}" | bc -l)" "$(echo "${o#* } / ${r#* }" | bc -l)" "$same"
done
