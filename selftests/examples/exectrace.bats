#!/usr/bin/env bats
# examples/exectrace: exec/exit events from a ring buffer, -d filter.

load common

setup() {
	ex_require_root
	ex_mount_fs
	ex_bin exectrace
	# Programs with names of our own, so their events are ours.
	T=et$$
	cp /bin/sleep "$BATS_TEST_TMPDIR/${T}s"
	cp /bin/false "$BATS_TEST_TMPDIR/${T}f"
}

teardown() {
	[ -n "${pid:-}" ] && ex_kill_wait "$pid"
	true
}

@test "exectrace reports exec with path and exit with code" {
	"$BIN" -t 4 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^TIME +EVENT"
	"$BATS_TEST_TMPDIR/${T}s" 0.1
	"$BATS_TEST_TMPDIR/${T}f" || true
	ex_wait_for "$BATS_TEST_TMPDIR/out" "EXIT +${T}f .*\[1\]"
	wait "$pid"
	pid=
	grep -E "EXEC +${T}s +[0-9]+ +[0-9]+ +$BATS_TEST_TMPDIR/${T}s$" "$BATS_TEST_TMPDIR/out"
	grep -E "EXIT +${T}s +[0-9]+ +[0-9]+ +\[0\] \([0-9]+ms\)" "$BATS_TEST_TMPDIR/out"
	grep -E "EXEC +${T}f .*/${T}f$" "$BATS_TEST_TMPDIR/out"
}

@test "exectrace -d MS keeps only exits of long enough processes" {
	"$BIN" -d 300 -t 4 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^TIME +EVENT"
	"$BATS_TEST_TMPDIR/${T}f" || true
	"$BATS_TEST_TMPDIR/${T}s" 0.5
	ex_wait_for "$BATS_TEST_TMPDIR/out" "EXIT +${T}s "
	wait "$pid"
	pid=
	ms=$(grep -E "EXIT +${T}s " "$BATS_TEST_TMPDIR/out" | sed -E 's/.*\(([0-9]+)ms\).*/\1/')
	[ "$ms" -ge 300 ]
	! grep -q "${T}f" "$BATS_TEST_TMPDIR/out"
	! grep -q " EXEC " "$BATS_TEST_TMPDIR/out"
}

@test "exectrace exits cleanly on SIGINT" {
	"$BIN" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^TIME +EVENT"
	kill -INT "$pid"
	wait "$pid"
	pid=
}

@test "exectrace rejects bad options" {
	run "$BIN" -d
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
	run "$BIN" -d 10ms
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid duration '10ms'"* ]]
	run "$BIN" -d -5
	[ "$status" -eq 2 ]
	run "$BIN" --bogus
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}
