#!/usr/bin/env bats
# No binary we build resolves the system's libbpf: bpftool and the tests
# link libbpf.a, the examples our libbpf.so.1 (through their RPATH).

@test "no built executable or library resolves the system libbpf" {
	local checked=0 bad=() f
	while IFS= read -r f; do
		head -c 4 "$f" 2>/dev/null | grep -q 'ELF' || continue
		out=$(ldd "$f" 2>/dev/null) || continue
		checked=$((checked + 1))
		if grep -q 'libbpf.so' <<<"$out" &&
		   grep 'libbpf.so' <<<"$out" | grep -qv "$BPFKIT_BUILD_DIR"; then
			bad+=("$f: $(grep libbpf.so <<<"$out")")
		fi
	done < <(find "$BPFKIT_BUILD_DIR" -type f \( -perm -u+x -o -name '*.so*' \) \
		-not -path '*/CMakeFiles/*' -not -name '*.bpf.o')
	echo "checked $checked ELF files"
	[ "$checked" -gt 20 ]
	[ ${#bad[@]} -eq 0 ] || { printf '%s\n' "${bad[@]}"; false; }
}

@test "bpftool is self-contained (static libbpf)" {
	run ldd "$BPFTOOL"
	[[ "$output" != *"libbpf.so"* ]]
}
