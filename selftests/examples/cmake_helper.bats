#!/usr/bin/env bats
# cmake/BpfkitConfig.cmake from an installed bpfkit: a project outside the
# tree finds it with find_package(Bpfkit), builds a skeleton program and
# runs it; misuse of the functions stops cmake with a clear message.

load common

setup_file() {
	# A sanitized libbpf.so needs its runtime loaded first; the outside
	# project is a plain build, so only the plain bpfkit build is tried.
	ex_sanitized && return 0
	export PREFIX=$BATS_FILE_TMPDIR/prefix
	cmake --install "$BPFKIT_BUILD_DIR" --prefix "$PREFIX" > "$BATS_FILE_TMPDIR/install.log" 2>&1
}

setup() {
	ex_require_root
	ex_sanitized && skip "sanitizer build: the outside project is tried with the plain build"
	command -v cmake >/dev/null || skip "cmake not installed"
	[ -x "$PREFIX/sbin/bpftool" ] || skip "bpftool was not installed"
	[ -f "$PREFIX/lib/cmake/Bpfkit/BpfkitConfig.cmake" ] ||
		[ -f "$PREFIX/lib/$(gcc -print-multiarch 2>/dev/null)/cmake/Bpfkit/BpfkitConfig.cmake" ] ||
		skip "the CMake helper was not installed"
	P=$BATS_TEST_TMPDIR/proj
	mkdir -p "$P"
	GEN=()
	command -v ninja >/dev/null && GEN=(-G Ninja)
}

# project BODY: a CMakeLists.txt finding the installed bpfkit, then BODY.
project() {
	cat > "$P/CMakeLists.txt" <<-END
	cmake_minimum_required(VERSION 3.19)
	project(outside C)
	find_package(Bpfkit 1.8 REQUIRED)
	$1
	END
}

configure() {
	cmake -S "$P" -B "$P/b" "${GEN[@]}" -DCMAKE_PREFIX_PATH="$PREFIX" "$@"
}

@test "an outside project builds and runs a skeleton program" {
	cp "$BPFKIT_SOURCE_DIR"/examples/exectrace/exectrace.{c,h,bpf.c} "$P/"
	project '
bpfkit_bpf_skeleton(exectrace SOURCES exectrace.bpf.c)
add_executable(exectrace exectrace.c)
target_link_libraries(exectrace PRIVATE exectrace_skel)'
	configure
	cmake --build "$P/b"
	[ -s "$P/b/bpfkit/vmlinux/vmlinux.h" ]
	grep -q "struct exectrace_bpf {" "$P/b/bpfkit/exectrace.skel.h"
	# It runs against the installed libbpf.so.1, not the system's.
	ldd "$P/b/exectrace" | grep -q "$PREFIX/lib.*/libbpf.so.1"
	"$P/b/exectrace" -t 3 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	ex_wait_for "$BATS_TEST_TMPDIR/out" "^TIME +EVENT"
	/bin/true
	wait "$pid"
	grep -qE "EXEC +true .*/true$" "$BATS_TEST_TMPDIR/out"
}

@test "SKEL_NAME, a ready vmlinux.h and NO_VMLINUX" {
	cat > "$P/plain.bpf.c" <<-'END'
	#include <linux/bpf.h>
	#include <bpf/bpf_helpers.h>
	char LICENSE[] SEC("license") = "GPL";
	int hits;
	SEC("xdp") int pass(struct xdp_md *ctx) { hits++; return XDP_PASS; }
	END
	cat > "$P/core.bpf.c" <<-'END'
	#include "vmlinux.h"
	#include <bpf/bpf_helpers.h>
	char LICENSE[] SEC("license") = "GPL";
	SEC("tp/syscalls/sys_enter_getpid") int on_getpid(void *ctx) { return 0; }
	END
	mkdir -p "$P/given"
	"$PREFIX/sbin/bpftool" btf dump file /sys/kernel/btf/vmlinux format c > "$P/given/vmlinux.h"
	project '
bpfkit_bpf_skeleton(plain SOURCES plain.bpf.c SKEL_NAME my_plain NO_VMLINUX)
bpfkit_bpf_skeleton(core SOURCES core.bpf.c)
add_custom_target(all_skels ALL DEPENDS plain_skel core_skel)'
	configure -DBPFKIT_VMLINUX_H="$P/given/vmlinux.h"
	cmake --build "$P/b"
	grep -q "struct my_plain {" "$P/b/bpfkit/plain.skel.h"
	grep -q "struct core_bpf {" "$P/b/bpfkit/core.skel.h"
	# The given vmlinux.h was used: nothing was dumped.
	[ ! -e "$P/b/bpfkit/vmlinux/vmlinux.h" ]
}

@test "a BPF compile error fails the build and leaves no skeleton" {
	printf 'int broken( {\n' > "$P/bad.bpf.c"
	project '
bpfkit_bpf_skeleton(bad SOURCES bad.bpf.c)
add_custom_target(all_skels ALL DEPENDS bad_skel)'
	configure
	run cmake --build "$P/b"
	[ "$status" -ne 0 ]
	[[ "$output" == *"bad.bpf.c"*"error"* ]]
	[ ! -e "$P/b/bpfkit/bad.skel.h" ]
}

@test "misuse of the helper stops cmake with a clear message" {
	project 'bpfkit_bpf_skeleton(nosrc)'
	run configure
	[ "$status" -ne 0 ]
	[[ "$output" == *"bpfkit_bpf_skeleton(nosrc): no SOURCES"* ]]

	touch "$P/x.bpf.c"
	project 'bpfkit_bpf_skeleton(not-c SOURCES x.bpf.c)'
	rm -rf "$P/b"
	run configure
	[ "$status" -ne 0 ]
	[[ "$output" == *"the name must be a C identifier"* ]]

	project 'bpfkit_bpf_skeleton(x SOURCES missing.bpf.c)'
	rm -rf "$P/b"
	run configure
	[ "$status" -ne 0 ]
	[[ "$output" == *"bpfkit_bpf_skeleton(x): source"*"missing.bpf.c' not found"* ]]

	project 'bpfkit_vmlinux_h(OUTPUT)
bpfkit_vmlinux_h(SOMEWHERE x)'
	rm -rf "$P/b"
	run configure
	[ "$status" -ne 0 ]
	[[ "$output" == *"bpfkit_vmlinux_h: unknown arguments SOMEWHERE;x"* ]]

	project 'bpfkit_bpf_skeleton(x SOURCES x.bpf.c)'
	rm -rf "$P/b"
	run configure -DBPFKIT_VMLINUX_H=/nonexistent/vmlinux.h
	[ "$status" -ne 0 ]
	[[ "$output" == *"BPFKIT_VMLINUX_H=/nonexistent/vmlinux.h does not exist"* ]]
}

@test "find_package without an install says where to look" {
	project 'message(STATUS "unreachable")'
	rm -rf "$P/b"
	run cmake -S "$P" -B "$P/b" "${GEN[@]}" -DCMAKE_PREFIX_PATH=/nonexistent
	# Unless a bpfkit is installed system-wide, CMake names the package.
	if [ "$status" -ne 0 ]; then
		[[ "$output" == *"Bpfkit"* ]]
		[[ "$output" != *"unreachable"* ]]
	fi
}

@test "a project that add_subdirectory()s bpfkit configures, without bpfkit's tests and examples" {
	cp "$BPFKIT_SOURCE_DIR"/examples/minimal/minimal{.c,.bpf.c} "$P/"
	cat > "$P/CMakeLists.txt" <<-END
	cmake_minimum_required(VERSION 3.19)
	project(outside C)
	add_subdirectory("$BPFKIT_SOURCE_DIR" bpfkit)
	list(APPEND CMAKE_MODULE_PATH "$BPFKIT_SOURCE_DIR/cmake")
	include(BpfkitConfig)
	bpfkit_bpf_skeleton(minimal SOURCES minimal.bpf.c)
	add_executable(minimal minimal.c)
	target_link_libraries(minimal PRIVATE minimal_skel)
	END
	run cmake -S "$P" -B "$P/b" "${GEN[@]}"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	grep -q "^BPFKIT_TESTS:BOOL=OFF" "$P/b/CMakeCache.txt"
	# bpfkit's targets are there, its self-tests and examples are not
	cmake --build "$P/b" --target help > "$BATS_TEST_TMPDIR/targets"
	grep -qw "bpf" "$BATS_TEST_TMPDIR/targets"
	grep -qw "bpftool" "$BATS_TEST_TMPDIR/targets"
	grep -qw "minimal" "$BATS_TEST_TMPDIR/targets"
	! grep -qw "example_minimal" "$BATS_TEST_TMPDIR/targets"
	! grep -qw "test_object" "$BATS_TEST_TMPDIR/targets"
}
