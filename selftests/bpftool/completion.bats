#!/usr/bin/env bats
# bash completion (bpftool/bash-completion/bpftool): the script is sourced in
# a fresh bash without bash-completion's helpers, the completion function is
# called on a prepared command line, and COMPREPLY is checked.
load common

# help_text FAMILY: `bpftool FAMILY help`, retried for a few seconds when it
# does not print a usage (the binary may be being relinked by a parallel
# build of the same tree).
help_text() {
	local out i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		out=$("$BPFTOOL" "$@" help 2>&1) && [[ $out == Usage:* ]] && break
		sleep 1
	done
	printf '%s\n' "$out"
}

SCRIPT=${BPFKIT_SOURCE_DIR:-$BATS_TEST_DIRNAME/../..}/bpftool/bash-completion/bpftool

setup() { common_setup; }
teardown() { common_teardown; }

# complete WORD...: completes the last WORD (may be "") of
# `$BPFTOOL WORD...` and prints the candidates, one a line.
complete_words() {
	bash --norc --noprofile -c '
		script=$1; shift
		unset -f _init_completion _filedir
		source "$script" || exit 2
		declare -F _init_completion >/dev/null && exit 3
		COMP_WORDS=( "$@" )
		COMP_CWORD=$(( $# - 1 ))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_bpftool
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$SCRIPT" "$BPFTOOL" "$@"
}

# has WORD...: every WORD is among the candidates in $output.
has() {
	local w
	for w in "$@"; do
		grep -qx -- "$w" <<<"$output" ||
			{ echo "missing '$w' in: $(echo $output)"; return 1; }
	done
}

# lacks WORD...: no WORD is among the candidates.
lacks() {
	local w
	for w in "$@"; do
		! grep -qx -- "$w" <<<"$output" ||
			{ echo "unexpected '$w' in: $(echo $output)"; return 1; }
	done
}

@test "the script parses and registers a completion for bpftool" {
	run bash --norc -c "source '$SCRIPT' && complete -p bpftool"
	[ "$status" -eq 0 ]
	[[ "$output" == *"-F _bpftool bpftool"* ]]
}

@test "top level offers every family of main help, core, batch, version" {
	run complete_words ""
	[ "$status" -eq 0 ]
	local fams
	fams=$(help_text | sed -n 's/.*OBJECT := {\(.*\)}.*/\1/p' | tr -d '|')
	[ -n "$fams" ]
	has $fams core batch version help
}

@test "every family of main help completes its commands from its help text" {
	local fams fam cmds c
	fams=$(help_text | sed -n 's/.*OBJECT := {\(.*\)}.*/\1/p' | tr -d '|')
	for fam in $fams core; do
		# the word after "bpftool FAMILY" on each Usage line, braces opened
		cmds=$(help_text "$fam" |
			sed -n "s/^\(Usage:\)\? *bpftool $fam \([^[A-Z]*\).*/\2/p" |
			tr -d '{}|' | awk '{ for (i = 1; i <= NF; i++) print $i }' |
			grep -vx -e "$fam" | sort -u)
		[ -n "$cmds" ] || { echo "no commands parsed for $fam"; return 1; }
		run complete_words "$fam" ""
		[ "$status" -eq 0 ]
		for c in $cmds; do
			# only the first word of a command counts (dump xlated -> dump)
			grep -qx -- "$c" <<<"$output" && continue
			case $c in xlated|jited) continue ;; esac
			echo "$fam: '$c' not offered: $(echo $output)"
			return 1
		done
	done
}

@test "prog subcommands" {
	run complete_words prog ""
	has show list dump pin load loadall attach detach run profile tracelog help
	run complete_words prog lo
	has load loadall
	lacks show
	run complete_words prog dump ""
	has xlated jited
}

@test "global options, anywhere on the line" {
	run complete_words -
	has -j --json -p --pretty -d --debug -f --bpffs -m --mapcompat \
		-n --nomount -L --use-loader -B --base-btf -V --version -h --help
	run complete_words --j
	has --json
	lacks --pretty
	run complete_words -j map ""
	has show create dump
	run complete_words map show -
	has --json
}

@test "map create ... type offers every map type of map help" {
	run complete_words map create "$PIN/m" type ""
	local types
	types=$(help_text map | sed -n '/TYPE := {/,/}/p' |
		sed 's/.*TYPE := {//; s/}.*//' | tr -d '|')
	[ -n "$types" ]
	has $types
	run complete_words map create "$PIN/m" type per
	has percpu_hash percpu_array percpu_cgroup_storage
	lacks hash
	run complete_words map create "$PIN/m" type hash ""
	has key value entries name flags inner_map offload_dev
	lacks type
}

@test "prog load ... type offers every program type of prog help" {
	run complete_words prog load x.o "$PIN/p" type ""
	local types
	types=$(help_text prog | sed -n '/ TYPE := {/,/}/p' |
		sed 's/.*TYPE := {//; s/}.*//' | tr -d '|')
	[ -n "$types" ]
	has $types
}

@test "attach types of prog, cgroup and net come from their help texts" {
	run complete_words prog attach id 1 ""
	has sk_msg_verdict sk_skb_verdict sk_skb_stream_verdict \
		sk_skb_stream_parser flow_dissector
	run complete_words prog attach id 1 sk_skb_verdict ""
	has id pinned name
	run complete_words prog attach id 1 flow_dissector ""
	[ -z "$output" ]
	run complete_words cgroup attach /sys/fs/cgroup ""
	local types
	types=$(help_text cgroup | sed -n '/ATTACH_TYPE := {/,/}/p' |
		sed 's/.*ATTACH_TYPE := {//; s/}.*//' | tr -d '|')
	has $types
	run complete_words net attach ""
	has xdp xdpgeneric xdpdrv xdpoffload tcx_ingress tcx_egress
}

@test "map show id / name complete live maps created by our bpftool" {
	local id
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 1 name cmp$$
	id=$("$BPFTOOL" -j map show pinned "$PIN/m" | sed 's/^{"id":\([0-9]*\),.*/\1/')
	[[ "$id" =~ ^[0-9]+$ ]]
	run complete_words map show ""
	has id pinned name
	run complete_words map show id ""
	has "$id"
	run complete_words map dump name cmp
	has cmp$$
	run complete_words btf dump map id "$id" ""
	has key value kv all format root_id
}

@test "prog show id / tag / name complete a program loaded by our bpftool" {
	local obj=$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o
	[ -f "$obj" ] || skip "test program $obj not built"
	"$BPFTOOL" prog load "$obj" "$PIN/p"
	local json id tag name
	json=$("$BPFTOOL" -j prog show pinned "$PIN/p")
	id=$(sed 's/^{"id":\([0-9]*\),.*/\1/' <<<"$json")
	tag=$(sed 's/.*"tag":"\([0-9a-f]*\)".*/\1/' <<<"$json")
	name=$(sed 's/.*"name":"\([^"]*\)".*/\1/' <<<"$json")
	run complete_words prog show id ""
	has "$id"
	run complete_words prog show id "${id:0:1}"
	has "$id"
	run complete_words prog dump xlated tag ""
	has "$tag"
	run complete_words prog show name ""
	has "$name"
	run complete_words prog dump xlated id "$id" ""
	has file opcodes linum visual
}

@test "attach commands offer only programs of a fitting type" {
	local obj=$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o
	[ -f "$obj" ] || skip "test program $obj not built"
	"$BPFTOOL" prog load "$obj" "$PIN/x"
	"$BPFTOOL" prog load "$obj" "$PIN/s" type socket
	local xdp sock
	xdp=$("$BPFTOOL" -j prog show pinned "$PIN/x" | sed 's/^{"id":\([0-9]*\),.*/\1/')
	sock=$("$BPFTOOL" -j prog show pinned "$PIN/s" | sed 's/^{"id":\([0-9]*\),.*/\1/')
	"$BPFTOOL" -j prog show id "$xdp" | grep -q '"type":"xdp"' ||
		skip "bpftool_prog.bpf.o's first program is no longer XDP"
	run complete_words net attach xdpgeneric id ""
	has "$xdp"
	lacks "$sock"
	run complete_words prog show id ""
	has "$xdp" "$sock"
	run complete_words cgroup attach /sys/fs/cgroup cgroup_inet_egress id ""
	lacks "$xdp" "$sock"
}

@test "families and commands may be abbreviated as bpftool allows" {
	run complete_words p ""
	has show load dump
	run complete_words m cr "$PIN/m" type hash ""
	has key value entries name
	run complete_words c sh ""
	lacks show
	run complete_words bt ""
	has show dump
	run complete_words bt d file /sys/kernel/btf/vmlinux f
	has format
	# the first match in bpftool's table wins: "b" is batch
	run complete_words b ""
	has file
}

@test "map update: key, hex bytes, value and flags" {
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 4 name cmu$$
	local id
	id=$("$BPFTOOL" -j map show pinned "$PIN/h" | sed 's/^{"id":\([0-9]*\),.*/\1/')
	run complete_words map update id "$id" ""
	has key value
	run complete_words map update id "$id" key ""
	has hex
	run complete_words map update id "$id" key 1 0 0 0 ""
	has value
	run complete_words map update id "$id" key 1 0 0 0 value ""
	has hex
	run complete_words map update id "$id" key 1 0 0 0 value 2 0 0 0 ""
	has any exist noexist
	run complete_words map lookup id "$id" ""
	has key
	lacks value
}

@test "btf dump sources, format raw|c, root_id" {
	run complete_words btf dump ""
	has id prog map file
	run complete_words btf dump file /sys/kernel/btf/vmlinux ""
	has format root_id
	run complete_words btf dump file /sys/kernel/btf/vmlinux format ""
	has raw c
	run complete_words btf show id ""
	has 1
}

@test "file arguments complete paths" {
	local d=$BATS_TEST_TMPDIR/d
	mkdir -p "$d"
	touch "$d/obj1.o" "$d/obj2.o"
	run complete_words btf dump file "$d/ob"
	has "$d/obj1.o" "$d/obj2.o"
	run complete_words map pin id 1 "$d/"
	has "$d/obj1.o"
	run complete_words core check "$d/obj1"
	has "$d/obj1.o"
	run complete_words core check "$d/obj1.o" ""
	has btf
	run complete_words -B "$d/obj"
	has "$d/obj1.o"
	run complete_words prog load "$d/obj1.o" "$PIN/p" pinmaps "$BATS_TEST_TMPDIR/"
	has "$d"
	lacks "$d/obj1.o"
	run complete_words batch ""
	has file
}

@test "net and feature dev complete interface names" {
	run complete_words net show dev ""
	has lo
	run complete_words net detach xdp dev ""
	has lo
	run complete_words feature probe dev ""
	has lo
	run complete_words feature probe ""
	has kernel dev full unprivileged macros
	run complete_words feature probe macros ""
	has prefix
	run complete_words feature list_builtins ""
	has prog_types map_types attach_types link_types helpers
}

@test "the remaining families complete their keywords" {
	run complete_words link show ""
	has id pinned
	run complete_words cgroup show /sys/fs/cgroup ""
	has effective
	run complete_words cgroup attach /sys/fs/cgroup cgroup_device id 1 ""
	has multi override
	run complete_words prog run id 1 ""
	has data_in data_out ctx_in ctx_out repeat
	run complete_words prog profile id 1 ""
	has duration cycles instructions l1d_loads llc_misses itlb_misses dtlb_misses
	run complete_words iter pin a.o "$PIN/i" ""
	has map
	run complete_words struct_ops show ""
	has id name
	run complete_words gen skeleton a.o ""
	has name
	run complete_words token ""
	has show list help
	run complete_words perf ""
	has show list help
}

@test "with bash-completion's helpers loaded the script works too" {
	local bc=/usr/share/bash-completion/bash_completion
	[ -f "$bc" ] || skip "bash-completion not installed: helper path not exercised"
	run bash --norc --noprofile -c '
		source "$1" && source "$2" || exit 2
		COMP_WORDS=( "$3" map create x type perc )
		COMP_CWORD=5
		COMP_LINE="${COMP_WORDS[*]}"
		COMP_POINT=${#COMP_LINE}
		_bpftool
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$bc" "$SCRIPT" "$BPFTOOL"
	[ "$status" -eq 0 ]
	has percpu_hash percpu_array percpu_cgroup_storage
	lacks hash
}

@test "map update of a prog_array offers programs as values, of a map-in-map maps" {
	local obj=$BPFKIT_PROGS_DIR/bpftool_prog.bpf.o
	[ -f "$obj" ] || skip "test program $obj not built"
	"$BPFTOOL" map create "$PIN/jmp" type prog_array key 4 value 4 entries 2 name cj$$
	"$BPFTOOL" prog load "$obj" "$PIN/p"
	local pid
	pid=$("$BPFTOOL" -j prog show pinned "$PIN/p" | sed 's/^{"id":\([0-9]*\),.*/\1/')
	run complete_words map update pinned "$PIN/jmp" key 0 0 0 0 value ""
	has id pinned tag name
	lacks hex
	run complete_words map update pinned "$PIN/jmp" key 0 0 0 0 value id ""
	has "$pid"
	run complete_words map update pinned "$PIN/jmp" key 0 0 0 0 value id "$pid" ""
	has any exist noexist

	"$BPFTOOL" map create "$PIN/in" type array key 4 value 4 entries 1 name ci$$
	"$BPFTOOL" map create "$PIN/out" type array_of_maps key 4 value 4 entries 1 \
		name co$$ inner_map pinned "$PIN/in"
	run complete_words map update name co$$ key 0 0 0 0 value ""
	has id pinned name
	lacks tag hex
	run complete_words map update name co$$ key 0 0 0 0 value name ci
	has ci$$
}

@test "shellcheck finds nothing in the script" {
	command -v shellcheck >/dev/null || skip "shellcheck not installed: lint skipped"
	# SC2207: COMPREPLY=( $(compgen ...) ) is the completion idiom;
	# SC2046: map type lists are split on purpose.
	run shellcheck -s bash -e SC2207,SC2046 "$SCRIPT"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
}
