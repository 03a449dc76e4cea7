#!/usr/bin/env bats
# examples/opensnoop: openat() events through a ring buffer or perf buffer.

load common

setup() {
	ex_require_root
	ex_mount_fs
	ex_bin opensnoop
	PROBE=$BATS_TEST_TMPDIR/opensnoop-probe-$$
}

teardown() {
	[ -n "${pid:-}" ] && ex_kill_wait "$pid"
	[ -n "${other:-}" ] && ex_kill_wait "$other"
	true
}

# snoop OPTIONS...: runs opensnoop, opens $PROBE with cat, and waits for it.
snoop() {
	"$BIN" "$@" -t 5 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^PID +COMM +FILE"
	echo hello > "$PROBE"
	# Opened a few times: on a busy machine a full buffer may lose one.
	for i in 1 2 3 4 5; do
		cat "$PROBE" > /dev/null
		ex_wait_for "$BATS_TEST_TMPDIR/out" "^[0-9]+ +cat +$PROBE$" 1 2>/dev/null && break
	done
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^[0-9]+ +cat +$PROBE$" 1
	ex_kill_wait "$pid"
	pid=
}

@test "opensnoop shows pid, comm and file (ring buffer)" {
	snoop
}

@test "opensnoop -P shows the same through a perf buffer" {
	snoop -P
}

@test "opensnoop -p PID leaves other processes out" {
	sleep 30 &
	other=$!
	"$BIN" -p "$other" -t 2 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^PID +COMM +FILE"
	cat /etc/hostname > /dev/null
	wait "$pid"
	pid=
	! grep -qE "^[0-9]+ +cat " "$BATS_TEST_TMPDIR/out"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/out")" -eq 1 ]
}

@test "opensnoop exits cleanly on SIGINT" {
	"$BIN" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^PID +COMM +FILE"
	kill -INT "$pid"
	wait "$pid"
	pid=
}

@test "opensnoop rejects bad options" {
	run "$BIN" -p abc
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid pid 'abc'"* ]]
	run "$BIN" -q
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}
