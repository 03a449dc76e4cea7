#!/usr/bin/env bats
# "pids comm(pid)" of prog, map, link and btf show: the processes holding an
# object, found with bpftool's embedded task_file iterator (pids.bpf.c) and,
# as a fallback, by reading /proc/PID/fdinfo.  A small ctypes holder named
# bkpids_holder keeps a program, a map, a raw tracepoint link and a BTF
# object open, each through two fds and with a second thread, so that one
# entry per process is expected.
load common

setup() {
	common_setup
	TMP=$(mktemp -d /tmp/bpfkit_pids.XXXXXX)
	cat > "$TMP/holder.py" <<'PY'
import ctypes, os, struct, sys, threading
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
NR_BPF = 321
def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(bytes(attr), 128)
    r = libc.syscall(NR_BPF, cmd, buf, 128)
    if r < 0:
        raise OSError(ctypes.get_errno(), "bpf cmd %d" % cmd)
    return r
def obj_id(fd):
    # BPF_OBJ_GET_INFO_BY_FD: every info struct starts with type, id
    info = ctypes.create_string_buffer(256)
    bpf(15, struct.pack("<IIQ", fd, 256, ctypes.addressof(info)))
    return struct.unpack_from("<I", info.raw, 4)[0]
def btf_id(fd):
    info = ctypes.create_string_buffer(64)
    bpf(15, struct.pack("<IIQ", fd, 64, ctypes.addressof(info)))
    return struct.unpack_from("<I", info.raw, 12)[0]   # btf, btf_size, id
libc.prctl(15, b"bkpids_holder", 0, 0, 0)                # PR_SET_NAME
# BPF_MAP_CREATE: array, key 4, value 8, one entry
mfd = bpf(0, struct.pack("<IIIIIII16s", 2, 4, 8, 1, 0, 0, 0, b"bkpids_map"))
# BPF_PROG_LOAD: raw tracepoint "r0 = 0; exit"
insns = ctypes.create_string_buffer(struct.pack("<BBhiBBhi", 0xb7, 0, 0, 0, 0x95, 0, 0, 0))
lic = ctypes.create_string_buffer(b"GPL")
pfd = bpf(5, struct.pack("<IIQQIIQII16s", 17, 2, ctypes.addressof(insns),
                         ctypes.addressof(lic), 0, 0, 0, 0, 0, b"bkpids_prog"))
# BPF_RAW_TRACEPOINT_OPEN returns a link
tp = ctypes.create_string_buffer(b"sys_enter")
lfd = bpf(17, struct.pack("<QI", ctypes.addressof(tp), pfd))
# BPF_BTF_LOAD: one type, "int"
strs = b"\0int\0"
types = struct.pack("<IIII", 1, 1 << 24, 4, 32)
blob = ctypes.create_string_buffer(struct.pack("<HBBIIIII", 0xeb9f, 1, 0, 24, 0,
                                               len(types), len(types), len(strs)) + types + strs)
bfd = bpf(18, struct.pack("<QQIII", ctypes.addressof(blob), 0, len(blob.raw) - 1, 0, 0))
extra = [os.dup(fd) for fd in (pfd, mfd, lfd, bfd)]   # two fds, one entry
t = threading.Thread(target=sys.stdin.read, daemon=True)   # holds until EOF
t.start()
print(obj_id(pfd), obj_id(mfd), obj_id(lfd), btf_id(bfd), flush=True)
t.join()
PY
	mkfifo "$TMP/go"
	python3 "$TMP/holder.py" < "$TMP/go" > "$TMP/ids" &
	HOLDER=$!
	exec 7> "$TMP/go"
	for _ in $(seq 50); do [ -s "$TMP/ids" ] && break; sleep 0.1; done
	read -r PROG MAP LINK BTF < "$TMP/ids"
}

teardown() {
	exec 7>&-
	wait "$HOLDER" 2>/dev/null || true
	rm -rf "$TMP"
	common_teardown
}

# Other bpftool runs on the machine briefly hold every object they list:
# a check that sees one of them as a holder is tried again.
retry() {
	local i
	for i in 1 2 3 4 5; do
		"$@" && return 0
		sleep 0.3
	done
	return 1
}

# shows_holder ARGS...: the output ends with the holder as the only pids
shows_holder() {
	local out
	out=$("$BPFTOOL" "$@") || return 1
	[[ "$out" == *$'\n\tpids bkpids_holder('"$HOLDER"')' ]] && return 0
	echo "bpftool $*: $out"
	return 1
}

# listed_with_holder WHAT FIRSTLINE: the object's line, then the holder
listed_with_holder() {
	local out
	out=$("$BPFTOOL" "$1" show) || return 1
	[[ "$out" == *"$2"*$'\n\tpids bkpids_holder('"$HOLDER"$')\n'* ||
	   "$out" == *"$2"*$'\n\tpids bkpids_holder('"$HOLDER"')' ]] && return 0
	echo "bpftool $1 show: no '$2' held by the holder"
	return 1
}

json_holder() {
	local out want="\"pids\":[{\"pid\":$HOLDER,\"comm\":\"bkpids_holder\"}]"
	out=$("$BPFTOOL" -j "$@") || return 1
	[[ "$out" == *"$want"* ]] && return 0
	echo "bpftool -j $*: $out"
	return 1
}

pretty_holder() {
	local out
	out=$("$BPFTOOL" -p "$@") || return 1
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["pids"] == [{"pid": int(sys.argv[2]), "comm": "bkpids_holder"}], d
' "$out" "$HOLDER"
}

# iter_equals_proc OPT ARGS...: both sources print the same, with the holder
iter_equals_proc() {
	local opt=$1 a b
	shift
	a=$("$BPFTOOL" $opt "$@") || return 1
	b=$(BPFKIT_PIDS_SOURCE=proc "$BPFTOOL" $opt "$@") || return 1
	[[ "$a" == *bkpids_holder* ]] || { echo "no pids: $opt $*: $a"; return 1; }
	[ "$a" = "$b" ] && return 0
	echo "bpftool $opt $*: iterator and /proc differ"
	diff <(echo "$b") <(echo "$a")
	return 1
}

@test "pids of the holder's prog, map, link and btf, plain" {
	[ -n "$BTF" ]
	# bpftool itself holds each object while it shows it: not listed
	retry shows_holder prog show id "$PROG"
	retry shows_holder map show id "$MAP"
	retry shows_holder link show id "$LINK"
	retry shows_holder btf show id "$BTF"
	retry listed_with_holder prog "$PROG: raw_tracepoint  name bkpids_prog"
	retry listed_with_holder map "$MAP: array  name bkpids_map"
	retry listed_with_holder link "$LINK: raw_tracepoint  prog $PROG"
}

@test "pids of the holder's objects, JSON" {
	[ -n "$BTF" ]
	retry json_holder prog show id "$PROG"
	retry json_holder map show id "$MAP"
	retry json_holder link show id "$LINK"
	retry json_holder btf show id "$BTF"
	retry pretty_holder prog show id "$PROG"
	retry pretty_holder map show id "$MAP"
	retry pretty_holder link show id "$LINK"
}

@test "pids are found with the task_file iterator (-d says so)" {
	[ -n "$BTF" ]
	for kind in prog map link btf; do
		"$BPFTOOL" -d $kind show > /dev/null 2> "$TMP/err"
		grep -qx "pids: $kind holders read with the task_file iterator" "$TMP/err" ||
			{ cat "$TMP/err"; return 1; }
	done
	# without -d nothing of it is printed
	run "$BPFTOOL" prog show id "$PROG"
	[[ "$output" != *"pids: "* && "$output" != *"libbpf"* ]]
	BPFKIT_PIDS_SOURCE=iter "$BPFTOOL" -d prog show id "$PROG" > "$TMP/out" 2> "$TMP/err"
	grep -qx "pids: prog holders read with the task_file iterator" "$TMP/err"
	grep -q "pids bkpids_holder($HOLDER)" "$TMP/out"
	BPFKIT_PIDS_SOURCE=proc "$BPFTOOL" -d prog show id "$PROG" > "$TMP/out" 2> "$TMP/err"
	grep -qx "pids: prog holders read from /proc (BPFKIT_PIDS_SOURCE=proc)" "$TMP/err"
	! grep -q "task_file" "$TMP/err"
	grep -q "pids bkpids_holder($HOLDER)" "$TMP/out"
}

@test "the iterator and the /proc scan give the same output" {
	[ -n "$BTF" ]
	local opt
	for opt in "" -j -p; do
		retry iter_equals_proc "$opt" prog show id "$PROG"
		retry iter_equals_proc "$opt" map show id "$MAP"
		retry iter_equals_proc "$opt" link show id "$LINK"
		retry iter_equals_proc "$opt" btf show id "$BTF"
	done
}

@test "the iterator leaves no fd behind (batch of shows)" {
	[ -n "$BTF" ]
	mkfifo "$TMP/cmds"
	"$BPFTOOL" batch file "$TMP/cmds" > "$TMP/out" 2>&1 &
	local bt=$! n1 n2
	exec 8> "$TMP/cmds"
	wait_lines() {
		for _ in $(seq 100); do
			[ "$(grep -c "pids bkpids_holder" "$TMP/out")" -ge "$1" ] && return 0
			sleep 0.1
		done
		cat "$TMP/out"
		return 1
	}
	echo "prog show id $PROG" >&8
	wait_lines 1
	n1=$(ls /proc/$bt/fd | wc -l)
	for i in 1 2 3; do
		printf 'prog show id %s\nmap show id %s\nlink show id %s\nbtf show id %s\n' \
			"$PROG" "$MAP" "$LINK" "$BTF" >&8
	done
	wait_lines 13
	n2=$(ls /proc/$bt/fd | wc -l)
	exec 8>&-
	wait $bt
	[ "$n1" -eq "$n2" ] || { echo "fds: $n1 after one show, $n2 after thirteen"; return 1; }
}

@test "a holder that exits is no longer listed" {
	[ -n "$BTF" ]
	"$BPFTOOL" map pin id "$MAP" "$PIN/m"	# keeps the map once the holder is gone
	exec 7>&-
	wait "$HOLDER"
	run "$BPFTOOL" map show id "$MAP"
	[ "$status" -eq 0 ]
	[[ "$output" == *"name bkpids_map"* && "$output" != *$'\tpids '* ]] || { echo "$output"; return 1; }
}

@test "in a child pid namespace, pids are the namespace's (from /proc)" {
	command -v unshare > /dev/null || skip "unshare (util-linux) not installed"
	# a second holder inside a new pid namespace, seen with its own pid there
	run unshare --pid --fork --mount-proc bash -c '
		sleep 30 | python3 "$1/holder.py" > "$1/ns_ids" &
		for _ in $(seq 50); do [ -s "$1/ns_ids" ] && break; sleep 0.1; done
		read -r prog map link btf < "$1/ns_ids"
		pid=$(pgrep -x bkpids_holder)
		echo "holder $pid"
		"$2" -d prog show id "$prog" 2>&1 | grep -v "^libbpf: "
	' _ "$TMP" "$BPFTOOL"
	[ "$status" -eq 0 ]
	pid=$(sed -n 's/^holder //p' <<< "$output")
	[ -n "$pid" ]
	[[ "$output" == *"pids: task_file iterator not used (its pids are the kernel's, not this pid namespace's); prog holders read from /proc"* ]]
	[[ "$output" == *$'\tpids bkpids_holder('"$pid"')'* ]]
}

@test "with kallsyms hidden, the iterator still finds the holders" {
	command -v unshare > /dev/null || skip "unshare (util-linux) not installed"
	# a private /proc/kallsyms with every address zeroed, as kptr_restrict
	# shows it: BPF files are known by their inode name, not by symbols
	sed 's/^[0-9a-f]*/0000000000000000/' /proc/kallsyms > "$TMP/zeros"
	run unshare --mount bash -c '
		mount --bind "$1" /proc/kallsyms || exit 1
		BPFKIT_PIDS_SOURCE=iter "$2" -d map show id "$3" 2>&1 | grep -v "^libbpf: "
	' _ "$TMP/zeros" "$BPFTOOL" "$MAP"
	[ "$status" -eq 0 ]
	[[ "$output" == *"pids: map holders read with the task_file iterator"* ]]
	[[ "$output" == *$'\tpids bkpids_holder('"$HOLDER"')'* ]]
}
