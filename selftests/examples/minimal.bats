#!/usr/bin/env bats
# examples/minimal: a tracepoint counting write() calls, read from .bss.

load common

setup() {
	ex_require_root
	ex_mount_fs
	ex_bin minimal
}

@test "minimal counts its own writes and stops after -t" {
	run "$BIN" -t 2
	[ "$status" -eq 0 ]
	[[ "$output" == *"counting write() calls of this process"* ]]
	# One line per second plus the last: each was a write the program saw
	# before the next line read the counter.
	last=$(echo "$output" | grep '^writes counted:' | tail -1 | awk '{print $3}')
	[ "$last" -ge 2 ]
}

@test "minimal's bpf_printk lines reach the trace buffer" {
	local tr=/sys/kernel/tracing attempt found= busy=
	[ -r $tr/trace_pipe ] || skip "tracefs not readable"
	# Other readers of trace_pipe (tests running in parallel) consume
	# lines, so read the pipe too, keep the buffer, and try again.
	for attempt in 1 2 3; do
		timeout 4 cat $tr/trace_pipe > "$BATS_TEST_TMPDIR/pipe" 2> "$BATS_TEST_TMPDIR/pipe.err" &
		reader=$!
		run "$BIN" -t 1
		[ "$status" -eq 0 ]
		sleep 0.5
		if grep -q "minimal: write() number" "$BATS_TEST_TMPDIR/pipe" $tr/trace; then
			found=1
		fi
		ex_kill_wait "$reader"
		grep -qi busy "$BATS_TEST_TMPDIR/pipe.err" && busy=1
		[ -n "$found" ] && break
	done
	# Only one reader may hold trace_pipe, and it takes every line.
	[ -n "$found" ] || [ -z "$busy" ] || skip "trace_pipe is held by another reader"
	[ -n "$found" ]
}

@test "minimal -a counts other processes too" {
	"$BIN" -a -t 2 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "every process"
	for i in 1 2 3 4 5 6 7 8 9 10; do echo x > /dev/null; done
	wait "$pid"
	last=$(grep '^writes counted:' "$BATS_TEST_TMPDIR/out" | tail -1 | awk '{print $3}')
	[ "$last" -ge 10 ]
}

@test "minimal exits cleanly on SIGINT" {
	"$BIN" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^writes counted"
	kill -INT "$pid"
	wait "$pid"
	grep -q "^writes counted" "$BATS_TEST_TMPDIR/out"
}

@test "minimal rejects bad options" {
	run "$BIN" -x
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
	run "$BIN" -t soon
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid number of seconds 'soon'"* ]]
	run "$BIN" extra
	[ "$status" -eq 2 ]
	[[ "$output" == *"unexpected argument 'extra'"* ]]
}
