# Shared set-up for the bpftool bats suites.
#   $BPFTOOL  our bpftool (set by ctest)      $REF  the reference, if installed
#   $PIN      a bpffs directory unique to this test, removed by common_teardown
BPFTOOL=${BPFTOOL:-$BPFKIT_BUILD_DIR/bpftool/bpftool}
REF=${REF_BPFTOOL:-/usr/sbin/bpftool}

common_setup() {
	mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
	PIN=/sys/fs/bpf/bpfkit_bats_$$_${BATS_TEST_NUMBER}
	mkdir -p "$PIN"
}

common_teardown() {
	rm -rf "$PIN"
}

have_ref() {
	[ -x "$REF" ]
}

# Skips with a visible notice when the reference bpftool is absent.
require_ref() {
	have_ref || skip "reference bpftool not installed (apt-get install bpftool): comparison skipped"
}

# Runs ours and the reference with the same arguments; both must succeed
# and print the same bytes.
#
# With -f both tools walk every bpffs mount with nftw(), which gives up
# when a directory vanishes under it (other suites pin and unpin in
# parallel; ours walks again, the reference does not): those comparisons
# get three tries.
same_as_ref() {
	require_ref
	local ours theirs tries=1 arg
	for arg in "$@"; do
		[ "$arg" = -f ] && tries=3
	done
	while :; do
		ours=$("$BPFTOOL" "$@") || { echo "ours failed: $*"; return 1; }
		theirs=$("$REF" "$@") || { echo "reference failed: $*"; return 1; }
		[ "$ours" = "$theirs" ] && return 0
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || break
		sleep 0.2
	done
	echo "output differs for: bpftool $*"
	diff <(echo "$theirs") <(echo "$ours") | head -40
	return 1
}

# Asserts the last `run` failed with an "Error: ..." containing $1.
assert_error() {
	[ "$status" -ne 0 ] || { echo "expected failure, got status 0: $output"; return 1; }
	[[ "$output" == *"Error: "*"$1"* ]] || { echo "expected error '$1', got: $output"; return 1; }
}
