#!/usr/bin/env bats
# examples/uprobe: entry/return probes on the program's own function and
# on libc's malloc.

load common

setup() {
	ex_require_root
	ex_mount_fs
	ex_bin uprobe
}

@test "uprobe sees traced_add's arguments and return value" {
	run "$BIN" -n 3
	[ "$status" -eq 0 ]
	[[ "$output" == *"pid "*": traced_add(1, 2)"* ]]
	[[ "$output" == *": traced_add returned 3"* ]]
	[[ "$output" == *": traced_add(2, 4)"* ]]
	[[ "$output" == *": traced_add returned 6"* ]]
}

@test "uprobe sees malloc's size and returned pointer in libc" {
	# AddressSanitizer's malloc replaces libc's: nothing calls the probed one.
	ex_sanitized && skip "ASan build: libc's malloc is not called"
	run "$BIN" -n 2
	[ "$status" -eq 0 ]
	[[ "$output" == *"malloc in "*libc* ]]
	[[ "$output" == *": malloc(1001)"* ]]
	echo "$output" | grep -E ": malloc returned 0x[0-9a-f]+$"
}

@test "uprobe stops after -t and on SIGINT" {
	run "$BIN" -t 1
	[ "$status" -eq 0 ]
	"$BIN" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "traced_add returned"
	kill -INT "$pid"
	wait "$pid"
}

@test "uprobe rejects bad options" {
	run "$BIN" -n many
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid count 'many'"* ]]
	run "$BIN" -z
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}
