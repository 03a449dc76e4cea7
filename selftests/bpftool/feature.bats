#!/usr/bin/env bats
# feature probe / list_builtins.
load common

# The reference's libbpf 1.1 knows fewer types than ours: compare what both know.
ref_prefix() {
	local n
	n=$("$REF" "$@" | wc -l)
	diff <("$REF" "$@") <("$BPFTOOL" "$@" | head -n "$n")
}

# Sections other than the helper lists (the reference's 1.1 helper probe
# misreads this kernel's verifier messages), new types filtered out.
no_helpers() {
	awk '/^Scanning eBPF helper/{skip=1} /^Scanning misc/{skip=0} !skip' |
		grep -Evi 'netfilter|cgrp_storage|arena|insn_array'
}

@test "feature list_builtins: the reference's names are a prefix of ours" {
	require_ref
	for g in prog_types map_types attach_types link_types helpers; do
		ref_prefix feature list_builtins "$g"
	done
	run "$BPFTOOL" -j feature list_builtins link_types
	[ "$status" -eq 0 ]
	[[ "$output" == '["unspec","raw_tracepoint","tracing",'* ]]
	[[ "$output" == *'"netfilter"'*']' ]]
}

@test "feature list_builtins knows 6.18's types" {
	run "$BPFTOOL" feature list_builtins prog_types
	[[ "$output" == *netfilter* ]]
	run "$BPFTOOL" feature list_builtins map_types
	[[ "$output" == *arena* ]]
	run "$BPFTOOL" feature list_builtins helpers
	[[ "${lines[0]}" == bpf_unspec ]]
	[[ "$output" == *bpf_user_ringbuf_drain* ]]
}

@test "feature probe: plain output as the reference (helpers aside)" {
	require_ref
	diff <("$REF" feature probe | no_helpers) <("$BPFTOOL" feature probe | no_helpers)
	diff <("$REF" feature probe unprivileged | no_helpers) <("$BPFTOOL" feature probe unprivileged | no_helpers)
	diff <("$REF" feature probe kernel full | no_helpers) <("$BPFTOOL" feature probe kernel full | no_helpers)
}

@test "feature probe macros as the reference (helpers aside)" {
	require_ref
	diff <("$REF" feature probe macros | grep -v __HELPER_ | no_helpers) \
	     <("$BPFTOOL" feature probe macros | grep -v __HELPER_ | no_helpers)
	diff <("$REF" feature probe macros prefix BPFKIT_ | grep -v __HELPER_ | no_helpers) \
	     <("$BPFTOOL" feature probe macros prefix BPFKIT_ | grep -v __HELPER_ | no_helpers)
}

@test "feature probe dev lo as the reference, plain and JSON" {
	require_ref
	same_as_ref feature probe dev lo
	same_as_ref -j feature probe dev lo
	same_as_ref -p feature probe dev lo
}

@test "feature probe finds what this kernel has" {
	run "$BPFTOOL" feature probe
	[ "$status" -eq 0 ]
	[[ "$output" == *"eBPF program_type xdp is available"* ]]
	[[ "$output" == *"eBPF map_type ringbuf is available"* ]]
	[[ "$output" == *"Bounded loop support is available"* ]]
	# xdp programs may redirect, socket filters may not
	sed -n '/program type xdp:/,/program type/p' <<< "$output" | grep -q 'bpf_redirect$'
	! sed -n '/program type socket_filter:/,/program type kprobe/p' <<< "$output" | grep -q 'bpf_redirect$'
	# noisy helpers only with "full"
	! grep -q bpf_trace_printk <<< "$output"
	run "$BPFTOOL" feature probe full
	grep -q bpf_trace_printk <<< "$output"
}

@test "feature probe JSON parses" {
	run "$BPFTOOL" -j feature probe
	[ "$status" -eq 0 ]
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["syscall_config"]["have_bpf_syscall"] is True
assert d["program_types"]["have_xdp_prog_type"] is True
assert "bpf_redirect" in d["helpers"]["xdp_available_helpers"]
assert d["misc"]["have_v3_isa_extension"] is True
' "$output"
}

@test "feature bad input" {
	run "$BPFTOOL" feature probe dev bpfkit_nosuchdev
	assert_error "unrecognized netdevice 'bpfkit_nosuchdev'"
	run "$BPFTOOL" feature probe kernel dev lo
	assert_error "probe target already defined"
	run "$BPFTOOL" feature probe prefix X
	assert_error "'prefix' argument can only be use after 'macros'"
	run "$BPFTOOL" feature probe bogus
	assert_error "expected no more arguments"
	run "$BPFTOOL" feature list_builtins bogus
	assert_error "expected 'prog_types', 'map_types', 'attach_types', 'link_types' or 'helpers', got: bogus"
	run "$BPFTOOL" -j feature list_builtins bogus
	[ "$status" -ne 0 ]
	[[ "$output" == '{"error":"expected '* ]]
	run "$BPFTOOL" feature list_builtins
	[ "$status" -ne 0 ]
	run "$BPFTOOL" feature nosuch
	[ "$status" -ne 0 ]
}
