#!/usr/bin/env bats
# link show / pin / detach.
load common

setup() { common_setup; }
teardown() { common_teardown; }

@test "link show lists links as JSON (an array, possibly empty)" {
	run "$BPFTOOL" -j link show
	[ "$status" -eq 0 ]
	[[ "$output" == "["*"]" ]]
}

@test "link commands reject bad handles" {
	run "$BPFTOOL" link show id notanumber
	assert_error "can't parse notanumber as ID"
	run "$BPFTOOL" link show id 4294967295
	assert_error "failed to get link with ID 4294967295"
	run "$BPFTOOL" link detach
	[ "$status" -ne 0 ]
}
