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
	run "$BPFTOOL" -L gen subskeleton "$OBJ"
	assert_error "cannot use loader for subskeletons"
	[[ "$output" != *"#ifndef"* ]]
	run "$BPFTOOL" gen nosuchcmd
	[ "$status" -ne 0 ]
	[[ "$output" == *"Usage:"* ]]
}

@test "gen object links objects; the result loads and has every program" {
	run "$BPFTOOL" gen object "$TMP/out.o" "$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o" \
		"$BPFKIT_PROGS_DIR/bpftool_misc_cgroup.bpf.o"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$BPFTOOL" gen skeleton "$TMP/out.o" name linked
	[ "$status" -eq 0 ]
	[[ "$output" == *"struct bpf_program *misc_xdp;"* ]]
	[[ "$output" == *"struct bpf_program *misc_cg_ingress;"* ]]
	run "$BPFTOOL" prog loadall "$TMP/out.o" "$PIN/linked"
	[ "$status" -eq 0 ]
	[ "$(ls "$PIN/linked" | tr '\n' ' ')" = "misc_cg_egress misc_cg_ingress misc_flow misc_tc misc_xdp " ]
	if have_ref; then
		# the reference's libbpf reads what our linker wrote, and links the same programs
		"$REF" gen object "$TMP/ref.o" "$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o" \
			"$BPFKIT_PROGS_DIR/bpftool_misc_cgroup.bpf.o"
		diff <("$REF" gen skeleton "$TMP/ref.o" name linked | grep -E '^\s+struct bpf_(program|map|link) \*') \
		     <("$REF" gen skeleton "$TMP/out.o" name linked | grep -E '^\s+struct bpf_(program|map|link) \*')
	fi
	# CO-RE records survive linking
	"$BPFTOOL" gen object "$TMP/core.o" "$OBJ"
	diff <("$BPFTOOL" core check "$OBJ" | grep -- ' -> ') <("$BPFTOOL" core check "$TMP/core.o" | grep -- ' -> ')
}

@test "gen object bad input leaves no output file" {
	echo "not an object" > "$TMP/text.o"
	run "$BPFTOOL" gen object "$TMP/out.o" "$OBJ" "$TMP/text.o"
	assert_error "failed to link '$TMP/text.o': Invalid argument (22)"
	[ ! -e "$TMP/out.o" ]
	run "$BPFTOOL" gen object "$TMP/out.o" "$TMP/missing.o"
	assert_error "failed to link '$TMP/missing.o'"
	[ ! -e "$TMP/out.o" ]
	# the same object twice: its symbols clash
	run "$BPFTOOL" gen object "$TMP/out.o" "$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o" \
		"$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o"
	assert_error "failed to link"
	[ ! -e "$TMP/out.o" ]
	run "$BPFTOOL" gen object "$TMP/nodir/out.o" "$OBJ"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
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
