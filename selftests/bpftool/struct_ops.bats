#!/usr/bin/env bats
# struct_ops show / dump / register / unregister with a TCP congestion control.
load common

setup() {
	common_setup
	OBJ=$BPFKIT_PROGS_DIR/bpftool_misc_sops.bpf.o
	# a previous run's link-registered map is freed asynchronously
	for _ in $(seq 30); do
		"$BPFTOOL" struct_ops show | grep -q ' bk_misc_' || break
		sleep 0.1
	done
}

teardown() {
	"$BPFTOOL" struct_ops unregister name bk_misc_map >/dev/null 2>&1 || true
	common_teardown
}

@test "struct_ops register, show as the reference, dump, unregister" {
	run "$BPFTOOL" struct_ops register "$OBJ" "$PIN"
	if [ "$status" -ne 0 ]; then
		# kernels that refuse trampolines refuse struct_ops programs too
		[[ "$output" == *"Error: failed to load object file"* ]]
		skip "struct_ops programs refused by this kernel: error path checked"
	fi
	[[ "$output" == *"Registered tcp_congestion_ops bk_misc_map id "* ]]
	[[ "$output" == *"Registered tcp_congestion_ops bk_misc_link id "* ]]
	[ -e "$PIN/bk_misc_link" ]
	run "$BPFTOOL" struct_ops show
	[[ "$output" == *": bk_misc_map     tcp_congestion_ops"* ]]
	[[ "$output" == *": bk_misc_link    tcp_congestion_ops"* ]]
	run "$BPFTOOL" -j struct_ops list name bk_misc_map
	[[ "$output" == '[{"id":'*',"name":"bk_misc_map","kernel_struct_ops":"tcp_congestion_ops"}]' ]]
	id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0]["id"])' "$output")
	run "$BPFTOOL" struct_ops show id "$id"
	[[ "$output" == "$id: bk_misc_map     tcp_congestion_ops"* ]]
	if have_ref; then
		same_as_ref struct_ops show
		same_as_ref -j struct_ops show
		same_as_ref -p struct_ops show name bk_misc_link
		same_as_ref struct_ops dump name bk_misc_map
		same_as_ref -j struct_ops dump
		same_as_ref -p struct_ops dump id "$id"
	fi
	run "$BPFTOOL" -j struct_ops dump id "$id"
	python3 -c '
import json, sys
# one map: two objects side by side, as the reference prints them
d = json.loads("[" + sys.argv[1] + "]")
assert d[0]["bpf_map_info"]["name"] == "bk_misc_map"
v = d[1]["bpf_struct_ops_tcp_congestion_ops"]
assert v["common"]["state"] == "BPF_STRUCT_OPS_STATE_INUSE"
assert v["data"]["name"] == "bk_misc_map"
assert v["data"]["ssthresh"].startswith("u32 (struct sock *) bk_misc_ssthresh/prog_id:"), v
assert v["data"]["set_state"] == "void (struct sock *, u8) 0", v
' "$output"
	# a link-registered map goes with its link, not with unregister
	run "$BPFTOOL" struct_ops unregister name bk_misc_link
	assert_error "failed to unregister struct_ops bk_misc_link"
	rm "$PIN/bk_misc_link"
	run "$BPFTOOL" struct_ops unregister name bk_misc_map
	[ "$status" -eq 0 ]
	[[ "$output" == "Unregistered tcp_congestion_ops bk_misc_map id $id" ]]
	run "$BPFTOOL" struct_ops show id "$id"
	assert_error "can't get map by id ($id)"
}

@test "struct_ops bad input" {
	run "$BPFTOOL" struct_ops register "$BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o"
	assert_error "no struct_ops found in $BPFKIT_PROGS_DIR/bpftool_misc_net.bpf.o"
	run "$BPFTOOL" struct_ops register /proc/version
	assert_error "failed to open object file /proc/version"
	run "$BPFTOOL" struct_ops unregister name bk_no_such_sops
	assert_error "no struct_ops found for bk_no_such_sops"
	run "$BPFTOOL" struct_ops unregister id 4294967295
	assert_error "can't get map by id (4294967295)"
	run "$BPFTOOL" struct_ops show name bk_no_such_sops
	assert_error "no struct_ops found for bk_no_such_sops"
	"$BPFTOOL" map create "$PIN/arr" type array key 4 value 4 entries 1 name bk_sops_arr
	aid=$("$BPFTOOL" -j map show pinned "$PIN/arr" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	run "$BPFTOOL" struct_ops show id "$aid"
	assert_error "bk_sops_arr id $aid is not a struct_ops map"
	run "$BPFTOOL" struct_ops dump id "$aid"
	assert_error "is not a struct_ops map"
	run "$BPFTOOL" struct_ops show id notanumber
	assert_error "can't parse notanumber as ID"
	run "$BPFTOOL" struct_ops show bogus 1
	[ "$status" -ne 0 ]
	[[ "$output" == *"Usage:"* ]]
	run "$BPFTOOL" struct_ops unregister
	[ "$status" -ne 0 ]
	run "$BPFTOOL" -j struct_ops unregister name bk_no_such_sops
	[ "$status" -ne 0 ]
	[[ "$output" == '{"error":"no struct_ops found for bk_no_such_sops"}' ]]
}
