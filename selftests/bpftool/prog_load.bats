#!/usr/bin/env bats
# prog load / loadall: pinning, forced types, map reuse, pinmaps,
# autoattach, and nothing left pinned when something is wrong.
load common

setup() {
	common_setup
	OBJ=$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o
}
teardown() { common_teardown; }

json_field() {	# json_field KEY: the first numeric value of KEY on stdin
	grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2
}

@test "load pins the first program; show describes it" {
	run "$BPFTOOL" prog load "$OBJ" "$PIN/first"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$BPFTOOL" prog show pinned "$PIN/first"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^[0-9]+:\ xdp\ \ name\ xdp_count\ \ tag\ [0-9a-f]{16}\ \ gpl$ ]]
	run "$BPFTOOL" -j prog load "$OBJ" "$PIN/second"
	[ "$output" = "null" ]
}

@test "loadall pins every program under the directory and maps with pinmaps" {
	run "$BPFTOOL" prog loadall "$OBJ" "$PIN/all" pinmaps "$PIN/maps"
	[ "$status" -eq 0 ]
	[ -e "$PIN/all/xdp_count" ] && [ -e "$PIN/all/xdp_pass" ] && [ -e "$PIN/all/sock_printk" ]
	[ -e "$PIN/maps/counts" ] && [ -e "$PIN/maps/jumps" ]
	run "$BPFTOOL" prog show pinned "$PIN/all/sock_printk"
	[[ "${lines[0]}" == *" socket_filter  name sock_printk "* ]]
}

@test "type forces the program type" {
	run "$BPFTOOL" prog load "$OBJ" "$PIN/sock" type socket
	[ "$status" -eq 0 ]
	run "$BPFTOOL" prog show pinned "$PIN/sock"
	[[ "${lines[0]}" == *" socket_filter  name xdp_count "* ]]
	run "$BPFTOOL" prog load "$OBJ" "$PIN/cls" type classifier
	[ "$status" -eq 0 ]
	run "$BPFTOOL" prog show pinned "$PIN/cls"
	[[ "${lines[0]}" == *" sched_cls  name xdp_count "* ]]
}

@test "map name/idx reuses an existing map" {
	"$BPFTOOL" map create "$PIN/counts" type hash key 4 value 8 entries 16 name counts
	mid=$("$BPFTOOL" -j map show pinned "$PIN/counts" | json_field id)
	run "$BPFTOOL" prog load "$OBJ" "$PIN/byname" map name counts pinned "$PIN/counts"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" prog show pinned "$PIN/byname"
	[[ "$output" == *"map_ids $mid,"* || "$output" == *",$mid,"* || "$output" == *",$mid"$'\n'* ]]
	run "$BPFTOOL" prog load "$OBJ" "$PIN/byidx" map idx 0 id "$mid"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" prog show pinned "$PIN/byidx"
	[[ "$output" == *"$mid"* ]]
}

@test "loadall autoattach pins links for attachable programs" {
	run "$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_tp.bpf.o" "$PIN/tp" autoattach
	[ "$status" -eq 0 ]
	run "$BPFTOOL" link show pinned "$PIN/tp/tp_getppid"
	[ "$status" -eq 0 ]
	[[ "$output" == *"tracepoint"* ]]
	# programs without an attach point fall back to a pinned program
	run "$BPFTOOL" prog load "$OBJ" "$PIN/xdp" autoattach
	[ "$status" -eq 0 ]
	run "$BPFTOOL" prog show pinned "$PIN/xdp"
	[ "$status" -eq 0 ]
}

@test "load rejects bad input and leaves nothing pinned" {
	run "$BPFTOOL" prog load "$OBJ"
	assert_error "'load' needs at least 2 arguments, 1 found"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" type nosuchtype
	assert_error "nosuchtype"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" type xdp type xdp
	assert_error "program type already specified"
	run "$BPFTOOL" prog load /etc/passwd "$PIN/x"
	assert_error "failed to open object file"
	run "$BPFTOOL" prog load "$BPFKIT_PROGS_DIR/does_not_exist.o" "$PIN/x"
	assert_error "failed to open object file"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" bogus
	assert_error "expected no more arguments, 'type', 'map' or 'dev', got: 'bogus'?"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" map name nosuchmap id 4294967295
	assert_error "4294967295"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" map foo 1 id 1
	assert_error "expected 'idx' or 'name', got: 'foo'?"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" map idx abc id 1
	assert_error "can't parse abc as IDX"
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 1 name bats_lm
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" map name nosuchmap pinned "$PIN/m"
	assert_error "unable to find map 'nosuchmap'"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/x" map idx 99 pinned "$PIN/m"
	assert_error "map idx '99' not used"
	run "$BPFTOOL" -j prog load /etc/passwd "$PIN/x"
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"failed to open object file"}'* ]]
	[ ! -e "$PIN/x" ]
}

@test "load of an incompatible map replacement fails without pinning" {
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 1 name bats_lm2
	run "$BPFTOOL" prog loadall "$OBJ" "$PIN/dir" map name counts pinned "$PIN/m"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	[ ! -e "$PIN/dir" ]
}

@test "load to an existing pin path fails and the first pin stays" {
	"$BPFTOOL" prog load "$OBJ" "$PIN/dup"
	run "$BPFTOOL" prog load "$OBJ" "$PIN/dup"
	assert_error "failed to pin program"
	run "$BPFTOOL" prog show pinned "$PIN/dup"
	[ "$status" -eq 0 ]
}

@test "an object the verifier rejects is not pinned and leaves no program" {
	run "$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/obj_bad_verifier.bpf.o" "$PIN/bad"
	assert_error "failed to load object file"
	[ ! -e "$PIN/bad" ]
	# no program of that name exists: nothing printed, non-zero as the reference
	run "$BPFTOOL" prog show name rejected_prog
	[ "$status" -ne 0 ]
	[ -z "$output" ]
	run "$BPFTOOL" -j prog load "$BPFKIT_PROGS_DIR/obj_bad_verifier.bpf.o" "$PIN/bad1"
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"failed to load object file"}'* ]]
	[ ! -e "$PIN/bad1" ]
}

@test "kernel_btf points CO-RE at a BTF file; a bad one fails cleanly" {
	run "$BPFTOOL" prog load "$BPFKIT_PROGS_DIR/core_task.bpf.o" "$PIN/core" kernel_btf /sys/kernel/btf/vmlinux
	[ "$status" -eq 0 ]
	[ -e "$PIN/core" ]
	run "$BPFTOOL" prog load "$BPFKIT_PROGS_DIR/core_task.bpf.o" "$PIN/core2" kernel_btf /nonexistent/vmlinux
	assert_error "failed to load object file"
	[ ! -e "$PIN/core2" ]
	run "$BPFTOOL" prog load "$BPFKIT_PROGS_DIR/core_task.bpf.o" "$PIN/core3" kernel_btf /etc/passwd
	assert_error "failed to load object file"
	[ ! -e "$PIN/core3" ]
	run "$BPFTOOL" prog load "$BPFKIT_PROGS_DIR/core_task.bpf.o" "$PIN/core4" kernel_btf
	assert_error "needs at least 1 arguments"
}
