#!/usr/bin/env bats
# token show: bpffs mounts with delegation options.
load common

setup() {
	TOK=$(mktemp -d /tmp/bpfkit_token.XXXXXX)
	mount -t bpf -o delegate_cmds=map_create:prog_load:btf_load,delegate_maps=array:hash,delegate_progs=xdp:socket_filter:kprobe:tracepoint:sched_cls,delegate_attachs=any bpf "$TOK"
}

teardown() {
	umount "$TOK" 2>/dev/null || true
	rmdir "$TOK"
}

@test "token show lists a delegating bpffs" {
	run "$BPFTOOL" token show
	[ "$status" -eq 0 ]
	# the kernel prints the items in its own order
	want=$(printf '%s\n' "token_info  $TOK" \
		$'\tallowed_cmds:' \
		$'\t  map_create          prog_load           btf_load' \
		$'\tallowed_maps:' \
		$'\t  hash                array' \
		$'\tallowed_progs:' \
		$'\t  socket_filter       kprobe              sched_cls           tracepoint' \
		$'\t  xdp' \
		$'\tallowed_attachs:' \
		$'\t  any')
	got=$(grep -A9 "^token_info  $TOK\$" <<< "$output")
	[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got"); false; }
}

@test "token list JSON" {
	run "$BPFTOOL" -j token list
	[ "$status" -eq 0 ]
	python3 -c '
import json, sys
d = [t for t in json.loads(sys.argv[1]) if t["token_info"] == sys.argv[2]]
assert len(d) == 1, d
t = d[0]
assert t["allowed_cmds"] == ["map_create", "prog_load", "btf_load"], t
assert t["allowed_maps"] == ["hash", "array"], t
assert "xdp" in t["allowed_progs"] and t["allowed_attachs"] == ["any"], t
' "$output" "$TOK"
}

@test "token show skips bpffs mounts without delegation" {
	umount "$TOK"
	mount -t bpf bpf "$TOK"
	run "$BPFTOOL" token show
	[ "$status" -eq 0 ]
	[[ "$output" != *"token_info  $TOK"* ]]
}

@test "token bad input" {
	run "$BPFTOOL" token show extra
	assert_error "what is 'extra'?"
	run "$BPFTOOL" -j token show extra
	[ "$status" -ne 0 ]
	[[ "$output" == '{"error":"what is '* ]]
	run "$BPFTOOL" token frob
	[ "$status" -ne 0 ]
}
