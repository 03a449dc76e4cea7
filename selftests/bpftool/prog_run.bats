#!/usr/bin/env bats
# prog run (BPF_PROG_TEST_RUN): input/output files, stdin/stdout, JSON.
load common

setup() {
	common_setup
	"$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o" "$PIN/p"
	printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd' > "$BATS_TEST_TMPDIR/pkt"
}
teardown() { common_teardown; }

@test "run prints the return value and duration" {
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^Return\ value:\ 2,\ duration:\ [0-9]+ns$ ]]
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt" repeat 10
	[[ "$output" =~ ^Return\ value:\ 2,\ duration\ \(average\):\ [0-9]+ns$ ]]
}

@test "run writes data_out to a file and to stdout like the reference" {
	"$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt" \
		data_out "$BATS_TEST_TMPDIR/out"
	cmp "$BATS_TEST_TMPDIR/pkt" "$BATS_TEST_TMPDIR/out"
	ours=$("$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in - data_out - < "$BATS_TEST_TMPDIR/pkt")
	[[ "$ours" == *"0000000	4142 4344 4546 4748 494a 4b4c 4d4e 4f50 | ABCDEFGH IJKLMNOP"* ]]
	require_ref
	theirs=$("$REF" prog run pinned "$PIN/p/xdp_count" data_in - data_out - < "$BATS_TEST_TMPDIR/pkt")
	[ "${ours%duration*}" = "${theirs%duration*}" ]
}

@test "run under -j gives data_out, retval and duration" {
	run "$BPFTOOL" -j prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt" data_out -
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^\{\"data_out\":\[65,66,67,.*\],\"retval\":2,\"duration\":[0-9]+\}$ ]]
}

@test "run of a socket filter honours data_size_out" {
	run "$BPFTOOL" prog run pinned "$PIN/p/sock_printk" data_in "$BATS_TEST_TMPDIR/pkt" \
		data_out - data_size_out 64
	[ "$status" -eq 0 ]
	[[ "$output" == *"Return value: "* ]]
}

@test "run passes a context in and out (socket filter __sk_buff)" {
	head -c 192 /dev/zero > "$BATS_TEST_TMPDIR/ctx"
	run "$BPFTOOL" prog run pinned "$PIN/p/sock_printk" data_in "$BATS_TEST_TMPDIR/pkt" \
		ctx_in "$BATS_TEST_TMPDIR/ctx" ctx_out "$BATS_TEST_TMPDIR/ctx_out"
	[ "$status" -eq 0 ]
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/ctx_out")" -eq 192 ]
	ours=$("$BPFTOOL" prog run pinned "$PIN/p/sock_printk" data_in "$BATS_TEST_TMPDIR/pkt" \
		ctx_in "$BATS_TEST_TMPDIR/ctx" ctx_out -)
	[[ "$ours" == "0000000	0000 0000 "* ]]
	require_ref
	theirs=$("$REF" prog run pinned "$PIN/p/sock_printk" data_in "$BATS_TEST_TMPDIR/pkt" \
		ctx_in "$BATS_TEST_TMPDIR/ctx" ctx_out -)
	[ "${ours%duration*}" = "${theirs%duration*}" ]
}

@test "run rejects bad input" {
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count"
	assert_error "'run' needs at least 4 arguments"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in /nonexistent/file
	assert_error "failed to open /nonexistent/file"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in - ctx_in -
	assert_error "both data_in and ctx_in cannot be read from stdin"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt" repeat x
	assert_error "can't parse x as repeat number"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt" data_size_out abc
	assert_error "can't parse abc as output data size"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/pkt" bogus 1
	assert_error "got: 'bogus'?"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data "$BATS_TEST_TMPDIR/pkt"
	assert_error "ambiguous"
	: > "$BATS_TEST_TMPDIR/empty"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/empty"
	assert_error "empty"
	printf 'short' > "$BATS_TEST_TMPDIR/short"
	run "$BPFTOOL" prog run pinned "$PIN/p/xdp_count" data_in "$BATS_TEST_TMPDIR/short"
	assert_error "failed to run program"
	run "$BPFTOOL" prog run id 4294967295 data_in "$BATS_TEST_TMPDIR/pkt"
	assert_error "4294967295"
}
