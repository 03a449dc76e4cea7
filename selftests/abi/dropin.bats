#!/usr/bin/env bats
# Binary compatibility: programs already linked against the system's
# libbpf.so.1 (iproute2's ip and tc) run with our libbpf.so.1 put in its
# place through LD_LIBRARY_PATH, and load real objects into the kernel.

setup() {
	# iproute2 makes its own pin directories (tc/, ip, xdp) on first use
	[ -e /sys/fs/bpf/tc ] && HAD_IPROUTE_DIRS=1 || HAD_IPROUTE_DIRS=0
	LIBDIR=$(dirname "$LIBBPF_SO")
	OBJ=$BPFKIT_PROGS_DIR/dropin_net.bpf.o
	NS=bpfkit-dropin-$$
	command -v ip >/dev/null || skip "iproute2 not installed"
	ldd "$(command -v ip)" | grep -q 'libbpf.so.1' ||
		skip "this ip is not linked against libbpf.so.1: nothing to swap"
	ip netns add "$NS"
	ip -n "$NS" link add vda type veth peer name vdb
	ip -n "$NS" link set vda up
	ip -n "$NS" link set vdb up
}

teardown() {
	ip netns del "$NS" 2>/dev/null || true
	if [ "${HAD_IPROUTE_DIRS:-1}" = 0 ]; then
		rm -rf /sys/fs/bpf/tc /sys/fs/bpf/ip /sys/fs/bpf/xdp
	fi
}

with_ours() {
	LD_LIBRARY_PATH=$LIBDIR "$@"
}

@test "the dynamic loader picks our libbpf.so.1 for ip" {
	run with_ours env LD_DEBUG=libs ip -V
	[ "$status" -eq 0 ]
	[[ "$output" == *"calling init: $LIBDIR/libbpf.so.1"* ]]
}

@test "ip loads and attaches an XDP object through our library" {
	run with_ours ip -n "$NS" link set dev vda xdp obj "$OBJ" sec xdp
	[ "$status" -eq 0 ]
	run ip -n "$NS" link show vda
	[[ "$output" == *"prog/xdp id"*"name dropin_xdp"* ]]
	# traffic through the pair reaches the program
	ip -n "$NS" addr add 10.201.0.1/24 dev vda
	ip -n "$NS" addr add 10.201.0.2/24 dev vdb
	ip netns exec "$NS" ping -c 3 -i 0.2 -W 1 10.201.0.1 >/dev/null || true
	id=$(ip -n "$NS" -d link show vda | sed -n 's/.*prog\/xdp id \([0-9]*\).*/\1/p')
	[ -n "$id" ]
	run with_ours ip -n "$NS" link set dev vda xdp off
	[ "$status" -eq 0 ]
	run ip -n "$NS" link show vda
	[[ "$output" != *"prog/xdp"* ]]
}

@test "tc loads a classifier object through our library" {
	ip -n "$NS" link set vda up
	tc -n "$NS" qdisc add dev vda clsact
	run with_ours tc -n "$NS" filter add dev vda ingress bpf direct-action obj "$OBJ" sec tc
	[ "$status" -eq 0 ]
	run tc -n "$NS" filter show dev vda ingress
	[[ "$output" == *"dropin_net.bpf.o:[tc]"*"direct-action"* ]]
}

@test "a missing object file fails cleanly under our library" {
	run with_ours ip -n "$NS" link set dev vda xdp obj /nonexistent/bpfkit.o sec xdp
	[ "$status" -ne 0 ]
	run ip -n "$NS" link show vda
	[[ "$output" != *"prog/xdp"* ]]
}
