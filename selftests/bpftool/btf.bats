#!/usr/bin/env bats
# btf show / list / dump against the kernel's BTF objects and files, byte for
# byte against the reference bpftool where installed.
load common

VMLINUX=/sys/kernel/btf/vmlinux

setup() {
	common_setup
	OBJ=$BPFKIT_PROGS_DIR/bpftool_map_btf.bpf.o
	mkdir -p "$PIN/m"
	"$BPFTOOL" prog load "$OBJ" "$PIN/prog" pinmaps "$PIN/m"
	BTF_ID=$("$BPFTOOL" -j map show pinned "$PIN/m/bt_hash" |
		 sed 's/.*"btf_id":\([0-9]*\).*/\1/')
	DATA=$(ls -d "$PIN"/m/*_data)
}
teardown() { common_teardown; }

# Compares one of our outputs with the reference's, ignoring nothing.
same_files() {
	cmp -s "$1" "$2" || { diff "$2" "$1" | head -20; return 1; }
}

# C output against the reference's: libbpf >= 1.2 writes the size of enums
# narrower or wider than int as __attribute__((mode(...))), 1.1 does not.
same_c_as_ref() {
	require_ref
	"$BPFTOOL" "$@" | sed 's/^} __attribute__((mode([a-z]*)));$/};/' > "$BATS_TEST_TMPDIR/ours.c"
	"$REF" "$@" > "$BATS_TEST_TMPDIR/ref.c"
	same_files "$BATS_TEST_TMPDIR/ours.c" "$BATS_TEST_TMPDIR/ref.c"
}

@test "btf show lists vmlinux and the object's BTF with its programs and maps" {
	run "$BPFTOOL" btf show
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^[0-9]+:\ name\ \[vmlinux\]\ \ size\ [0-9]+B$ ]]
	run "$BPFTOOL" btf show id "$BTF_ID"
	[[ "$output" =~ ^$BTF_ID:\ name\ \<anon\>\ \ size\ [0-9]+B\ \ prog_ids\ [0-9]+\ \ map_ids\ [0-9,]+$ ]]
	run "$BPFTOOL" -j btf list
	echo "$output" | python3 -c '
import json, sys
l = json.load(sys.stdin)
assert any(b["kernel"] and b["name"] == "vmlinux" for b in l)
assert all(set(["id", "size", "prog_ids", "map_ids", "kernel"]) <= set(b) for b in l)'
	# The id lists come in the order of a hash table whose growth depends
	# on how many programs and maps exist: others loading or freeing some
	# between our run and the reference's changes it, so try a few times.
	for args in "btf show id $BTF_ID" "-j btf show id $BTF_ID" "-p btf show id 1"; do
		for try in 1 2 3 4 5; do
			same_as_ref $args > /dev/null && break
			[ $try -lt 5 ]
		done
	done
}

@test "btf dump of vmlinux, raw and JSON, is byte-identical to the reference's" {
	require_ref
	"$BPFTOOL" btf dump file $VMLINUX > "$BATS_TEST_TMPDIR/ours"
	"$REF" btf dump file $VMLINUX > "$BATS_TEST_TMPDIR/ref"
	same_files "$BATS_TEST_TMPDIR/ours" "$BATS_TEST_TMPDIR/ref"
	"$BPFTOOL" -j btf dump file $VMLINUX > "$BATS_TEST_TMPDIR/ours.json"
	"$REF" -j btf dump file $VMLINUX > "$BATS_TEST_TMPDIR/ref.json"
	same_files "$BATS_TEST_TMPDIR/ours.json" "$BATS_TEST_TMPDIR/ref.json"
}

@test "btf dump file vmlinux format c gives a vmlinux.h that compiles" {
	"$BPFTOOL" btf dump file $VMLINUX format c > "$BATS_TEST_TMPDIR/vmlinux.h"
	[ "$(head -1 "$BATS_TEST_TMPDIR/vmlinux.h")" = "#ifndef __VMLINUX_H__" ]
	grep -q '^#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)$' \
		"$BATS_TEST_TMPDIR/vmlinux.h"
	[ "$(tail -1 "$BATS_TEST_TMPDIR/vmlinux.h")" = "#endif /* __VMLINUX_H__ */" ]
	grep -q '^struct task_struct {$' "$BATS_TEST_TMPDIR/vmlinux.h"
	printf '#include "vmlinux.h"\nint f(struct task_struct *t) { return t->pid; }\n' \
		> "$BATS_TEST_TMPDIR/use.c"
	clang -target bpf -O2 -c -I"$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/use.c" \
		-o "$BATS_TEST_TMPDIR/use.o"
	if have_ref; then
		# libbpf >= 1.2 marks 1-byte enums with mode(byte); 1.1 (the
		# reference) does not: everything else must be the same.
		"$REF" btf dump file $VMLINUX format c > "$BATS_TEST_TMPDIR/ref.h"
		sed 's/^} __attribute__((mode(byte)));$/};/' "$BATS_TEST_TMPDIR/vmlinux.h" \
			> "$BATS_TEST_TMPDIR/ours.h"
		same_files "$BATS_TEST_TMPDIR/ours.h" "$BATS_TEST_TMPDIR/ref.h"
	fi
}

@test "btf dump id/map/prog/file, raw and C, equal the reference's" {
	for fmt in "" "format raw"; do
		same_as_ref btf dump id "$BTF_ID" $fmt
		same_as_ref -j btf dump id "$BTF_ID" $fmt
		same_as_ref -p btf dump map pinned "$PIN/m/bt_hash" $fmt
		same_as_ref btf dump map pinned "$PIN/m/bt_hash" key $fmt
		same_as_ref btf dump map pinned "$PIN/m/bt_hash" value $fmt
		same_as_ref btf dump map pinned "$PIN/m/bt_hash" kv $fmt
		same_as_ref btf dump map pinned "$PIN/m/bt_hash" all $fmt
		same_as_ref btf dump map pinned "$DATA" $fmt
		same_as_ref btf dump prog pinned "$PIN/prog" $fmt
		same_as_ref btf dump file "$OBJ" $fmt
		same_as_ref -j btf dump file "$OBJ" $fmt
	done
	same_as_ref btf dump map pinned "$PIN/m/bt_hash" format c
	same_as_ref btf dump map pinned "$DATA" format c
	same_c_as_ref btf dump file "$OBJ" format c
	run "$BPFTOOL" btf dump map pinned "$PIN/m/bt_wide" value format c
	# clang 14 has no ENUM64: the 33-bit value is cut to 32 bits in BTF
	[[ "$output" == *$'enum big_enum {\n\tSMALL = 1,\n\tHUGE = 0,\n} __attribute__((mode(word)));'* ]]
	run "$BPFTOOL" btf dump map pinned "$PIN/m/bt_hash"
	[ "${lines[0]}" = "[8] STRUCT 'bt_key' size=12 vlen=2" ]
	[ "${lines[1]}" = $'\t'"'id' type_id=9 bits_offset=0" ]
}

@test "btf dump root_id picks the types to print" {
	run "$BPFTOOL" btf dump file "$OBJ" root_id 8
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "[8] STRUCT 'bt_key' size=12 vlen=2" ]
	[ "${#lines[@]}" -eq 3 ]
	run "$BPFTOOL" btf dump file "$OBJ" root_id 8 format c
	[[ "$output" == *$'struct bt_key {\n\tunsigned int id;\n\tchar name[6];\n};'* ]]
	run "$BPFTOOL" btf dump file "$OBJ" root_id 100000
	assert_error "invalid root ID: 100000"
}

@test "-B: a split BTF file on top of vmlinux dumps from the first split id" {
	last=$("$BPFTOOL" btf dump file $VMLINUX | grep '^\[' | tail -1 | sed 's/^\[\([0-9]*\)\].*/\1/')
	int_id=$("$BPFTOOL" btf dump file $VMLINUX | grep -m1 "^\[[0-9]*\] INT 'int' " |
		 sed 's/^\[\([0-9]*\)\].*/\1/')
	python3 - "$last" "$int_id" "$BATS_TEST_TMPDIR/split.btf" <<'EOF'
import struct, sys
last, int_id, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
slen = struct.unpack('<HBBIIIII', open('/sys/kernel/btf/vmlinux', 'rb').read(24))[7]
strs = b'pair\0a\0b\0pair_t\0'
off = lambda s: slen + strs.index(s.encode() + b'\0')
n = last + 1
types = struct.pack('<III', off('pair'), (4 << 24) | 2, 8)
types += struct.pack('<III', off('a'), int_id, 0)
types += struct.pack('<III', off('b'), int_id, 32)
types += struct.pack('<III', 0, 2 << 24, n)
types += struct.pack('<III', off('pair_t'), 8 << 24, n)
hdr = struct.pack('<HBBIIIII', 0xeb9f, 1, 0, 24, 0, len(types), len(types), len(strs))
open(out, 'wb').write(hdr + types + strs)
EOF
	run "$BPFTOOL" -B $VMLINUX btf dump file "$BATS_TEST_TMPDIR/split.btf"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "[$((last + 1))] STRUCT 'pair' size=8 vlen=2" ]
	[ "${lines[-1]}" = "[$((last + 3))] TYPEDEF 'pair_t' type_id=$((last + 1))" ]
	same_as_ref -B $VMLINUX btf dump file "$BATS_TEST_TMPDIR/split.btf"
	same_as_ref -j -B $VMLINUX btf dump file "$BATS_TEST_TMPDIR/split.btf"
	run "$BPFTOOL" -B $VMLINUX btf dump file "$BATS_TEST_TMPDIR/split.btf" root_id $((last + 3)) format c
	[[ "$output" == *$'struct pair {\n\tint a;\n\tint b;\n};\n\ntypedef struct pair pair_t;'* ]]
	run "$BPFTOOL" btf dump file "$BATS_TEST_TMPDIR/split.btf"
	assert_error "failed to load BTF from"
	run "$BPFTOOL" -B /nonexistent_$$ btf dump file "$BATS_TEST_TMPDIR/split.btf"
	assert_error "failed to parse base BTF at '/nonexistent_$$'"
}

@test "btf dump: files that are not BTF, truncated BTF, missing files" {
	run "$BPFTOOL" btf dump file /etc/passwd
	assert_error "failed to load BTF from /etc/passwd"
	head -c 100 $VMLINUX > "$BATS_TEST_TMPDIR/trunc.btf"
	run "$BPFTOOL" btf dump file "$BATS_TEST_TMPDIR/trunc.btf"
	assert_error "failed to load BTF from $BATS_TEST_TMPDIR/trunc.btf: Invalid argument"
	head -c 10 $VMLINUX > "$BATS_TEST_TMPDIR/short.btf"
	run "$BPFTOOL" btf dump file "$BATS_TEST_TMPDIR/short.btf"
	assert_error "failed to load BTF from"
	run "$BPFTOOL" btf dump file /nonexistent_$$
	assert_error "failed to load BTF from /nonexistent_$$: No such file or directory"
	run "$BPFTOOL" -j btf dump file /nonexistent_$$
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"failed to load BTF from /nonexistent_'*'"}'* ]]
}

@test "btf dump: bad words, maps without BTF, unknown ids" {
	run "$BPFTOOL" btf dump file "$OBJ" format xml
	assert_error "unrecognized format specifier: 'xml', possible values: raw, c"
	run "$BPFTOOL" btf dump file "$OBJ" format
	assert_error "expecting value for 'format' option"
	run "$BPFTOOL" btf dump file "$OBJ" format c extra
	assert_error "unrecognized option: 'extra'"
	run "$BPFTOOL" btf dump map pinned "$PIN/m/bt_hash" foo
	assert_error "unrecognized option: 'foo'"
	run "$BPFTOOL" btf dump frob 1
	assert_error "unrecognized BTF source specifier: 'frob'"
	run "$BPFTOOL" btf dump
	assert_error "'dump' needs at least 2 arguments, 0 found"
	run "$BPFTOOL" -j btf dump file "$OBJ" format c
	[ "$status" -ne 0 ]
	[ "$output" = '{"error":"JSON output for C-syntax dump is not supported"}' ]
	"$BPFTOOL" map create "$PIN/nobtf" type hash key 4 value 4 entries 1 name b_nobtf
	run "$BPFTOOL" btf dump map pinned "$PIN/nobtf"
	assert_error "get btf by id (0): No such file or directory"
	run "$BPFTOOL" btf dump id 4000000000
	assert_error "get btf by id (4000000000)"
	run "$BPFTOOL" btf show id 4000000000
	assert_error "can't get BTF object by id (4000000000)"
	run "$BPFTOOL" btf show frob
	assert_error "what is 'frob'?"
	run "$BPFTOOL" btf dump id abc
	assert_error "can't parse abc as ID"
	run "$BPFTOOL" btf dump map pinned
	assert_error "'map' needs at least 2 arguments, 1 found"
	run "$BPFTOOL" btf dump prog id
	assert_error "'prog' needs at least 2 arguments, 1 found"
	if have_ref; then
		for c in "dump map pinned $PIN/nobtf" "dump file $OBJ format xml" \
			 "dump file $OBJ format c extra" "show id 4000000000" "dump frob 1" \
			 "dump id abc"; do
			[ "$("$BPFTOOL" btf $c 2>&1)" = "$("$REF" btf $c 2>&1)" ]
		done
	fi
}
