#!/usr/bin/env bats
# Loader conformance: the instructions the kernel reports after load
# (prog dump xlated) are the same whether an object was loaded by our
# library or by the reference (bpftool 7.1 on libbpf 1.1), map ids aside.

load ../bpftool/common

setup() {
	common_setup
	require_ref
}

teardown() {
	common_teardown
}

normalized_xlated() {
	"$BPFTOOL" prog dump xlated pinned "$1" | sed -E 's/map\[id:[0-9]+\]/map[id:N]/g'
}

# Loads OBJ with both tools and compares every program both loaded.
compare_object() {
	local obj=$BPFKIT_PROGS_DIR/$1 compared=0 p
	mkdir -p "$PIN/ours" "$PIN/ref"
	if ! "$REF" prog loadall "$obj" "$PIN/ref" 2>/dev/null; then
		echo "# reference cannot load $1: nothing to compare" >&3
		return 0
	fi
	run "$BPFTOOL" prog loadall "$obj" "$PIN/ours"
	[ "$status" -eq 0 ] || { echo "ours failed on $1 where the reference loaded it: $output"; return 1; }
	for p in "$PIN"/ref/*; do
		p=$(basename "$p")
		[ -e "$PIN/ours/$p" ] || { echo "program $p of $1 missing from our load"; return 1; }
		diff <(normalized_xlated "$PIN/ref/$p") <(normalized_xlated "$PIN/ours/$p") ||
			{ echo "xlated differs: $1 program $p"; return 1; }
		compared=$((compared + 1))
	done
	[ "$compared" -gt 0 ]
}

@test "subprograms, callbacks and calls (obj_subprogs)" { compare_object obj_subprogs.bpf.o; }
@test "global data .data/.rodata/.bss (obj_globals)" { compare_object obj_globals.bpf.o; }
@test "BTF-defined maps of many kinds (obj_maps)" { compare_object obj_maps.bpf.o; }
@test "string sections (obj_strings)" { compare_object obj_strings.bpf.o; }
@test "bloom filter maps (obj_bloom)" { compare_object obj_bloom.bpf.o; }
@test "CO-RE reads of task_struct (core_task)" { compare_object core_task.bpf.o; }
@test "xdp and tc programs (dropin_net)" { compare_object dropin_net.bpf.o; }
@test "helper-heavy program (hdr_helpers)" { compare_object hdr_helpers.bpf.o; }
@test "bpftool test program (bpftool_prog)" { compare_object bpftool_prog.bpf.o; }
