#!/usr/bin/env bats
# net show / attach / detach on a veth pair in a network namespace of its own.
load common

# Loads every program of an object and pins them under $2: with our
# "prog loadall" when this build has it, else with the reference's.
misc_loadall() {
	if "$BPFTOOL" prog loadall "$1" "$2" 2>/dev/null; then
		return 0
	fi
	rm -rf "$2"
	have_ref || skip "no 'prog loadall' in this build and no reference bpftool to load test programs"
	"$REF" prog loadall "$1" "$2"
}

setup() {
	common_setup
	NS=bpfkit-$$-$BATS_TEST_NUMBER
	ip netns add "$NS"
	ip -n "$NS" link add bkva type veth peer name bkvb
	ip -n "$NS" link set bkva up
	ip -n "$NS" link set bkvb up
	# only the network namespace: bpffs pins stay visible
	X="nsenter --net=/var/run/netns/$NS"
	misc_loadall "$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o" "$PIN/p"
}

teardown() {
	ip netns del "$NS" 2>/dev/null || true
	common_teardown
}

@test "net show on an empty namespace, plain and JSON" {
	run $X "$BPFTOOL" net show
	[ "$status" -eq 0 ]
	[ "$output" = $'xdp:\n\ntc:\n\nflow_dissector:' ]
	run $X "$BPFTOOL" -j net show
	[ "$output" = '[{"xdp":[],"tc":[],"flow_dissector":[]}]' ]
	if have_ref; then
		same_as_ref_ns net show
		same_as_ref_ns -p net show
	fi
}

same_as_ref_ns() {
	diff <($X "$REF" "$@") <($X "$BPFTOOL" "$@")
}

@test "net attach xdp modes, show them as the reference, detach" {
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_xdp" dev bkva
	[ "$status" -eq 0 ]
	run $X "$BPFTOOL" net attach xdpgeneric pinned "$PIN/p/misc_xdp" dev bkvb
	[ "$status" -eq 0 ]
	$X tc qdisc add dev bkvb clsact
	$X tc filter add dev bkvb ingress bpf da pinned "$PIN/p/misc_tc"
	$X tc filter add dev bkvb egress bpf da pinned "$PIN/p/misc_tc"
	id=$("$BPFTOOL" -j prog show pinned "$PIN/p/misc_xdp" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	run $X "$BPFTOOL" net show dev bkva
	[[ "$output" == *"bkva("*") driver id $id"* ]]
	run $X "$BPFTOOL" net show
	[[ "$output" == *"bkvb("*") generic id $id"* ]]
	[[ "$output" == *"clsact/ingress misc_tc:[*fsobj] id "* ]]
	[[ "$output" == *"clsact/egress misc_tc:[*fsobj] id "* ]]
	if have_ref; then
		same_as_ref_ns net show
		same_as_ref_ns -j net show
		same_as_ref_ns -p net show
		same_as_ref_ns net show dev bkvb
		same_as_ref_ns -j net show dev bkva
	fi
	run $X "$BPFTOOL" net detach xdp dev bkva
	[ "$status" -eq 0 ]
	run $X "$BPFTOOL" -j net detach xdpgeneric dev bkvb
	[ "$output" = "null" ]
	run $X "$BPFTOOL" net show
	[[ "$output" != *"driver id"* && "$output" != *"generic id"* ]]
}

@test "net attach refuses to replace without overwrite" {
	$X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_xdp" dev bkva
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_xdp" dev bkva
	assert_error "interface xdp attach failed: Device or resource busy"
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_xdp" dev bkva overwrite
	[ "$status" -eq 0 ]
	$X "$BPFTOOL" net detach xdp dev bkva
}

@test "net attach tcx_ingress / tcx_egress and detach" {
	run $X "$BPFTOOL" net attach tcx_ingress pinned "$PIN/p/misc_tc" dev bkva
	[ "$status" -eq 0 ]
	run $X "$BPFTOOL" net attach tcx_egress pinned "$PIN/p/misc_tc" dev bkva
	[ "$status" -eq 0 ]
	run $X "$BPFTOOL" net show dev bkva
	[[ "$output" == *"bkva("*") tcx/ingress misc_tc prog_id "* ]]
	[[ "$output" == *"bkva("*") tcx/egress misc_tc prog_id "* ]]
	run $X "$BPFTOOL" -j net show dev bkva
	[[ "$output" == *'"kind":"tcx/ingress","name":"misc_tc","prog_id":'* ]]
	run $X "$BPFTOOL" net detach tcx_ingress dev bkva
	[ "$status" -eq 0 ]
	run $X "$BPFTOOL" net detach tcx_egress dev bkva
	[ "$status" -eq 0 ]
	run $X "$BPFTOOL" net show dev bkva
	[[ "$output" != *tcx* ]]
	run $X "$BPFTOOL" net detach tcx_egress dev bkva
	assert_error "interface tcx_egress detach failed"
}

@test "net flow_dissector shows as the reference" {
	have_ref || skip "reference bpftool not installed: flow dissector attach skipped"
	fd_attach=("$BPFTOOL" prog attach pinned "$PIN/p/misc_flow" flow_dissector)
	$X "${fd_attach[@]}" 2>/dev/null || $X "$REF" prog attach pinned "$PIN/p/misc_flow" flow_dissector
	run $X "$BPFTOOL" net show
	[[ "$output" == *$'flow_dissector:\nid '* ]]
	same_as_ref_ns net show
	same_as_ref_ns -j net show
	$X "$REF" prog detach pinned "$PIN/p/misc_flow" flow_dissector
}

@test "net show: filters on ingress, htb qdiscs and classes as the reference" {
	$X tc qdisc add dev bkva ingress
	$X tc filter add dev bkva parent ffff: bpf da pinned "$PIN/p/misc_tc"
	$X tc qdisc add dev bkvb root handle 1: htb
	$X tc class add dev bkvb parent 1: classid 1:10 htb rate 1mbit
	$X tc filter add dev bkvb parent 1: bpf pinned "$PIN/p/misc_tc"
	$X tc filter add dev bkvb parent 1:10 bpf pinned "$PIN/p/misc_tc"
	run $X "$BPFTOOL" net show
	[ "$status" -eq 0 ]
	[[ "$output" == *"bkvb("*") htb misc_tc:[*fsobj] id "* ]]
	[[ "$output" == *"bkva("*") ingress misc_tc:[*fsobj] id "* ]]
	# the kernel answers the root and clsact parents with the ingress qdisc
	[[ "$output" == *"bkva("*") root misc_tc:[*fsobj] id "* ]]
	if have_ref; then
		same_as_ref_ns net show
		same_as_ref_ns -j net show
		same_as_ref_ns -p net show dev bkvb
	fi
}

@test "net show lists netfilter links in a section of their own" {
	"$BPFTOOL" prog load "$BPFKIT_PROGS_DIR/bpftool_misc_nf.bpf.o" "$PIN/nf" 2>/dev/null ||
		skip "no 'prog load' in this build"
	# a process holding a netfilter link (ipv4, local_in, priority -128)
	local py
	py=$(mktemp /tmp/bpfkit_nf.XXXXXX)
	cat > "$py" <<'PY'
import ctypes, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(attr, 128)
    r = libc.syscall(321, cmd, buf, 128)
    if r < 0:
        raise OSError(ctypes.get_errno(), "bpf cmd %d" % cmd)
    return r
path = ctypes.create_string_buffer(sys.argv[1].encode())
prog = bpf(7, struct.pack("<QII", ctypes.addressof(path), 0, 0))      # BPF_OBJ_GET
# BPF_LINK_CREATE: prog_fd, target_fd, attach_type (BPF_NETFILTER), flags,
# netfilter { pf (NFPROTO_IPV4), hooknum (NF_INET_LOCAL_IN), priority, flags }
link = bpf(28, struct.pack("<IIIIIIiI", prog, 0, 45, 0, 2, 1, -128, 0))
print(link, flush=True)
sys.stdin.read()
PY
	mkfifo "$py.go"
	python3 "$py" "$PIN/nf" < "$py.go" > "$py.out" &
	local holder=$!
	exec 8> "$py.go"
	for _ in $(seq 50); do [ -s "$py.out" ] && break; sleep 0.1; done
	run $X "$BPFTOOL" net show
	local status_show=$status out_show=$output
	run $X "$BPFTOOL" -j net show
	local out_json=$output
	exec 8>&-
	wait "$holder" || true
	rm -f "$py" "$py.go" "$py.out"
	[ "$status_show" -eq 0 ]
	[[ "$out_show" == *$'flow_dissector:\n\nnetfilter:\npf 2 hook 1 prio -128 flags 0x0 prog_id '*' link_id '* ]]
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])[0]
nf = [l for l in d["netfilter"] if l["prio"] == -128 and l["hook"] == 1]
assert nf and nf[0]["pf"] == 2, d
' "$out_json"
}

@test "net bad input: devices, types, programs; nothing attached" {
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_xdp" dev bk_nosuch
	assert_error "invalid devname bk_nosuch"
	run $X "$BPFTOOL" net attach xdpfoo pinned "$PIN/p/misc_xdp" dev bkva
	assert_error "invalid net attach/detach type: xdpfoo"
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_xdp" bkva
	assert_error "'attach' needs at least 5 arguments, 4 found"
	# a tc program is not an XDP program
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/p/misc_tc" dev bkva
	assert_error "interface xdp attach failed: Invalid argument"
	run $X "$BPFTOOL" net attach xdpoffload pinned "$PIN/p/misc_xdp" dev bkva
	assert_error "interface xdpoffload attach failed"
	# a pinned path that is not a program
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 1 name bk_m
	run $X "$BPFTOOL" net attach xdp pinned "$PIN/m" dev bkva
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	run $X "$BPFTOOL" -j net attach xdp pinned "$PIN/p/misc_tc" dev bkva
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"interface xdp attach failed: Invalid argument"}'* ]]
	run $X "$BPFTOOL" net show
	[ "$output" = $'xdp:\n\ntc:\n\nflow_dissector:' ]
	run $X "$BPFTOOL" net detach xdp dev bk_nosuch
	assert_error "invalid devname bk_nosuch"
	run $X "$BPFTOOL" net show dev bk_nosuch
	assert_error "invalid devname bk_nosuch"
	run $X "$BPFTOOL" net show bogus
	[ "$status" -ne 0 ]
	run $X "$BPFTOOL" net frobnicate
	[ "$status" -ne 0 ]
}
