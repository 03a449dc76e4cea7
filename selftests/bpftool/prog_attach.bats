#!/usr/bin/env bats
# prog attach / detach, tracelog, profile, and the prog dispatcher itself.
load common

setup() {
	common_setup
	"$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_attach.bpf.o" "$PIN/a" pinmaps "$PIN/m"
}
teardown() { common_teardown; }

@test "attach and detach sockmap programs" {
	for t in "skb_verdict sk_skb_stream_verdict" "skb_parser sk_skb_stream_parser" \
		 "msg_verdict sk_msg_verdict" "skb_verdict sk_skb_verdict"; do
		set -- $t
		run "$BPFTOOL" prog attach pinned "$PIN/a/$1" "$2" pinned "$PIN/m/socks"
		[ "$status" -eq 0 ]
		run "$BPFTOOL" -j prog detach pinned "$PIN/a/$1" "$2" pinned "$PIN/m/socks"
		[ "$status" -eq 0 ]
		[ "$output" = "null" ]
		run "$BPFTOOL" prog detach pinned "$PIN/a/$1" "$2" pinned "$PIN/m/socks"
		assert_error "failed prog detach from map"
	done
}

@test "the reference sees and undoes what we attach" {
	require_ref
	run "$BPFTOOL" prog attach pinned "$PIN/a/msg_verdict" sk_msg_verdict pinned "$PIN/m/socks"
	[ "$status" -eq 0 ]
	run "$REF" prog detach pinned "$PIN/a/msg_verdict" sk_msg_verdict pinned "$PIN/m/socks"
	[ "$status" -eq 0 ]
	run "$REF" prog attach pinned "$PIN/a/skb_parser" sk_skb_stream_parser pinned "$PIN/m/socks"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" prog detach pinned "$PIN/a/skb_parser" sk_skb_stream_parser pinned "$PIN/m/socks"
	[ "$status" -eq 0 ]
}

@test "attach flow_dissector to a fresh network namespace" {
	command -v unshare >/dev/null || skip "unshare not installed"
	run unshare -n sh -c "'$BPFTOOL' prog attach pinned '$PIN/a/dissect' flow_dissector &&
		'$BPFTOOL' prog detach pinned '$PIN/a/dissect' flow_dissector"
	[ "$status" -eq 0 ]
}

@test "attach rejects bad input" {
	run "$BPFTOOL" prog attach pinned "$PIN/a/skb_verdict" bogus_type pinned "$PIN/m/socks"
	assert_error "invalid attach/detach type"
	run "$BPFTOOL" prog attach pinned "$PIN/a/skb_verdict" sk_skb_stream_verdict
	assert_error "needs at least 2 arguments"
	run "$BPFTOOL" prog attach pinned "$PIN/m/socks" sk_skb_stream_verdict pinned "$PIN/m/socks"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	run "$BPFTOOL" prog attach pinned "$PIN/a/skb_verdict" sk_skb_stream_verdict pinned "$PIN/a/skb_verdict"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	run "$BPFTOOL" prog attach pinned "$PIN/a/skb_verdict" sk_msg_verdict pinned "$PIN/m/socks"
	assert_error "failed prog attach to map"
	run "$BPFTOOL" prog attach id abc sk_msg_verdict pinned "$PIN/m/socks"
	assert_error "can't parse abc as ID"
	run "$BPFTOOL" -j prog detach pinned "$PIN/a/skb_verdict" nope x y
	[[ "$output" == *'"error":"invalid attach/detach type"'* ]]
}

@test "tracelog shows bpf_printk output" {
	"$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o" "$PIN/p"
	printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd' > "$BATS_TEST_TMPDIR/pkt"
	timeout 4 "$BPFTOOL" prog tracelog > "$BATS_TEST_TMPDIR/trace" &
	tpid=$!
	for i in 1 2 3 4 5 6; do
		sleep 0.5
		"$BPFTOOL" prog run pinned "$PIN/p/sock_printk" data_in "$BATS_TEST_TMPDIR/pkt" >/dev/null
	done
	wait $tpid || true
	grep -q "len 26" "$BATS_TEST_TMPDIR/trace"
	# JSON: an array of lines, closed when the signal ends the command
	timeout 3 "$BPFTOOL" -j prog tracelog > "$BATS_TEST_TMPDIR/trace.json" &
	tpid=$!
	for i in 1 2 3 4; do
		sleep 0.5
		"$BPFTOOL" prog run pinned "$PIN/p/sock_printk" data_in "$BATS_TEST_TMPDIR/pkt" >/dev/null
	done
	wait $tpid || true	# 124: timeout fired, as intended
	run cat "$BATS_TEST_TMPDIR/trace.json"
	[[ "$output" == '["'* ]]
	[[ "$output" == *'len 26\n"'* ]]
	[[ "$output" == *']' ]]
}

@test "tracelog rejects arguments" {
	run "$BPFTOOL" prog tracelog extra
	assert_error "extra"
}

@test "profile fails clearly where fentry/fexit is refused" {
	"$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o" "$PIN/p"
	run "$BPFTOOL" prog profile pinned "$PIN/p/xdp_pass" duration 1 cycles instructions
	if [ "$status" -eq 0 ]; then
		[[ "$output" == *"run_cnt"* ]]
		return
	fi
	assert_error "fentry/fexit"
	run "$BPFTOOL" -j prog profile pinned "$PIN/p/xdp_pass" duration 1 cycles
	[[ "$output" == *'"error":"failed to load the profiler'* ]]
}

@test "profile rejects bad input" {
	"$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o" "$PIN/p"
	run "$BPFTOOL" prog profile pinned "$PIN/p/xdp_pass" cycles bogus
	assert_error "unknown metric 'bogus'"
	run "$BPFTOOL" prog profile pinned "$PIN/p/xdp_pass" cycles cycles
	assert_error "duplicated metric"
	run "$BPFTOOL" prog profile pinned "$PIN/p/xdp_pass" duration x cycles
	assert_error "can't parse x as duration"
	run "$BPFTOOL" prog profile pinned "$PIN/p/xdp_pass"
	assert_error "needs at least 3 arguments"
}

@test "unknown prog subcommand is an error" {
	run "$BPFTOOL" prog frobnicate
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* || "$output" == *"Usage:"* ]]
	run "$BPFTOOL" -j prog frobnicate
	[ "$status" -ne 0 ]
}
