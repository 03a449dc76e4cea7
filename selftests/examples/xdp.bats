#!/usr/bin/env bats
# examples/xdp: per-protocol XDP counter/dropper on a veth in a netns.

load common

setup() {
	ex_require_root
	ex_bin xdp
	ex_netns_up
}

teardown() {
	[ -n "${pid:-}" ] && ex_kill_wait "$pid"
	ex_netns_down
}

# count OUT PROTO COLUMN: a value of the final table (2 packets, 3 dropped).
count() {
	awk -v p="$2" -v c="$3" '$1 == p && NF == 3 { v = $c } END { print v + 0 }' "$1"
}

@test "xdp counts packets by protocol on a veth" {
	proto=$(ex_proto)
	ip netns exec "$NS_A" "$BIN" -t 3 "$IF_A" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "counting packets on $IF_A"
	# The program is on the device while it runs.
	ip -n "$NS_A" link show "$IF_A" | grep -q "xdp"
	ex_traffic 3
	wait "$pid"
	pid=
	grep -E "^packets: icmp=[0-9]+ tcp=" "$BATS_TEST_TMPDIR/out"
	[ "$(count "$BATS_TEST_TMPDIR/out" "$proto" 2)" -ge 3 ]
	[ "$(count "$BATS_TEST_TMPDIR/out" "$proto" 3)" -eq 0 ]
	# Gone from the device once the program exits.
	! ip -n "$NS_A" link show "$IF_A" | grep -q "xdp"
}

@test "xdp -d PROTO drops that protocol only" {
	proto=$(ex_proto)
	ip netns exec "$NS_A" "$BIN" -d "$proto" -t 3 "$IF_A" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "dropping some"
	run ex_traffic 2
	if [ "$proto" = icmp ]; then
		[ "$status" -ne 0 ]
		[[ "$output" == *"100% packet loss"* ]]
	fi
	wait "$pid"
	pid=
	[ "$(count "$BATS_TEST_TMPDIR/out" "$proto" 3)" -ge 2 ]
	# Other protocols pass: ARP got through, or nothing would leave B.
	[ "$(count "$BATS_TEST_TMPDIR/out" arp 2)" -ge 1 ]
	[ "$(count "$BATS_TEST_TMPDIR/out" arp 3)" -eq 0 ]
	# Without the program the pings get answers again.
	if [ "$proto" = icmp ]; then
		ex_traffic 1
	fi
}

@test "xdp exits cleanly on SIGINT and detaches" {
	ip netns exec "$NS_A" "$BIN" "$IF_A" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "counting packets"
	kill -INT "$pid"
	wait "$pid"
	pid=
	grep -q "^PROTO" "$BATS_TEST_TMPDIR/out"
	! ip -n "$NS_A" link show "$IF_A" | grep -q "xdp"
}

@test "xdp: a missing device is a clear error" {
	run ip netns exec "$NS_A" "$BIN" -t 1 nosuchdev0
	[ "$status" -eq 1 ]
	[[ "$output" == *"no network device 'nosuchdev0'"* ]]
	run "$BIN"
	[ "$status" -eq 2 ]
	[[ "$output" == *"no network device given"* ]]
}

@test "xdp rejects bad options" {
	run "$BIN" -d smtp "$IF_A"
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown protocol 'smtp'"* ]]
	run "$BIN" -t x "$IF_A"
	[ "$status" -eq 2 ]
	run "$BIN" lo extra
	[ "$status" -eq 2 ]
	[[ "$output" == *"too many arguments"* ]]
}
