#!/usr/bin/env bats
# core check (bpfkit extension): CO-RE relocations of an object, offline.
load common

setup() {
	TMP=$(mktemp -d /tmp/bpfkit_core.XXXXXX)
	OBJ=$BPFKIT_PROGS_DIR/core_task.bpf.o
}
teardown() { rm -rf "$TMP"; }

@test "core check lists relocations against the running kernel" {
	run "$BPFTOOL" core check "$OBJ"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "$OBJ: CO-RE relocations against /sys/kernel/btf/vmlinux" ]]
	[[ "$output" == *"byte_off struct task_struct.tgid (0:1)"* ]]
	[[ "$output" == *"UNRESOLVED (instruction poisoned)"* ]]
	[[ "${lines[-1]}" == "6 relocations, 1 unresolved" ]]
}

@test "core check JSON" {
	run "$BPFTOOL" -j core check "$OBJ"
	[ "$status" -eq 0 ]
	python3 - "$output" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["target"] == "/sys/kernel/btf/vmlinux"
assert d["total"] == 6 and d["unresolved"] == 1
st = [r["status"] for r in d["relocations"]]
assert st.count("resolved") == 4, st
assert "unresolved" in st and "absent" in st
for r in d["relocations"]:
    assert r["prog"] == "core_task"
PY
}

@test "core check against another BTF file" {
	"$BPFTOOL" gen min_core_btf /sys/kernel/btf/vmlinux "$TMP/min.btf" "$OBJ"
	run "$BPFTOOL" core check "$OBJ" btf "$TMP/min.btf"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"against $TMP/min.btf" ]]
	run "$BPFTOOL" core check "$BPFKIT_PROGS_DIR/obj_maps.bpf.o"
	[ "$status" -eq 0 ]
	[[ "$output" == *"no CO-RE relocations"* ]]
}

@test "core check bad input" {
	run "$BPFTOOL" core check "$TMP/missing.o"
	assert_error "can't open '$TMP/missing.o'"
	echo junk > "$TMP/junk.o"
	run "$BPFTOOL" core check "$TMP/junk.o"
	assert_error "failed to check CO-RE relocations"
	run "$BPFTOOL" core check "$OBJ" btf "$TMP/missing.btf"
	assert_error "can't open BTF"
	run "$BPFTOOL" core check "$OBJ" btf "$TMP/junk.o"
	assert_error "failed to check CO-RE relocations"
	run "$BPFTOOL" -j core check "$TMP/missing.o"
	[ "$status" -ne 0 ]
	[[ "$output" == '{"error":"can'"'"'t open'* ]]
	run "$BPFTOOL" -j core check "$TMP/junk.o"
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"failed to check CO-RE relocations of '* ]]
	[[ "$output" != *relocations\"* ]]
	run "$BPFTOOL" -j core check "$OBJ" btf "$TMP/junk.o"
	[ "$status" -ne 0 ]
	[[ "$output" == *'{"error":"failed to check CO-RE relocations of '*"BTF '$TMP/junk.o'"* ]]
	run "$BPFTOOL" core check "$OBJ" what
	assert_error "unknown arg what"
	run "$BPFTOOL" core check
	assert_error "'check' needs at least 1 arguments"
	run "$BPFTOOL" core frob
	[ "$status" -ne 0 ]
}
