#!/usr/bin/env bats
# Manual pages (docs/man): every page renders without warnings, and every
# command and keyword a family's `help` prints appears in its page, so that
# a help text changed without its page fails here.
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

MANDIR=${BPFKIT_SOURCE_DIR:-$BATS_TEST_DIRNAME/../..}/docs/man
setup() { common_setup; }
teardown() { common_teardown; }

FAMILIES="prog map link btf cgroup net perf feature iter struct_ops token gen core"

# render PAGE: the page as plain text on stdout.
render() {
	if command -v groff >/dev/null; then
		groff -man -Tascii -P-cbou "$1" 2>/dev/null
	else
		MANWIDTH=120 MAN_KEEP_FORMATTING= man -l "$1" 2>/dev/null | col -b
	fi
}

need_renderer() {
	command -v groff >/dev/null || command -v man >/dev/null ||
		skip "neither groff nor man installed: manual pages not checked"
}

# help_words FAMILY: the lowercase words of the family's usage text (its
# commands, keywords and listed types), without the OPTIONS lines and the
# trailing note, one a line.
help_words() {
	help_text "$1" |
		sed -e '/^Note:/,$d' -e '/OPTIONS :=/,$d' |
		grep -ow '[a-z][a-z0-9_/]*' |
		grep -vx -e devname | sort -u
}

# help_commands FAMILY: the command words of the family's Usage lines.
help_commands() {
	help_text "$1" |
		sed -n "s/^\(Usage:\)\? *bpftool $1 \([^[A-Z]*\).*/\2/p" |
		tr -d '{}|' | awk '{ for (i = 1; i <= NF; i++) print $i }' |
		sort -u
}

@test "every family of main help has a page, as do core and the overview" {
	local fams f
	fams=$(help_text | sed -n 's/.*OBJECT := {\(.*\)}.*/\1/p' | tr -d '|')
	[ -n "$fams" ]
	[ -f "$MANDIR/bpftool.8" ]
	for f in $fams core; do
		[ -f "$MANDIR/bpftool-$f.8" ] || { echo "no page for $f"; return 1; }
	done
	[ -f "$MANDIR/README.md" ]
}

@test "groff renders every page without warnings" {
	command -v groff >/dev/null || skip "groff not installed: groff warnings not checked"
	local p out
	for p in "$MANDIR"/*.8; do
		out=$(groff -man -ww -z "$p" 2>&1)
		[ -z "$out" ] || { echo "$p: $out"; return 1; }
	done
}

@test "man renders every page without warnings" {
	command -v man >/dev/null || skip "man not installed: man warnings not checked"
	local p out
	for p in "$MANDIR"/*.8; do
		out=$(MANWIDTH=80 man --warnings -l "$p" 2>&1 >/dev/null)
		[ -z "$out" ] || { echo "$p: $out"; return 1; }
	done
}

@test "each page has NAME, SYNOPSIS, DESCRIPTION, EXAMPLES and SEE ALSO" {
	need_renderer
	local f text s
	for f in $FAMILIES; do
		text=$(render "$MANDIR/bpftool-$f.8")
		for s in NAME SYNOPSIS DESCRIPTION EXAMPLES "SEE ALSO"; do
			grep -qx "$s" <<<"$text" ||
				{ echo "bpftool-$f.8: no $s section"; return 1; }
		done
	done
	text=$(render "$MANDIR/bpftool.8")
	for s in OPTIONS "EXIT STATUS" "JSON OUTPUT" "SEE ALSO"; do
		grep -qx "$s" <<<"$text" || { echo "bpftool.8: no $s"; return 1; }
	done
}

@test "every command of each family's help is described in its page" {
	need_renderer
	local f c text cmds
	for f in $FAMILIES; do
		text=$(render "$MANDIR/bpftool-$f.8")
		cmds=$(help_commands "$f")
		[ -n "$cmds" ] || { echo "no commands parsed from '$f help'"; return 1; }
		for c in $cmds; do
			# in a synopsis or description line naming the family
			grep -Eq "bpftool $f( .*)? \{? ?$c( |$)" <<<"$text" ||
				grep -Eq "bpftool $f .*[ {|]$c( |$)" <<<"$text" || {
				echo "bpftool-$f.8 does not describe '$f $c'"
				return 1
			}
		done
	done
}

@test "every keyword and type of each family's help appears in its page" {
	need_renderer
	local f w text missing=
	for f in $FAMILIES; do
		text=$(render "$MANDIR/bpftool-$f.8")
		for w in $(help_words "$f"); do
			grep -qwF -- "$w" <<<"$text" || missing+=" $f:$w"
		done
	done
	[ -z "$missing" ] || { echo "missing from the pages:$missing"; return 1; }
}

@test "the overview lists every global option of main.c" {
	need_renderer
	local text o
	text=$(render "$MANDIR/bpftool.8")
	for o in -j --json -p --pretty -d --debug -f --bpffs -m --mapcompat \
		-n --nomount -L --use-loader -B --base-btf -V --version -h --help; do
		grep -qF -- "$o" <<<"$text" || { echo "bpftool.8 lacks $o"; return 1; }
	done
	# and every family of the main help is cross-referenced
	local fams fam
	fams=$(help_text | sed -n 's/.*OBJECT := {\(.*\)}.*/\1/p' | tr -d '|')
	for fam in $fams core; do
		grep -qF "bpftool-$fam(8)" <<<"$text" || { echo "no bpftool-$fam(8)"; return 1; }
	done
}

@test "the examples' command words are accepted by our bpftool's help" {
	# Every "bpftool FAMILY CMD" of an EXAMPLES section names a command
	# that the family's help lists.
	need_renderer
	local f text line cmd cmds
	for f in $FAMILIES; do
		text=$(render "$MANDIR/bpftool-$f.8" | sed -n '/^EXAMPLES$/,/^SEE ALSO$/p')
		cmds=$(help_commands "$f")
		while read -r line; do
			cmd=$(sed -n "s/.*bpftool \(-[^ ]* \)*$f \([a-z_]*\).*/\2/p" <<<"$line")
			[ -n "$cmd" ] || continue
			# (no early-exiting grep in a pipe: SIGPIPE under pipefail)
			grep -qx -- "$cmd" <<<"$cmds" ||
				{ echo "bpftool-$f.8 example uses unknown '$f $cmd': $line"; return 1; }
		done <<<"$text"
	done
}

# example_cmds PAGE FIRST_WORDS: the commands of the EXAMPLES block whose
# introduction starts with FIRST_WORDS, continuation lines joined, "# "
# prompts removed.
example_cmds() {
	render "$MANDIR/$1" | sed -n '/^EXAMPLES$/,/^SEE ALSO$/p' |
		awk -v intro="$2" '
			!on { if (index($0, intro)) on = 1; next }
			/^ *$/ { next }
			cont {	# continuation of the previous line
				sub(/^ */, "")
				cmd = cmd $0
			}
			!cont {
				if (!sub(/^ *[#$] /, "")) {
					if (started)
						exit	# the next introduction
					next		# the rest of this one
				}
				started = 1
				cmd = $0
			}
			{
				cont = sub(/ *\\$/, " ", cmd)
				if (!cont)
					print cmd
			}'
}

@test "the map page's first example runs as written with our bpftool" {
	need_renderer
	local cmds line n=0
	cmds=$(example_cmds bpftool-map.8 "Create a hash map")
	[ -n "$cmds" ]
	while read -r line; do
		# its pin moves to this test's directory, its name gets our pid
		line=${line//\/sys\/fs\/bpf\//$PIN/}
		line=${line//counts/ex$$}
		[[ $line == bpftool\ * ]] || { echo "not a bpftool command: $line"; return 1; }
		run "$BPFTOOL" ${line#bpftool }
		[ "$status" -eq 0 ] || { echo "failed: $line: $output"; return 1; }
		n=$((n + 1))
	done <<<"$cmds"
	[ "$n" -eq 4 ]
	[[ "$output" == *"value: 2a 00 00 00 00 00 00 00"* ]]
}

@test "the btf page's vmlinux.h example produces a header that compiles" {
	need_renderer
	[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF"
	command -v clang >/dev/null || command -v clang-14 >/dev/null || skip "clang not installed"
	local cc line
	cc=$(command -v clang || command -v clang-14)
	line=$(example_cmds bpftool-btf.8 "Generate a header")
	[[ "$line" == "bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h" ]]
	"$BPFTOOL" btf dump file /sys/kernel/btf/vmlinux format c > "$BATS_TEST_TMPDIR/vmlinux.h"
	echo '#include "vmlinux.h"' > "$BATS_TEST_TMPDIR/t.c"
	"$cc" -target bpf -fsyntax-only -I "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/t.c"
}

# run_example PAGE INTRO FROM=TO...: runs, in a scratch directory, the
# bpftool commands of an EXAMPLES block, with each FROM replaced by TO
# (object files of the examples become test objects).
run_example() {
	local page=$1 intro=$2 cmds line sub
	shift 2
	cmds=$(example_cmds "$page" "$intro")
	[ -n "$cmds" ] || { echo "$page: no example after '$intro'"; return 1; }
	mkdir -p "$BATS_TEST_TMPDIR/ex"
	while read -r line; do
		[[ $line == bpftool\ * ]] || continue
		for sub in "$@"; do
			line=${line//"${sub%%=*}"/"${sub#*=}"}
		done
		(cd "$BATS_TEST_TMPDIR/ex" && bpftool() { "$BPFTOOL" "$@"; } &&
			eval "$line") >"$BATS_TEST_TMPDIR/ex.out" 2>&1 ||
			{ echo "$page: failed: $line"; cat "$BATS_TEST_TMPDIR/ex.out"; return 1; }
	done <<<"$cmds"
}

@test "the core and gen pages' examples run with our bpftool" {
	need_renderer
	[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF"
	local p=$BPFKIT_PROGS_DIR
	[ -f "$p/core_task.bpf.o" ] || skip "test programs not built"
	run_example bpftool-core.8 "Check an object" app.bpf.o="$p/core_task.bpf.o"
	[ -s "$BATS_TEST_TMPDIR/ex/min.btf" ]
	run_example bpftool-gen.8 "Link two objects" \
		part1.bpf.o="$p/linker_a.bpf.o" part2.bpf.o="$p/linker_b.bpf.o" \
		lib.bpf.o="$p/obj_globals.bpf.o"
	grep -q 'app__open_and_load' "$BATS_TEST_TMPDIR/ex/app.skel.h"
	grep -q 'mylib__open' "$BATS_TEST_TMPDIR/ex/mylib.subskel.h"
	[ -s "$BATS_TEST_TMPDIR/ex/min.btf" ]
}

@test "the prog and iter pages' examples run with our bpftool" {
	need_renderer
	local p=$BPFKIT_PROGS_DIR
	[ -f "$p/bpftool_prog.bpf.o" ] || skip "test programs not built"
	run_example bpftool-prog.8 "Load an XDP object" \
		xdp_pass.bpf.o="$p/bpftool_prog.bpf.o" /sys/fs/bpf/="$PIN/"
	grep -q '^ *0: ' "$BATS_TEST_TMPDIR/ex.out"
	"$BPFTOOL" map create "$PIN/counts" type hash key 4 value 8 entries 4 name it$$
	run_example bpftool-iter.8 "Pin a task iterator" \
		task_iter.bpf.o="$p/bpftool_misc_iter.bpf.o" \
		elem_iter.bpf.o="$p/bpftool_misc_iter_map.bpf.o" \
		/sys/fs/bpf/="$PIN/" "name counts"="name it$$"
	[ -e "$PIN/tasks" ] && [ -e "$PIN/elems" ]
}

@test "the cgroup page's example runs with our bpftool" {
	need_renderer
	local p=$BPFKIT_PROGS_DIR cg2 cg
	[ -f "$p/bpftool_misc_cgroup.bpf.o" ] || skip "test programs not built"
	cg2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[ -n "$cg2" ] || skip "no cgroup2 mount: cgroup example not run"
	cg=$cg2/bpfkit_doc_$$
	mkdir "$cg"
	local st=0
	run_example bpftool-cgroup.8 "Attach a program" \
		/sys/fs/cgroup/test="$cg" egress.bpf.o="$p/bpftool_misc_cgroup.bpf.o" \
		/sys/fs/bpf/="$PIN/" || st=$?
	rmdir "$cg"
	return $st
}

@test "the net page's example runs with our bpftool (on a veth of our own)" {
	need_renderer
	local p=$BPFKIT_PROGS_DIR dev=bkdoc$$
	[ -f "$p/bpftool_prog.bpf.o" ] || skip "test programs not built"
	ip link add "$dev" type veth peer name "${dev}p" 2>/dev/null ||
		skip "cannot create a veth pair: net example not run"
	local st=0
	run_example bpftool-net.8 "Attach an XDP program" \
		xdp_pass.bpf.o="$p/bpftool_prog.bpf.o" /sys/fs/bpf/="$PIN/" \
		"dev lo"="dev $dev" || st=$?
	ip link del "$dev"
	return $st
}
