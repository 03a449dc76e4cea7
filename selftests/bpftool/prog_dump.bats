#!/usr/bin/env bats
# prog dump xlated (and jited where built with LLVM): output compared byte
# for byte with the reference bpftool on the same loaded programs.
load common

setup() {
	common_setup
	OBJ=$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o
	"$BPFTOOL" prog loadall "$OBJ" "$PIN/p"
}
teardown() { common_teardown; }

prog_id() {
	"$BPFTOOL" -j prog show pinned "$PIN/p/$1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2
}

@test "dump xlated plain equals the reference for every program" {
	for p in xdp_count xdp_pass sock_printk; do
		same_as_ref prog dump xlated pinned "$PIN/p/$p"
		same_as_ref prog dump xlated id "$(prog_id $p)"
	done
}

@test "dump xlated opcodes and linum equal the reference" {
	for p in xdp_count sock_printk; do
		same_as_ref prog dump xlated pinned "$PIN/p/$p" opcodes
		same_as_ref prog dump xlated pinned "$PIN/p/$p" linum
	done
}

@test "dump xlated JSON (compact, pretty, opcodes, linum) equals the reference" {
	for p in xdp_count sock_printk; do
		same_as_ref -j prog dump xlated pinned "$PIN/p/$p"
		same_as_ref -p prog dump xlated pinned "$PIN/p/$p"
		same_as_ref -j prog dump xlated pinned "$PIN/p/$p" opcodes
		same_as_ref -j prog dump xlated pinned "$PIN/p/$p" linum
	done
}

@test "dump xlated names helpers, maps, global data, subprograms and tail calls" {
	run "$BPFTOOL" prog dump xlated pinned "$PIN/p/xdp_count"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "int xdp_count(struct xdp_md * ctx):" ]]
	[[ "$output" == *"= map[id:"* ]]
	[[ "$output" == *"][0]+0"* ]]
	[[ "$output" == *"call bpf_tail_call#12"* ]]
	[[ "$output" == *"call pc+"*"#bpf_prog_"*"_clamp"* ]]
	[[ "$output" == *"lock *(u64 *)(r0 +0) += r"* ]]
	[[ "$output" == *"atomic_cmpxchg((u32 *)"* ]]
	[[ "$output" == *"int clamp(int v):"* ]]
	[[ "$output" == *"; if (len > 9000)"* ]]
}

@test "dump xlated with a name that matches several programs dumps them all" {
	run "$BPFTOOL" -j prog dump xlated name xdp_pass
	[ "$status" -eq 0 ]
	[[ "$output" == "["* ]]
}

@test "dump xlated file writes the raw instructions" {
	"$BPFTOOL" prog dump xlated pinned "$PIN/p/xdp_count" file "$BATS_TEST_TMPDIR/ours"
	bytes=$("$BPFTOOL" -j prog show pinned "$PIN/p/xdp_count" | grep -o '"bytes_xlated":[0-9]*' | cut -d: -f2)
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/ours")" -eq "$bytes" ]
	run "$BPFTOOL" -j prog dump xlated pinned "$PIN/p/xdp_count" file "$BATS_TEST_TMPDIR/ours2"
	[ "$output" = "null" ]
	if have_ref; then
		"$REF" prog dump xlated pinned "$PIN/p/xdp_count" file "$BATS_TEST_TMPDIR/theirs"
		cmp "$BATS_TEST_TMPDIR/ours" "$BATS_TEST_TMPDIR/theirs"
	fi
}

@test "dump xlated rejects bad input" {
	run "$BPFTOOL" prog dump
	assert_error "expected 'xlated' or 'jited'"
	run "$BPFTOOL" prog dump foo id 1
	assert_error "expected 'xlated' or 'jited', got: foo"
	run "$BPFTOOL" prog dump xlated id notanumber
	assert_error "can't parse notanumber as ID"
	run "$BPFTOOL" prog dump xlated id 4294967295
	assert_error "get by id (4294967295)"
	run "$BPFTOOL" prog dump xlated tag 12345
	assert_error "can't parse tag"
	run "$BPFTOOL" prog dump xlated tag zzzzzzzzzzzzzzzz
	assert_error "can't parse tag"
	run "$BPFTOOL" prog dump xlated pinned "$PIN/nonexistent"
	assert_error "$PIN/nonexistent"
	run "$BPFTOOL" prog dump xlated pinned "$PIN/p/xdp_count" file /x opcodes
	assert_error "'file' is not compatible"
	run "$BPFTOOL" prog dump xlated pinned "$PIN/p/xdp_count" bogus
	assert_error "bogus"
	run "$BPFTOOL" prog dump xlated pinned "$PIN/p/xdp_count" file /nonexistent/dir/f
	assert_error "can't open file /nonexistent/dir/f"
	run "$BPFTOOL" -j prog dump xlated pinned "$PIN/p/xdp_count" visual
	[ "$status" -ne 0 ]
	[[ "$output" == *'"error":"'*visual* ]]
}

@test "dump xlated of a map is a wrong object kind" {
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 1 name bats_dm
	run "$BPFTOOL" prog dump xlated pinned "$PIN/m"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
}

@test "dump xlated visual prints a DOT graph" {
	run "$BPFTOOL" prog dump xlated pinned "$PIN/p/xdp_count" visual
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == 'digraph "DOT graph for eBPF program" {' ]]
	[[ "$output" == *"fn_0_bb_0 [shape=Mdiamond"* ]]
	[ "${lines[-1]}" = "}" ]
	same_as_ref prog dump xlated pinned "$PIN/p/xdp_count" visual
	same_as_ref prog dump xlated pinned "$PIN/p/sock_printk" visual
}

@test "dump jited prints x86 instructions with function headers" {
	run "$BPFTOOL" prog dump jited pinned "$PIN/p/xdp_count"
	if [[ "$output" == *"No JIT disassembly support"* ]]; then
		skip "bpftool has no LLVM disassembler: $output"
	fi
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "int xdp_count(struct xdp_md * ctx):" ]]
	[[ "${lines[1]}" =~ ^bpf_prog_[0-9a-f]{16}_xdp_count:$ ]]
	[[ "$output" == *$'\n; __u32 key = ctx->ingress_ifindex & 15;\n'* ]]
	[[ "$output" =~ $'\n'\ \ \ 0:$'\t'[a-z]+ ]]
	[[ "$output" == *"int clamp(int v):"*"_clamp:"* ]]
	[[ "$output" == *"pushq"*"%rbp"* ]]
	run "$BPFTOOL" prog dump jited pinned "$PIN/p/xdp_pass" opcodes linum
	[ "$status" -eq 0 ]
	[[ "$output" == *"[file:"*"bpftool_prog.bpf.c line_num:"*"line_col:"* ]]
	[[ "$output" == *$'\n\t55 \n'* ]]
	run "$BPFTOOL" -j prog dump jited pinned "$PIN/p/xdp_pass" opcodes
	[ "$status" -eq 0 ]
	[[ "$output" == '[{"proto":"int xdp_pass(struct xdp_md * ctx)","name":"bpf_prog_'*'","insns":[{"src":"return XDP_PASS;","pc":"0x0","operation":'* ]]
	[[ "$output" == *'"opcodes":["0x'* ]]
	run "$BPFTOOL" prog dump jited pinned "$PIN/p/xdp_pass" file "$BATS_TEST_TMPDIR/jit"
	[ "$status" -eq 0 ]
	bytes=$("$BPFTOOL" -j prog show pinned "$PIN/p/xdp_pass" | grep -o '"bytes_jited":[0-9]*' | cut -d: -f2)
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/jit")" -eq "$bytes" ]
	run "$BPFTOOL" prog dump jited pinned "$PIN/p/xdp_pass" visual
	[ "$status" -ne 0 ]
	# the reference compares only when it was built with a disassembler
	if have_ref && "$REF" prog dump jited pinned "$PIN/p/xdp_pass" >/dev/null 2>&1; then
		same_as_ref prog dump jited pinned "$PIN/p/xdp_count"
		same_as_ref -j prog dump jited pinned "$PIN/p/xdp_count"
		same_as_ref prog dump jited pinned "$PIN/p/xdp_count" opcodes
	else
		echo "# reference bpftool has no jited disassembler: comparison skipped" >&3
	fi
}

@test "prog show by id equals the reference" {
	id=$(prog_id xdp_count)
	same_as_ref prog show id "$id"
	same_as_ref -j prog show id "$id"
	same_as_ref -p prog show pinned "$PIN/p/xdp_count"
}

@test "dump xlated prints the v4 ISA and every atomic as the kernel writes them" {
	"$BPFTOOL" prog loadall "$BPFKIT_PROGS_DIR/bpftool_isa.bpf.o" "$PIN/isa"
	run "$BPFTOOL" prog dump xlated pinned "$PIN/isa/isa_v4"
	[ "$status" -eq 0 ]
	for want in "(bf) r3 = (s8)r2" "(bc) w4 = (s16)w2" "(bf) r3 = (s32)r2" \
		"(3f) r1 s/= r2" "(94) w1 s%= 7" "(37) r1 s/= -3" "(9f) r1 %= r2" \
		"(d7) r1 = bswap16 r1" "(d7) r1 = bswap32 r1" "(d7) r1 = bswap64 r1" \
		"(d4) r1 = le16 r1" "(dc) r1 = be32 r1" "(87) r1 = -r1" "(84) w1 = -w1" \
		"(c7) r1 s>>= 3" "(91) r3 = *(s8 *)(r10 -8)" "(89) r3 = *(s16 *)(r10 -8)" \
		"(81) r3 = *(s32 *)(r10 -8)" "(06) gotol pc+0" \
		"(db) lock *(u64 *)(r10 -8) += r1" "(db) lock *(u64 *)(r10 -8) &= r1" \
		"(db) lock *(u64 *)(r10 -8) |= r1" "(db) lock *(u64 *)(r10 -8) ^= r1" \
		"(db) r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)" \
		"(db) r1 = atomic64_fetch_and((u64 *)(r10 -8), r1)" \
		"(db) r1 = atomic64_fetch_or((u64 *)(r10 -8), r1)" \
		"(db) r1 = atomic64_fetch_xor((u64 *)(r10 -8), r1)" \
		"(c3) r1 = atomic_xchg((u32 *)(r10 -8), r1)" \
		"(db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)" \
		"(db) r3 = load_acquire((u64 *)(r10 -8))" \
		"(c3) store_release((u32 *)(r10 -8), r1)" \
		"(72) *(u8 *)(r10 -16) = 7" "(16) if w1 == 0x3 goto pc+0" \
		"(be) if w1 <= w2 goto pc+0" "(95) exit"; do
		[[ "$output" == *": $want"$'\n'* || "$output" == *": $want" ]] || {
			echo "missing: $want"; return 1; }
	done
	# may_goto is rewritten by the verifier into a counted loop
	run "$BPFTOOL" prog dump xlated pinned "$PIN/isa/isa_loop"
	[ "$status" -eq 0 ]
	[[ "$output" == *"goto pc-"* ]]
	run "$BPFTOOL" prog dump xlated pinned "$PIN/isa/isa_v4" visual
	[ "$status" -eq 0 ]
	[[ "$output" == *'s\>\>= 3\l\'* ]]
	run "$BPFTOOL" -j prog dump xlated pinned "$PIN/isa/isa_v4"
	[[ "$output" == *'"disasm":"(db) r3 = load_acquire((u64 *)(r10 -8))"'* ]]
}
