#!/usr/bin/env bats
# examples/lskel: a light skeleton (bpftool gen skeleton -L) counting
# system calls per process, with no libbpf in the binary; and
# bpfkit_bpf_skeleton(... LIGHT) from an installed bpfkit.

load common

setup() {
	ex_require_root
	ex_mount_fs
	ex_bin lskel
	BPFTOOL=$BPFKIT_BUILD_DIR/bpftool/bpftool
}

# field N of the "total:" line of FILE (total: N syscalls seen, getpid()
# of pid P: S seen, M made)
total_field() {
	grep '^total:' "$1" | sed -E 's/^total: ([0-9]+) syscalls seen, getpid\(\) of pid ([0-9]+): ([0-9]+) seen, ([0-9]+) made.*/\1 \2 \3 \4/' |
		awk -v n="$2" '{ print $n }'
}

@test "lskel sees its own getpid() calls and other processes, and stops after -d" {
	run "$BIN" -d 2
	[ "$status" -eq 0 ]
	echo "$output" > "$BATS_TEST_TMPDIR/out"
	[[ "$output" == *"lskel: counting system calls per process"* ]]
	total=$(total_field "$BATS_TEST_TMPDIR/out" 1)
	pid=$(total_field "$BATS_TEST_TMPDIR/out" 2)
	seen=$(total_field "$BATS_TEST_TMPDIR/out" 3)
	made=$(total_field "$BATS_TEST_TMPDIR/out" 4)
	# two seconds, five calls in each; the program saw every one of them
	[ "$made" -eq 10 ]
	[ "$seen" -ge "$made" ]
	[ "$total" -gt "$seen" ]
	# one line a second, from the .bss the program writes
	[ "$(grep -c '^syscalls seen: [0-9]*, getpid() of pid' "$BATS_TEST_TMPDIR/out")" -eq 2 ]
	# its own row in the table from the hash map, with its name
	row=$(grep -E "^ *$pid lskel +[0-9]+  <- this process$" "$BATS_TEST_TMPDIR/out")
	[ "$(echo "$row" | awk '{ print $3 }')" -ge "$made" ]
	grep -qE '^[0-9]+ processes made system calls; ' "$BATS_TEST_TMPDIR/out"
}

@test "lskel counts the system calls of another process under its pid and name" {
	"$BIN" -d 3 -n 0 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^syscalls seen"
	# exec keeps the pid; the name is the one of its first system call
	# the program saw: bash's (forked), sh's or sleep's
	sh -c 'echo $$ > "$1"; exec sleep 0.3' sh "$BATS_TEST_TMPDIR/child"
	wait "$pid"
	child=$(cat "$BATS_TEST_TMPDIR/child")
	grep -E "^ *$child (bash|sh|sleep) +[1-9][0-9]*$" "$BATS_TEST_TMPDIR/out"
	grep -q "all of them:" "$BATS_TEST_TMPDIR/out"
}

@test "lskel is not linked against libbpf" {
	# the light skeleton target brings no library, and the binary calls
	# no libbpf function: only the bpf() syscall
	! readelf -d "$BIN" | grep -qi "NEEDED.*libbpf"
	! ldd "$BIN" | grep -q libbpf
	! nm -D --undefined-only "$BIN" | grep -qE ' (bpf|libbpf|btf)_'
	# and it is still a BPF program loader: the light skeleton's loader
	# blob and skel_internal.h's raw syscall are inside
	grep -q "struct bpf_loader_ctx ctx;" "$BPFKIT_BUILD_DIR/examples/lskel/bpfkit/lskel.lskel.h"
	! grep -q "libbpf.h" "$BPFKIT_BUILD_DIR/examples/lskel/bpfkit/lskel.lskel.h"
}

@test "lskel exits cleanly on SIGINT" {
	"$BIN" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^syscalls seen"
	kill -INT "$pid"
	wait "$pid"
	grep -q "^total: " "$BATS_TEST_TMPDIR/out"
	grep -q "<- this process" "$BATS_TEST_TMPDIR/out"
}

@test "lskel holds one program, three maps and one link, and leaves none behind" {
	[ -x "$BPFTOOL" ] || skip "bpftool not built"
	"$BIN" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^syscalls seen"
	# "ID NAME" of each object whose plain listing has "pids ...(PID)"
	mine() {
		"$BPFTOOL" "$1" show | awk -v p="($pid)" '
			/^[0-9]+: / { id = $1; sub(":", "", id); name = ""
				for (i = 1; i < NF; i++) if ($i == "name") name = $(i + 1) }
			/^\tpids / && index($0, p) { print id, name }'
	}
	progs=$(mine prog)
	maps=$(mine map)
	links=$(mine link | awk '{ print $1 }')
	kill -INT "$pid"
	wait "$pid"
	echo "progs: $progs"; echo "maps: $maps"; echo "links: $links"
	# the loader program and its map were closed at load already
	[ "$(echo "$progs" | awk '{ print $2 }')" = lskel_sys_enter ]
	[ "$(echo "$maps" | awk '{ print $2 }' | sort | tr '\n' ' ')" = "lskel_bp.rodata lskel_bpf.bss procs " ]
	[ "$(echo "$links" | wc -w)" -eq 1 ]
	# gone after exit (a link frees its program after an RCU grace period)
	local ids i left
	ids=$(echo "$progs" | awk '{ print "prog", $1 }'; echo "$maps" | awk '{ print "map", $1 }';
	      echo "$links" | awk '{ print "link", $1 }')
	for ((i = 0; i < 50; i++)); do
		left=$(echo "$ids" | while read -r kind id; do
			if "$BPFTOOL" "$kind" show id "$id" > /dev/null 2>&1; then
				echo "$kind $id"
			fi
		done)
		[ -z "$left" ] && break
		sleep 0.1
	done
	[ -z "$left" ] || { echo "still there: $left"; false; }
	# and by name, unless another lskel runs meanwhile
	if ! pgrep -x lskel > /dev/null; then
		! "$BPFTOOL" prog show | grep -q "name lskel_sys_enter "
	fi
}

@test "lskel rejects bad arguments" {
	run "$BIN" -d abc
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid number of seconds 'abc'"* ]]
	run "$BIN" -d -1
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid number of seconds '-1'"* ]]
	run "$BIN" -d ""
	[ "$status" -eq 2 ]
	run "$BIN" -n many
	[ "$status" -eq 2 ]
	[[ "$output" == *"invalid number of rows 'many'"* ]]
	run "$BIN" -x
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
	run "$BIN" extra
	[ "$status" -eq 2 ]
	[[ "$output" == *"unexpected argument 'extra'"* ]]
	run "$BIN" -h
	[ "$status" -eq 0 ]
	[[ "$output" == *"-d SECONDS"* ]]
}

@test "lskel -v prints the verifier log of the load" {
	run "$BIN" -v -d 0
	[ "$status" -eq 0 ]
	# the kernel's summary of the sys_enter program's verification
	[[ "$output" =~ processed\ [0-9]+\ insns ]]
	[[ "$output" == *"total: "*" syscalls seen"* ]]
}

# An installed bpfkit and a project outside the tree that makes a light
# and a full skeleton of one object with bpfkit_bpf_skeleton().
outside_setup() {
	ex_sanitized && skip "sanitizer build: the outside project is tried with the plain build"
	command -v cmake >/dev/null || skip "cmake not installed"
	PREFIX=$BATS_TEST_TMPDIR/prefix
	P=$BATS_TEST_TMPDIR/proj
	cmake --install "$BPFKIT_BUILD_DIR" --prefix "$PREFIX" > "$BATS_TEST_TMPDIR/install.log" 2>&1
	[ -f "$PREFIX/include/bpf/skel_internal.h" ]
	mkdir -p "$P"
	cp "$BPFKIT_SOURCE_DIR"/examples/lskel/lskel.{c,h,bpf.c} "$P/"
	GEN=()
	command -v ninja >/dev/null && GEN=(-G Ninja)
}

outside_project() {
	cat > "$P/CMakeLists.txt" <<-END
	cmake_minimum_required(VERSION 3.19)
	project(outside C)
	find_package(Bpfkit REQUIRED)
	$1
	END
	rm -rf "$P/b"
	cmake -S "$P" -B "$P/b" "${GEN[@]}" -DCMAKE_PREFIX_PATH="$PREFIX"
}

@test "LIGHT from an installed bpfkit: a light and a full skeleton of one object" {
	outside_setup
	cat > "$P/full.c" <<-'END'
	#include <stdio.h>
	#include "lskel.skel.h"
	int main(void)
	{
		struct lskel_bpf *skel = lskel_bpf__open_and_load();

		if (!skel)
			return 1;
		printf("full skeleton loaded, procs fd %d\n", bpf_map__fd(skel->maps.procs));
		lskel_bpf__destroy(skel);
		return 0;
	}
	END
	outside_project '
bpfkit_bpf_skeleton(lskel SOURCES lskel.bpf.c LIGHT)
bpfkit_bpf_skeleton(lskel SOURCES lskel.bpf.c)
add_executable(lskel lskel.c)
target_link_libraries(lskel PRIVATE lskel_lskel)
add_executable(full full.c)
target_link_libraries(full PRIVATE lskel_skel)
if(NOT lskel_LSKEL_HEADER MATCHES "/lskel.lskel.h$" OR NOT lskel_SKEL_HEADER MATCHES "/lskel.skel.h$")
	message(FATAL_ERROR "header variables: ${lskel_LSKEL_HEADER} ${lskel_SKEL_HEADER}")
endif()'
	cmake --build "$P/b" > "$BATS_TEST_TMPDIR/build.log" 2>&1 || { cat "$BATS_TEST_TMPDIR/build.log"; false; }
	# one BPF object for both headers
	[ "$(grep -c 'bpfkit: BPF lskel.bpf.c' "$BATS_TEST_TMPDIR/build.log")" -eq 1 ]
	grep -q "struct bpf_loader_ctx ctx;" "$P/b/bpfkit/lskel.lskel.h"
	grep -q "struct bpf_object_skeleton \*skeleton;" "$P/b/bpfkit/lskel.skel.h"
	# the light one needs no libbpf; the full one the installed libbpf.so.1
	! ldd "$P/b/lskel" | grep -q libbpf
	ldd "$P/b/full" | grep -q "$PREFIX/lib.*/libbpf.so.1"
	run "$P/b/lskel" -d 1
	[ "$status" -eq 0 ]
	[[ "$output" == *"getpid() of pid "*": "*" seen, 5 made"* ]]
	run "$P/b/full"
	[ "$status" -eq 0 ]
	[[ "$output" == *"full skeleton loaded"* ]]
}

@test "LIGHT misuse stops cmake with a clear message" {
	outside_setup
	run outside_project '
bpfkit_bpf_skeleton(lskel SOURCES lskel.bpf.c LIGHT)
bpfkit_bpf_skeleton(lskel SOURCES lskel.bpf.c LIGHT)'
	[ "$status" -ne 0 ]
	[[ "$output" == *"bpfkit_bpf_skeleton(lskel): a light skeleton named 'lskel'"* ]]
	[[ "$output" == *"(target lskel_lskel)"* ]]

	touch "$P/other.bpf.c"
	run outside_project '
bpfkit_bpf_skeleton(lskel SOURCES lskel.bpf.c LIGHT)
bpfkit_bpf_skeleton(lskel SOURCES other.bpf.c)'
	[ "$status" -ne 0 ]
	[[ "$output" == *"lskel.bpf.o was already made from other"* ]]
}
