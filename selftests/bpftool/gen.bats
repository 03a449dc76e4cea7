#!/usr/bin/env bats
# gen skeleton / subskeleton / object / min_core_btf.
load common

setup() {
	common_setup
	TMP=$(mktemp -d /tmp/bpfkit_gen.XXXXXX)
	OBJ=$BPFKIT_PROGS_DIR/core_task.bpf.o
}
teardown() {
	rm -rf "$TMP"
	common_teardown
}

@test "gen skeleton writes a header named after the object" {
	run "$BPFTOOL" gen skeleton "$OBJ"
	[ "$status" -eq 0 ]
	[[ "$output" == *"#ifndef __CORE_TASK_BPF_SKEL_H__"* ]]
	[[ "$output" == *"struct core_task_bpf {"* ]]
	[[ "$output" == *"core_task_bpf__open_and_load"* ]]
}

@test "gen skeleton name NAME and subskeleton" {
	run "$BPFTOOL" gen skeleton "$OBJ" name my_skel
	[ "$status" -eq 0 ]
	[[ "$output" == *"struct my_skel {"* ]]
	run "$BPFTOOL" gen subskeleton "$BPFKIT_PROGS_DIR/obj_globals.bpf.o" name lib_part
	[ "$status" -eq 0 ]
	[[ "$output" == *"__LIB_PART_SUBSKEL_H__"* ]]
}

@test "gen skeleton: same object and struct names as the reference" {
	require_ref
	"$BPFTOOL" gen skeleton "$OBJ" > "$TMP/ours.h"
	"$REF" gen skeleton "$OBJ" > "$TMP/ref.h"
	diff <(grep -E '^(struct|#ifndef|#define __)' "$TMP/ref.h" | sort -u) \
	     <(grep -E '^(struct|#ifndef|#define __)' "$TMP/ours.h" | sort -u)
}

@test "gen skeleton bad input" {
	run "$BPFTOOL" gen skeleton "$TMP/missing.o"
	assert_error "failed to stat() $TMP/missing.o"
	echo "not an object" > "$TMP/text.o"
	run "$BPFTOOL" gen skeleton "$TMP/text.o"
	assert_error "failed to generate skeleton"
	[[ "$output" != *"#ifndef"* ]]
	run "$BPFTOOL" -j gen skeleton "$TMP/text.o"
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"failed to generate skeleton'* ]]
	run "$BPFTOOL" gen skeleton
	assert_error "'skeleton' needs at least 1 arguments, 0 found"
	run "$BPFTOOL" gen skeleton "$OBJ" name
	assert_error "needs at least 2 arguments"
	run "$BPFTOOL" gen skeleton "$OBJ" bogus x
	assert_error "unknown arg bogus"
	run "$BPFTOOL" -L gen skeleton "$OBJ"
	assert_error "light skeletons (-L) are not supported"
	[[ "$output" != *"#ifndef"* ]]
	run "$BPFTOOL" gen nosuchcmd
	[ "$status" -ne 0 ]
	[[ "$output" == *"Usage:"* ]]
}

@test "gen object links objects or fails cleanly" {
	run "$BPFTOOL" gen object "$TMP/out.o" "$OBJ"
	if [ "$status" -ne 0 ]; then
		# the library may not have its static linker yet
		assert_error "failed to create BPF linker instance"
		[ ! -e "$TMP/out.o" ]
		if [ -n "$LIBBPF_SO" ] && nm -D "$LIBBPF_SO" 2>/dev/null | grep -q ' T bpf_linker__new'; then
			echo "the library has bpf_linker__new now: drop the '#pragma weak bpf_linker__*' lines of bpftool/gen.c"
			return 1
		fi
		skip "static linker not in this build: only the error path was tested"
	fi
	run "$BPFTOOL" gen skeleton "$TMP/out.o" name linked
	[ "$status" -eq 0 ]
}

@test "gen object bad input leaves no output file" {
	echo "not an object" > "$TMP/text.o"
	run "$BPFTOOL" gen object "$TMP/out.o" "$TMP/text.o"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	[ ! -e "$TMP/out.o" ]
	run "$BPFTOOL" gen object "$TMP/out.o"
	assert_error "'object' needs at least 2 arguments, 1 found"
}

@test "gen min_core_btf keeps exactly what the relocations use" {
	run "$BPFTOOL" gen min_core_btf /sys/kernel/btf/vmlinux "$TMP/min.btf" "$OBJ"
	[ "$status" -eq 0 ]
	[ -s "$TMP/min.btf" ]
	# far smaller than vmlinux
	[ "$(stat -c %s "$TMP/min.btf")" -lt 4096 ]
	# every relocation resolves to the same value against it as against vmlinux
	diff <("$BPFTOOL" core check "$OBJ" | grep -- ' -> ' | sed 's/target \[[0-9]*\].*//; s/absent in target.*//') \
	     <("$BPFTOOL" core check "$OBJ" btf "$TMP/min.btf" | grep -- ' -> ' | sed 's/target \[[0-9]*\].*//; s/absent in target.*//')
}

@test "gen min_core_btf: same types as the reference" {
	require_ref
	"$BPFTOOL" gen min_core_btf /sys/kernel/btf/vmlinux "$TMP/ours.btf" "$OBJ" "$BPFKIT_PROGS_DIR/core_reloc.bpf.o"
	"$REF" gen min_core_btf /sys/kernel/btf/vmlinux "$TMP/ref.btf" "$OBJ" "$BPFKIT_PROGS_DIR/core_reloc.bpf.o"
	diff <("$REF" btf dump file "$TMP/ref.btf") <("$REF" btf dump file "$TMP/ours.btf")
}

@test "gen min_core_btf output loads the object as its kernel BTF" {
	"$BPFTOOL" gen min_core_btf /sys/kernel/btf/vmlinux "$TMP/min.btf" "$OBJ"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/ct" kernel_btf "$TMP/min.btf"
	if [[ "$output" == *"not supported in this build"* ]]; then
		skip "prog load not in this build yet"
	fi
	[ "$status" -eq 0 ]
	rm -f "$PIN/ct"
}

@test "gen min_core_btf bad input" {
	run "$BPFTOOL" gen min_core_btf /nonexistent "$TMP/x.btf" "$OBJ"
	assert_error "failed parsing '/nonexistent' BTF file"
	echo "junk" > "$TMP/junk"
	run "$BPFTOOL" gen min_core_btf /sys/kernel/btf/vmlinux "$TMP/x.btf" "$TMP/junk"
	assert_error "failed to parse BPF object '$TMP/junk'"
	[ ! -e "$TMP/x.btf" ]
	run "$BPFTOOL" gen min_core_btf a b
	assert_error "'min_core_btf' needs at least 3 arguments, 2 found"
}
