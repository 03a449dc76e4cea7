#!/bin/sh
# check_btf_layout.sh OUR_PROBE PROBE_SOURCE CC WORKDIR
# Builds the same probe against a C dump of the running kernel's BTF and
# compares its output (sizes, member offsets, enum values) with the probe
# built against our headers.
set -eu
our_probe=$1 src=$2 cc=$3 work=$4
bpftool=${REF_BPFTOOL:-/usr/sbin/bpftool}
if [ ! -x "$bpftool" ]; then
	echo "SKIP: reference bpftool ($bpftool) not installed"
	exit 77
fi
if [ ! -r /sys/kernel/btf/vmlinux ]; then
	echo "SKIP: /sys/kernel/btf/vmlinux is not readable"
	exit 77
fi
mkdir -p "$work"
"$bpftool" btf dump file /sys/kernel/btf/vmlinux format c > "$work/vmlinux.h"
"$cc" -w -DPROBE_VMLINUX -I"$work" -o "$work/probe_kernel" "$src"
"$work/probe_kernel" > "$work/kernel.txt"
"$our_probe" > "$work/ours.txt"
n=$(wc -l < "$work/ours.txt")
if ! diff -u "$work/kernel.txt" "$work/ours.txt"; then
	echo "FAIL: our headers differ from the kernel BTF ($(uname -r)), see above"
	exit 1
fi
echo "ok: $n sizes, offsets and values agree with the BTF of $(uname -r)"
