#!/usr/bin/env bats
# examples/tc: tcx link or classic clsact filter on a veth's ingress.

load common

setup() {
	ex_require_root
	ex_bin tc
	ex_netns_up
}

teardown() {
	[ -n "${pid:-}" ] && ex_kill_wait "$pid"
	ex_netns_down
}

# last FIELD: the last value of FIELD=N printed.
last() {
	grep -oE "$1=[0-9]+" "$BATS_TEST_TMPDIR/out" | tail -1 | cut -d= -f2
}

@test "tc counts and marks ingress packets through a tcx link" {
	ip netns exec "$NS_A" "$BIN" -m 0x42 -t 3 "$IF_A" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "tcx link"
	grep -q "marking them 0x42" "$BATS_TEST_TMPDIR/out"
	ex_traffic 3
	wait "$pid"
	pid=
	[ "$(last ipv4)" -ge 3 ]
	[ "$(last marked)" -ge 3 ]
	[ "$(last packets)" -ge "$(last ipv4)" ]
	[ "$(last bytes)" -gt 0 ]
}

@test "tc -L uses a clsact filter and removes its qdisc" {
	ip netns exec "$NS_A" "$BIN" -L -t 3 "$IF_A" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "clsact filter"
	ip netns exec "$NS_A" tc qdisc show dev "$IF_A" | grep -q clsact
	ex_traffic 2
	wait "$pid"
	pid=
	[ "$(last ipv4)" -ge 2 ]
	[ "$(last marked)" -eq 0 ]
	! ip netns exec "$NS_A" tc qdisc show dev "$IF_A" | grep -q clsact
}

@test "tc exits cleanly on SIGINT" {
	ip netns exec "$NS_A" "$BIN" "$IF_A" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "counting ingress"
	kill -INT "$pid"
	wait "$pid"
	pid=
}

@test "tc: a missing device is a clear error" {
	run ip netns exec "$NS_A" "$BIN" -t 1 nosuchdev0
	[ "$status" -eq 1 ]
	[[ "$output" == *"no network device 'nosuchdev0'"* ]]
	run "$BIN"
	[ "$status" -eq 2 ]
	[[ "$output" == *"no network device given"* ]]
}

@test "tc rejects bad options" {
	run "$BIN" -m -1 "$IF_A"
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid mark '-1'"* ]]
	run "$BIN" -m 0x100000000 "$IF_A"
	[ "$status" -eq 2 ]
	run "$BIN" -k "$IF_A"
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}
