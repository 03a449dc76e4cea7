#!/usr/bin/env bats
# map create / show / update / delete / pin / freeze against the kernel, and
# byte-for-byte comparison with the reference bpftool where installed.
load common

setup() { common_setup; }
teardown() { common_teardown; }

@test "map create pins a map that map show describes" {
	run "$BPFTOOL" map create "$PIN/h" type hash key 4 value 8 entries 16 name bats_hash
	[ "$status" -eq 0 ]
	run "$BPFTOOL" map show pinned "$PIN/h"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^[0-9]+:\ hash\ \ name\ bats_hash\ \ flags\ 0x0$ ]]
	[[ "${lines[1]}" =~ ^$'\t'key\ 4B\ \ value\ 8B\ \ max_entries\ 16\ \ memlock\ [0-9]+B$ ]]
}

@test "map show output equals the reference's (plain, JSON, pretty, -f)" {
	"$BPFTOOL" map create "$PIN/a" type array key 4 value 4 entries 4 name bats_cmp flags 0x400
	same_as_ref map show pinned "$PIN/a"
	same_as_ref -j map show pinned "$PIN/a"
	same_as_ref -p map show pinned "$PIN/a"
	same_as_ref -f map show pinned "$PIN/a"
	same_as_ref -j -f map show pinned "$PIN/a"
}

@test "map show by name finds the map" {
	"$BPFTOOL" map create "$PIN/n" type array key 4 value 4 entries 1 name bn$$
	run "$BPFTOOL" -j map show name bn$$
	[ "$status" -eq 0 ]
	[[ "$output" == *'"name":"bn'* ]]
}

@test "map update, then delete, change what the reference sees" {
	require_ref
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 4 name bats_upd
	"$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 0 value hex aa bb cc dd
	run "$REF" map dump pinned "$PIN/h"
	[[ "$output" == *"key: 01 00 00 00  value: aa bb cc dd"* ]]
	run "$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 0 value 0 0 0 0 noexist
	assert_error "update failed: File exists"
	"$BPFTOOL" map delete pinned "$PIN/h" key 1 0 0 0
	run "$REF" map dump pinned "$PIN/h"
	[[ "$output" == *"Found 0 elements"* ]]
}

@test "map update rejects wrong sizes and bad bytes" {
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 4 name bats_bad
	run "$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 value 1 0 0 0
	assert_error "error parsing byte: value"
	run "$BPFTOOL" map delete pinned "$PIN/h" key 1 0 0
	assert_error "key expected 4 bytes got 3"
	run "$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 0 value 1 0 0 256
	assert_error "error parsing byte: 256"
	run "$BPFTOOL" map update pinned "$PIN/h" key hex zz 0 0 0 value 1 0 0 0
	assert_error "error parsing byte: zz"
	run "$BPFTOOL" map update pinned "$PIN/h" value 1 0 0 0
	assert_error "did not find key"
}

@test "map freeze makes the map read-only for user space" {
	"$BPFTOOL" map create "$PIN/a" type array key 4 value 4 entries 1 name bats_frz
	run "$BPFTOOL" map freeze pinned "$PIN/a"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" map show pinned "$PIN/a"
	[[ "$output" == *"frozen"* ]]
	run "$BPFTOOL" map update pinned "$PIN/a" key 0 0 0 0 value 1 0 0 0
	assert_error "update failed: Operation not permitted"
}

@test "map pin gives a second path to the same map" {
	"$BPFTOOL" map create "$PIN/a" type array key 4 value 4 entries 1 name bats_pin
	id=$("$BPFTOOL" -j map show pinned "$PIN/a" | sed 's/^{"id":\([0-9]*\).*/\1/')
	run "$BPFTOOL" map pin id "$id" "$PIN/b"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" -j map show pinned "$PIN/b"
	[[ "$output" == "{\"id\":$id,"* ]]
}

@test "map create: bad type, missing name, not a bpffs path" {
	run "$BPFTOOL" map create "$PIN/x" type nosuchtype key 4 value 4 entries 1 name x
	assert_error "unrecognized map type: nosuchtype"
	run "$BPFTOOL" map create "$PIN/x" type hash key 4 value 4 entries 1
	[ "$status" -ne 0 ]
	run "$BPFTOOL" -n map create /tmp/bpfkit_not_bpffs_$$/x type hash key 4 value 4 entries 1 name x
	[ "$status" -ne 0 ]
	[ ! -e "$PIN/x" ]
}

@test "pinned path of the wrong object kind is refused" {
	"$BPFTOOL" map create "$PIN/a" type array key 4 value 4 entries 1 name bats_kind
	run "$BPFTOOL" prog show pinned "$PIN/a"
	assert_error "incorrect object type: map"
	run "$BPFTOOL" map show pinned "$PIN/missing"
	assert_error "bpf obj get ($PIN/missing)"
}
