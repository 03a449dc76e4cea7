#!/usr/bin/env bats
# cgroup show / tree / attach / detach on a test cgroup of our own.
load common

misc_loadall() {
	if "$BPFTOOL" prog loadall "$1" "$2" 2>/dev/null; then
		return 0
	fi
	rm -rf "$2"
	have_ref || skip "no 'prog loadall' in this build and no reference bpftool to load test programs"
	"$REF" prog loadall "$1" "$2"
}

setup() {
	common_setup
	CG2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	MOUNTED=
	if [ -z "$CG2" ]; then
		CG2=$(mktemp -d /tmp/bpfkit_cg2.XXXXXX)
		mount -t cgroup2 none "$CG2"
		MOUNTED=$CG2
	fi
	CG=$CG2/bpfkit-$$-$BATS_TEST_NUMBER
	mkdir -p "$CG/child"
	misc_loadall "$BPFKIT_PROGS_DIR/bpftool_misc_cgroup.bpf.o" "$PIN/p"
	EG=$PIN/p/misc_cg_egress
	IN=$PIN/p/misc_cg_ingress
}

teardown() {
	# removing the cgroups releases whatever is still attached
	rmdir "$CG/child" "$CG" 2>/dev/null || true
	if [ -n "$MOUNTED" ]; then
		umount "$MOUNTED" && rmdir "$MOUNTED"
	fi
	common_teardown
}

prog_id() {
	"$BPFTOOL" -j prog show pinned "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

@test "cgroup attach, show and tree as the reference, detach" {
	run "$BPFTOOL" cgroup attach "$CG" egress pinned "$EG"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" cgroup attach "$CG" cgroup_inet_ingress pinned "$IN" multi
	[ "$status" -eq 0 ]
	run "$BPFTOOL" -j cgroup attach "$CG/child" ingress pinned "$IN" override
	[ "$output" = null ]
	run "$BPFTOOL" cgroup show "$CG"
	[ "${lines[0]}" = "ID       AttachType      AttachFlags     Name           " ]
	[[ "${lines[1]}" == "$(prog_id "$IN")"*" cgroup_inet_ingress multi           misc_cg_ingress "* ]]
	[[ "${lines[2]}" == "$(prog_id "$EG")"*" cgroup_inet_egress                 misc_cg_egress "* ]]
	run "$BPFTOOL" cgroup show "$CG/child" effective
	[ "${#lines[@]}" -eq 4 ]
	if have_ref; then
		for args in "cgroup show $CG" "cgroup show $CG effective" \
			    "-j cgroup show $CG" "-p cgroup show $CG/child effective" \
			    "cgroup tree $CG" "cgroup tree $CG effective" \
			    "-j cgroup tree $CG" "-p cgroup tree $CG" "cgroup list $CG/child"; do
			same_as_ref $args
		done
	fi
	run "$BPFTOOL" cgroup detach "$CG" egress pinned "$EG"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" -j cgroup detach "$CG" cgroup_inet_ingress pinned "$IN"
	[ "$output" = null ]
	run "$BPFTOOL" cgroup detach "$CG/child" ingress pinned "$IN"
	[ "$status" -eq 0 ]
	run "$BPFTOOL" cgroup show "$CG"
	[ -z "$output" ]
	run "$BPFTOOL" cgroup tree "$CG"
	[ "$output" = $'CgroupPath\nID       AttachType      AttachFlags     Name           ' ]
}

@test "cgroup tree without a root walks the cgroup v2 mount" {
	"$BPFTOOL" cgroup attach "$CG/child" egress pinned "$EG"
	run "$BPFTOOL" cgroup tree
	[ "$status" -eq 0 ]
	[[ "$output" == *"$CG/child"$'\n'"    $(prog_id "$EG")"* ]]
	run "$BPFTOOL" -j cgroup tree
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert any(c["cgroup"] == sys.argv[2] for c in d), d
' "$output" "$CG/child"
}

@test "cgroup bad input: nothing half-attached" {
	run "$BPFTOOL" cgroup attach "$CG" bogus_type pinned "$EG"
	assert_error "invalid attach type"
	run "$BPFTOOL" cgroup attach "$CG/nosuch" egress pinned "$EG"
	assert_error "can't open cgroup $CG/nosuch"
	run "$BPFTOOL" cgroup attach "$CG" egress pinned "$EG" bogus
	assert_error "unknown option: bogus"
	run "$BPFTOOL" cgroup attach "$CG" egress
	assert_error "too few parameters for cgroup attach"
	run "$BPFTOOL" cgroup attach "$CG" egress pinned "$PIN/nosuch"
	[ "$status" -ne 0 ]
	# a program of another type: the kernel refuses it
	run "$BPFTOOL" cgroup attach "$CG" sock_ops pinned "$EG"
	assert_error "failed to attach program"
	# a pinned map is not a program
	"$BPFTOOL" map create "$PIN/m" type array key 4 value 4 entries 1 name bk_cgm
	run "$BPFTOOL" cgroup attach "$CG" egress pinned "$PIN/m"
	[ "$status" -ne 0 ]
	[[ "$output" == *"Error: "* ]]
	run "$BPFTOOL" cgroup show "$CG"
	[ -z "$output" ]
	run "$BPFTOOL" cgroup detach "$CG" egress pinned "$EG"
	assert_error "failed to detach program"
	run "$BPFTOOL" cgroup detach "$CG" egress
	assert_error "too few parameters for cgroup detach"
	run "$BPFTOOL" cgroup show "$CG/nosuch"
	assert_error "can't open cgroup $CG/nosuch"
	run "$BPFTOOL" -j cgroup show "$CG/nosuch"
	[ "$status" -ne 0 ]
	[[ "$output" == '{"error":"can'"'"'t open cgroup '* ]]
	run "$BPFTOOL" cgroup show "$CG" bogus
	assert_error "expected no more arguments, 'effective', got: 'bogus'?"
	run "$BPFTOOL" cgroup show
	assert_error "'show' needs at least 1 arguments, 0 found"
	run "$BPFTOOL" cgroup tree "$CG/nosuch"
	assert_error "can't iterate over $CG/nosuch: No such file or directory"
	# a regular file is not a cgroup
	run "$BPFTOOL" cgroup show /proc/version
	assert_error "can't query bpf programs attached to /proc/version"
	run "$BPFTOOL" cgroup frob
	[ "$status" -ne 0 ]
}
