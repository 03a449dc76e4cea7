#!/usr/bin/env bats
# map dump / lookup / getnext / peek / pop / push / enqueue / dequeue against
# the kernel, byte for byte against the reference bpftool where installed.
load common

setup() {
	common_setup
	OBJ=$BPFKIT_PROGS_DIR/bpftool_map_btf.bpf.o
}
teardown() { common_teardown; }

# Loads the object with BTF-described maps; they are pinned under $PIN/m.
# The global data maps are named after the object (cut to 15 characters):
# DATA, RODATA and BSS are their pinned paths.
load_btf_maps() {
	mkdir -p "$PIN/m"
	"$BPFTOOL" prog load "$OBJ" "$PIN/prog" pinmaps "$PIN/m"
	DATA=$(ls -d "$PIN"/m/*_data)
	RODATA=$(ls -d "$PIN"/m/*_rodata)
	BSS=$(ls -d "$PIN"/m/*_bss)
}

# Runs "$@" in plain, -j and -p forms against the reference.
same_all_forms() {
	same_as_ref "$@"
	same_as_ref -j "$@"
	same_as_ref -p "$@"
}

@test "map dump without BTF: one-line, broken and per-CPU hex layouts equal the reference's" {
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 8 entries 8 name d_short
	"$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 0 value 1 2 3 4 5 6 7 8
	"$BPFTOOL" map update pinned "$PIN/h" key 2 0 0 0 value hex a b c d e f 10 11
	run "$BPFTOOL" map dump pinned "$PIN/h"
	[ "$status" -eq 0 ]
	[[ "$output" == *"key: 01 00 00 00  value: 01 02 03 04 05 06 07 08"* ]]
	[[ "${lines[-1]}" == "Found 2 elements" ]]
	same_all_forms map dump pinned "$PIN/h"

	"$BPFTOOL" map create "$PIN/big" type hash key 40 value 70 entries 2 name d_big
	"$BPFTOOL" map update pinned "$PIN/big" key $(seq 1 40) value $(seq 1 70)
	run "$BPFTOOL" map dump pinned "$PIN/big"
	[ "${lines[0]}" = "key:" ]
	[ "${lines[1]}" = "01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10" ]
	[ "${lines[-1]}" = "Found 1 element" ]
	same_all_forms map dump pinned "$PIN/big"

	"$BPFTOOL" map create "$PIN/pc" type percpu_hash key 4 value 20 entries 2 name d_pcpu
	"$BPFTOOL" map update pinned "$PIN/pc" key 7 0 0 0 value $(seq 1 20)
	run "$BPFTOOL" map dump pinned "$PIN/pc"
	[[ "$output" == *"value (CPU 00):"* ]]
	same_all_forms map dump pinned "$PIN/pc"

	"$BPFTOOL" map create "$PIN/pa" type percpu_array key 4 value 4 entries 2 name d_pa
	same_all_forms map dump pinned "$PIN/pa"
}

@test "map dump of an empty map and of several maps by name equals the reference's" {
	"$BPFTOOL" map create "$PIN/e" type hash key 4 value 4 entries 2 name d_empty
	run "$BPFTOOL" map dump pinned "$PIN/e"
	[ "$output" = "Found 0 elements" ]
	run "$BPFTOOL" -j map dump pinned "$PIN/e"
	[ "$output" = "[]" ]
	"$BPFTOOL" map create "$PIN/n1" type array key 4 value 4 entries 1 name dn$$
	"$BPFTOOL" map create "$PIN/n2" type array key 4 value 4 entries 2 name dn$$
	same_all_forms map dump name dn$$
}

@test "map dump of a 3000-entry hash (read in batches) equals the reference's" {
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 12 entries 3000 name d_batch
	awk -v p="$PIN/h" 'BEGIN { for (i = 0; i < 3000; i++)
		printf "map update pinned %s key %d %d 0 0 value %d 1 2 3 4 5 6 7 8 9 10 11\n",
			p, i % 256, int(i / 256), i % 200 }' > "$BATS_TEST_TMPDIR/batch"
	"$BPFTOOL" batch file "$BATS_TEST_TMPDIR/batch" > /dev/null
	run "$BPFTOOL" map dump pinned "$PIN/h"
	[ "${lines[-1]}" = "Found 3000 elements" ]
	same_as_ref map dump pinned "$PIN/h"
	same_as_ref -j map dump pinned "$PIN/h"
}

@test "map dump with BTF: typed plain layout and -j formatted equal the reference's" {
	load_btf_maps
	"$BPFTOOL" map update pinned "$PIN/m/bt_hash" key 3 0 0 0 0x61 0x22 0x62 0 0 0 0 0 \
		value 1 0 0 0 0xff 0xff 0xff 0xff 5 0 0 0 0x41 0x22 0 0 0xff 0xff 0 0 \
		0x41 0x42 0 0 $(printf '0xff %.0s' $(seq 8)) $(printf '0 %.0s' $(seq 48))
	run "$BPFTOOL" map dump pinned "$PIN/m/bt_hash"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "[{" ]
	[[ "$output" == *'"name": "a\"b"'* ]]
	[[ "$output" == *'"col": "GREEN"'* ]]
	[[ "$output" == *'"flags": 0x7'* ]]
	same_all_forms map dump pinned "$PIN/m/bt_hash"
	run "$BPFTOOL" -j map dump pinned "$PIN/m/bt_hash"
	[[ "$output" == *'"formatted":{"key":{"id":3,"name":"a\"b"},'* ]]
	for m in bt_array bt_pcpu bt_progs; do
		same_all_forms map dump pinned "$PIN/m/$m"
	done
}

@test "map dump with BTF: 128-bit ints, 64-bit enums, odd bitfields, qualifiers" {
	load_btf_maps
	"$BPFTOOL" map update pinned "$PIN/m/bt_wide" key 1 0 0 0 value $(seq 1 16) \
		1 0 0 0 0 0 0 0  0xfe 0xc8 0 0  0xff 0xff 0x7f 0xff \
		0xff 0xff 0xff 0xff 0xfe 0 0xff 0xfe  0 0 0 0 0 0 0 0
	"$BPFTOOL" map update pinned "$PIN/m/bt_wide" key 2 0 0 0 value $(printf '0 %.0s' $(seq 20)) \
		1 0 0 0 $(printf '0 %.0s' $(seq 24))
	run "$BPFTOOL" map lookup pinned "$PIN/m/bt_wide" key 1 0 0 0
	[[ "$output" == *'"u128": 0x100f0e0d0c0b0a090807060504030201,'* ]]
	[[ "$output" == *'"e": "SMALL",'* ]]
	[[ "$output" == *'"bf24": 0x7fffff,'* ]]
	[[ "$output" == *'"bf40": 0xfeffffffff,'* ]]
	[[ "$output" == *'"cv": -257'* ]]
	same_all_forms map dump pinned "$PIN/m/bt_wide"
}

@test "global data maps print their variables by name" {
	load_btf_maps
	run "$BPFTOOL" map dump pinned "$DATA"
	[ "$status" -eq 0 ]
	[[ "$output" == *'".data": [{'* ]]
	[[ "$output" == *'"glob": 3'* ]]
	run "$BPFTOOL" -j map dump pinned "$RODATA"
	[[ "$output" == *'"formatted":{"value":{".rodata":[{"ro_str":"hello"}]}}'* ]]
	for m in "$DATA" "$RODATA" "$BSS"; do
		same_all_forms map dump pinned "$m"
	done
}

@test "map lookup and getnext, with and without BTF, equal the reference's" {
	load_btf_maps
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 4 name d_lk
	"$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 0 value 9 9 9 9
	run "$BPFTOOL" map lookup pinned "$PIN/h" key 1 0 0 0
	[ "$output" = "key: 01 00 00 00  value: 09 09 09 09" ]
	same_all_forms map lookup pinned "$PIN/h" key 1 0 0 0
	same_all_forms map lookup pinned "$PIN/m/bt_array" key 1 0 0 0
	same_all_forms map lookup pinned "$PIN/m/bt_pcpu" key 0 0 0 0
	same_all_forms map lookup pinned "$DATA" key 0 0 0 0
	run "$BPFTOOL" map getnext pinned "$PIN/h"
	[ "${lines[0]}" = "key: None" ]
	[ "${lines[1]}" = "next key:" ]
	same_all_forms map getnext pinned "$PIN/h"
	same_all_forms map getnext pinned "$PIN/m/bt_array" key 1 0 0 0
}

@test "map lookup of a missing key prints Not found and fails; getnext at the end fails" {
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 4 name d_nf
	"$BPFTOOL" map update pinned "$PIN/h" key 1 0 0 0 value 9 9 9 9
	run "$BPFTOOL" map lookup pinned "$PIN/h" key 2 0 0 0
	[ "$status" -ne 0 ]
	[ "$output" = $'key:\n02 00 00 00\n\nNot found' ]
	run "$BPFTOOL" -j map lookup pinned "$PIN/h" key 2 0 0 0
	[ "$status" -ne 0 ]
	[ "$output" = "null" ]
	run "$BPFTOOL" map getnext pinned "$PIN/h" key 1 0 0 0
	assert_error "can't get next key: No such file or directory"
}

@test "map lookup/getnext/dump: wrong key sizes, missing or extra words" {
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 4 name d_bad
	run "$BPFTOOL" map lookup pinned "$PIN/h" key 1 0 0
	assert_error "key expected 4 bytes got 3"
	run "$BPFTOOL" map lookup pinned "$PIN/h" key 1 0 0 0 0
	assert_error "expected key or value, got: 0"
	run "$BPFTOOL" map lookup pinned "$PIN/h"
	assert_error "did not find key"
	run "$BPFTOOL" map lookup pinned "$PIN/h" key 1 0 0 0 value 1
	assert_error "unnecessary value"
	run "$BPFTOOL" map getnext pinned "$PIN/h" key 1 2
	assert_error "key expected 4 bytes got 2"
	run "$BPFTOOL" map dump pinned "$PIN/h" extra
	[ "$status" -ne 0 ]
	[[ "$output" == *"Usage:"* ]]
	run "$BPFTOOL" map dump pinned "$PIN/nonexistent"
	assert_error "bpf obj get"
	run "$BPFTOOL" map dump name no_such_map_$$
	[ "$status" -ne 0 ]
	if have_ref; then
		for c in "lookup pinned $PIN/h key 1 0 0" "lookup pinned $PIN/h key 1 0 0 0 value 1" \
			 "getnext pinned $PIN/h key 1 2"; do
			[ "$("$BPFTOOL" map $c 2>&1)" = "$("$REF" map $c 2>&1)" ]
		done
	fi
}

@test "queue and stack: push/enqueue, peek, pop/dequeue, empty map" {
	"$BPFTOOL" map create "$PIN/q" type queue key 0 value 4 entries 4 name d_queue
	"$BPFTOOL" map push pinned "$PIN/q" value 1 0 0 0
	"$BPFTOOL" map enqueue pinned "$PIN/q" value 2 0 0 0
	run "$BPFTOOL" map peek pinned "$PIN/q"
	[ "$output" = "value: 01 00 00 00" ]
	run "$BPFTOOL" -j map pop pinned "$PIN/q"
	[ "$output" = '{"key":[],"value":["0x01","0x00","0x00","0x00"]}' ]
	run "$BPFTOOL" map dequeue pinned "$PIN/q"
	[ "$output" = "value: 02 00 00 00" ]
	run "$BPFTOOL" map pop pinned "$PIN/q"
	[ "$status" -ne 0 ]
	[ "$output" = "Error: empty map" ]
	run "$BPFTOOL" -j map dequeue pinned "$PIN/q"
	[ "$output" = "null" ]
	run "$BPFTOOL" map peek pinned "$PIN/q"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Not found"* ]]
	run "$BPFTOOL" map push pinned "$PIN/q" value 1 0
	assert_error "value expected 4 bytes got 2"
	"$BPFTOOL" map create "$PIN/s" type stack key 0 value 8 entries 2 name d_stack
	"$BPFTOOL" map push pinned "$PIN/s" value 1 0 0 0 0 0 0 0
	"$BPFTOOL" map push pinned "$PIN/s" value 2 0 0 0 0 0 0 0
	run "$BPFTOOL" map push pinned "$PIN/s" value 3 0 0 0 0 0 0 0
	assert_error "update failed"
	run "$BPFTOOL" map pop pinned "$PIN/s"
	[ "$output" = "value: 02 00 00 00 00 00 00 00" ]
	if have_ref; then
		same_as_ref map peek pinned "$PIN/s"
		same_as_ref -j map peek pinned "$PIN/s"
	fi
}

@test "prog array and map-in-map values dump as ids; empty slots are skipped" {
	load_btf_maps
	"$BPFTOOL" map update pinned "$PIN/m/bt_progs" key 1 0 0 0 value pinned "$PIN/prog"
	run "$BPFTOOL" -j map dump pinned "$PIN/m/bt_progs"
	[[ "$output" == '[{"key":["0x01","0x00","0x00","0x00"],'* ]]
	same_all_forms map dump pinned "$PIN/m/bt_progs"
	same_all_forms map lookup pinned "$PIN/m/bt_progs" key 1 0 0 0
	"$BPFTOOL" map create "$PIN/in" type array key 4 value 4 entries 1 name d_inner
	"$BPFTOOL" map create "$PIN/out" type array_of_maps key 4 value 4 entries 3 name d_outer \
		inner_map pinned "$PIN/in"
	"$BPFTOOL" map update pinned "$PIN/out" key 2 0 0 0 value pinned "$PIN/in"
	run "$BPFTOOL" map dump pinned "$PIN/out"
	[ "${lines[-1]}" = "Found 1 element" ]
	same_all_forms map dump pinned "$PIN/out"
}

@test "perf event array: per-entry lookup errors as the reference prints them" {
	load_btf_maps
	run "$BPFTOOL" map dump pinned "$PIN/m/bt_events"
	[ "$status" -eq 0 ]
	[[ "$output" == *$'value:\n'* ]]
	same_as_ref map dump pinned "$PIN/m/bt_events"
	same_as_ref -j map dump pinned "$PIN/m/bt_events"
}
