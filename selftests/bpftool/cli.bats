#!/usr/bin/env bats
# The command line itself: options, dispatch, help, batch mode, errors.
load common

setup() { common_setup; }
teardown() { common_teardown; }

@test "version prints bpftool and libbpf versions" {
	run "$BPFTOOL" version
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "bpftool v7."* ]]
	[[ "${lines[1]}" == "using libbpf v1.8" ]]
	run "$BPFTOOL" -V
	[[ "${lines[0]}" == "bpftool v7."* ]]
}

@test "version -j is one JSON object with the reference's keys" {
	run "$BPFTOOL" -j version
	[ "$status" -eq 0 ]
	[[ "$output" == '{"version":"7.'*'","libbpf_version":"1.8","features":{'* ]]
	echo "$output" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["features"]["skeletons"]'
}

@test "unknown object fails with status 255 and usage; -j prints null" {
	run "$BPFTOOL" frobnicate
	[ "$status" -eq 255 ]
	[[ "$output" == *"Usage: bpftool [OPTIONS] OBJECT"* ]]
	run "$BPFTOOL" -j frobnicate
	[ "$status" -eq 255 ]
	[[ "$output" == *"null"* ]]
}

@test "unknown option is an error" {
	run "$BPFTOOL" --no-such-option map show
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: unrecognized option"* ]]
}

@test "commands may be abbreviated as the reference allows" {
	"$BPFTOOL" map create "$PIN/m" type hash key 4 value 4 entries 4 name bats_abbrev
	run "$BPFTOOL" m s pinned "$PIN/m"
	[ "$status" -eq 0 ]
	[[ "$output" == *"name bats_abbrev"* ]]
}

@test "batch file runs each line, skips comments, counts commands" {
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 2 name bats_batch
	cat > "$BATS_TEST_TMPDIR/batch" <<-EOB
	# a comment line
	map show pinned $PIN/m
	map update pinned "$PIN/m" key 0 0 0 0 value 1 0 0 0   # trailing comment
	EOB
	run "$BPFTOOL" batch file "$BATS_TEST_TMPDIR/batch"
	[ "$status" -eq 0 ]
	[[ "$output" == *"name bats_batch"* ]]
	[[ "${lines[-1]}" == "processed 2 commands" ]]
}

@test "batch file from stdin stops at the first failing command" {
	run bash -c "printf 'version\nmap show id 4294967295\nversion\n' | '$BPFTOOL' batch file -"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: get map by id (4294967295)"* ]]
	[[ "$output" != *"processed"* ]]
}

@test "batch JSON wraps each command and its output" {
	run bash -c "printf 'version\n' | '$BPFTOOL' -j batch file -"
	[ "$status" -eq 0 ]
	[[ "$output" == '[{"command":["version"],"output":{"version":'* ]]
}

@test "batch file: missing file and unterminated quote" {
	run "$BPFTOOL" batch file /nonexistent/bpfkit
	assert_error "Can't open file (/nonexistent/bpfkit)"
	run bash -c "printf 'map show \"id\n' | '$BPFTOOL' batch file -"
	assert_error "unterminated quoted string"
}

@test "errors are JSON objects under -j and pretty under -p" {
	run "$BPFTOOL" -j map show id 4294967295
	[ "$status" -eq 255 ]
	[ "$output" = '{"error":"get map by id (4294967295): No such file or directory"}' ]
	run "$BPFTOOL" -p map show id 4294967295
	[ "${lines[0]}" = "{" ]
	[ "${lines[1]}" = '    "error": "get map by id (4294967295): No such file or directory"' ]
}

@test "malformed ids are rejected" {
	run "$BPFTOOL" map show id 12abc
	assert_error "can't parse 12abc as ID"
	run "$BPFTOOL" prog show id 99999999999
	assert_error "can't parse 99999999999 as ID"
	run "$BPFTOOL" prog show tag nothex
	assert_error "can't parse tag"
	run "$BPFTOOL" map show frob 1
	assert_error "expected 'id', 'name' or 'pinned'"
}
