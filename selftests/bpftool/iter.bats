#!/usr/bin/env bats
# iter pin: a task iterator and a map element iterator, read through their pins.
load common

setup() {
	common_setup
	TMP=$(mktemp -d /tmp/bpfkit_iter.XXXXXX)
}
teardown() {
	rm -rf "$TMP"
	common_teardown
}

@test "iter pin a task iterator and read it" {
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter.bpf.o" "$PIN/task"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run cat "$PIN/task"
	[ "${lines[0]}" = "bpfkit iter task" ]
	run "$BPFTOOL" -j link show pinned "$PIN/task"
	[[ "$output" == *'"type":"iter"'* ]]
	[[ "$output" == *'"target_name":"task"'* ]]
	rm "$PIN/task"
	# under -j a successful pin prints nothing, as the reference
	run "$BPFTOOL" -j iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter.bpf.o" "$PIN/task2"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "iter pin a map element iterator over MAP" {
	"$BPFTOOL" map create "$PIN/m" type hash key 4 value 4 entries 4 name bk_iter_m
	"$BPFTOOL" map update pinned "$PIN/m" key 1 0 0 0 value 7 0 0 0
	"$BPFTOOL" map update pinned "$PIN/m" key 2 0 0 0 value 9 0 0 0
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter_map.bpf.o" "$PIN/elems" map pinned "$PIN/m"
	[ "$status" -eq 0 ]
	run sort "$PIN/elems"
	[ "$output" = $'1=7\n2=9' ]
}

@test "iter pin: same file content as with the reference" {
	require_ref
	"$REF" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter.bpf.o" "$PIN/ref"
	"$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter.bpf.o" "$PIN/ours"
	[ "$(head -1 "$PIN/ref")" = "$(head -1 "$PIN/ours")" ]
}

@test "iter pin bad input: nothing pinned" {
	echo junk > "$TMP/junk.o"
	run "$BPFTOOL" iter pin "$TMP/junk.o" "$PIN/x"
	assert_error "can't open objfile $TMP/junk.o"
	run "$BPFTOOL" iter pin "$TMP/missing.o" "$PIN/x"
	assert_error "can't open objfile $TMP/missing.o"
	# not an iterator program
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o" "$PIN/x"
	assert_error "attach_iter failed for program misc_xdp"
	# a map iterator needs its map
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter_map.bpf.o" "$PIN/x"
	assert_error "attach_iter failed for program misc_iter_map"
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter_map.bpf.o" "$PIN/x" map id 4294967295
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	[ ! -e "$PIN/x" ]
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter.bpf.o" "$TMP/nodir/x"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	run "$BPFTOOL" iter pin "$BPFKIT_PROGS_DIR/bpftool_misc_iter.bpf.o"
	assert_error "'pin' needs at least 2 arguments, 1 found"
	run "$BPFTOOL" -j iter pin "$TMP/junk.o" "$PIN/x"
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"can'"'"'t open objfile '* ]]
	run "$BPFTOOL" iter frob
	[ "$status" -ne 0 ]
}
