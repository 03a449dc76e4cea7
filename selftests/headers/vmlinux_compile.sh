#!/usr/bin/env bash
# vmlinux_compile.sh BPFTOOL CLANG "CFLAGS" SRC OUTDIR
# Compiles SRC against a vmlinux.h dumped from the running kernel's BTF by
# the reference bpftool.  Exit 77 (skip) when bpftool or the BTF is absent.
set -u
bpftool=$1 clang=$2 cflags=$3 src=$4 out=$5

if [ -z "$bpftool" ] || [ ! -x "$bpftool" ]; then
	echo "SKIP: reference bpftool not found (apt-get install bpftool); vmlinux.h compile not tested"
	exit 77
fi
if [ ! -r /sys/kernel/btf/vmlinux ]; then
	echo "SKIP: /sys/kernel/btf/vmlinux not readable; vmlinux.h compile not tested"
	exit 77
fi
mkdir -p "$out" || exit 1
if ! "$bpftool" btf dump file /sys/kernel/btf/vmlinux format c > "$out/vmlinux.h.tmp"; then
	echo "FAIL: $bpftool could not dump /sys/kernel/btf/vmlinux"
	exit 1
fi
mv "$out/vmlinux.h.tmp" "$out/vmlinux.h"
# shellcheck disable=SC2086
if ! "$clang" $cflags -I"$out" -c "$src" -o "$out/hdr_vmlinux.bpf.o"; then
	echo "FAIL: $src does not compile against vmlinux.h"
	exit 1
fi
echo "ok: $src compiled against vmlinux.h ($(grep -c '^struct ' "$out/vmlinux.h") struct definitions)"
