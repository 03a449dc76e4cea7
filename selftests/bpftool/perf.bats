#!/usr/bin/env bats
# perf show: programs on perf events, found through the fds of a process
# that holds a tracepoint, a raw tracepoint and a uprobe (a small ctypes holder).
load common

setup() {
	TMP=$(mktemp -d /tmp/bpfkit_perf.XXXXXX)
	T=/sys/kernel/tracing
	[ -d $T/events ] || mount -t tracefs tracefs $T 2>/dev/null || true
	[ -d $T/events ] || T=/sys/kernel/debug/tracing
	cat > "$TMP/holder.py" <<'PY'
import ctypes, os, struct, sys, time
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
NR_BPF, NR_PERF = 321, 298
def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(bytes(attr), 128)
    r = libc.syscall(NR_BPF, cmd, buf, 128)
    if r < 0:
        raise OSError(ctypes.get_errno(), "bpf cmd %d" % cmd)
    return r
# r0 = 0; exit
insns = ctypes.create_string_buffer(struct.pack("<BBhiBBhi", 0xb7, 0, 0, 0, 0x95, 0, 0, 0))
lic = ctypes.create_string_buffer(b"GPL")
def load(ptype, name):
    attr = struct.pack("<IIQQIIQII16s", ptype, 2, ctypes.addressof(insns), ctypes.addressof(lic),
                       0, 0, 0, 0, 0, name)
    return bpf(5, attr)
tp_prog = load(5, b"bk_perf_tp")         # BPF_PROG_TYPE_TRACEPOINT
raw_prog = load(17, b"bk_perf_raw")      # BPF_PROG_TYPE_RAW_TRACEPOINT
tp_id = int(open(sys.argv[1]).read())
pattr = ctypes.create_string_buffer(struct.pack("<IIQQQQQ", 2, 128, tp_id, 1, 0, 0, 0), 128)
pfd = libc.syscall(NR_PERF, pattr, -1, 0, -1, 8)  # PERF_FLAG_FD_CLOEXEC
if pfd < 0:
    raise OSError(ctypes.get_errno(), "perf_event_open")
PERF_EVENT_IOC_SET_BPF = 0x40042408
if libc.ioctl(ctypes.c_int(pfd), ctypes.c_ulong(PERF_EVENT_IOC_SET_BPF), ctypes.c_int(tp_prog)) < 0:
    raise OSError(ctypes.get_errno(), "PERF_EVENT_IOC_SET_BPF")
name = ctypes.create_string_buffer(b"sys_enter")
rfd = bpf(17, struct.pack("<QI", ctypes.addressof(name), raw_prog))  # BPF_RAW_TRACEPOINT_OPEN

# A uprobe on the entry point of /bin/true (file offset of e_entry).
def entry_off(path):
    d = open(path, "rb").read(4096)
    e_entry, e_phoff = struct.unpack_from("<QQ", d, 24)
    e_phentsize, e_phnum = struct.unpack_from("<HH", d, 54)
    for i in range(e_phnum):
        p_type, _, p_off, p_vaddr, _, p_filesz = struct.unpack_from(
            "<IIQQQQ", d, e_phoff + i * e_phentsize)
        if p_type == 1 and p_vaddr <= e_entry < p_vaddr + p_filesz:
            return e_entry - p_vaddr + p_off
    raise SystemExit("no segment holds the entry point")
up_prog = load(2, b"bk_perf_up")       # BPF_PROG_TYPE_KPROBE runs uprobes too
up_path = ctypes.create_string_buffer(b"/bin/true")
up_off = entry_off("/bin/true")
utype = int(open("/sys/bus/event_source/devices/uprobe/type").read())
# type, size, config, sample_period, sample_type, read_format, flags,
# wakeup_events, bp_type, config1 (path), config2 (offset)
uattr = ctypes.create_string_buffer(struct.pack("<IIQQQQQIIQQ", utype, 128, 0, 1, 0, 0, 0,
                                                0, 0, ctypes.addressof(up_path), up_off), 128)
ufd = libc.syscall(NR_PERF, uattr, -1, 0, -1, 8)
if ufd < 0:
    raise OSError(ctypes.get_errno(), "perf_event_open uprobe")
if libc.ioctl(ctypes.c_int(ufd), ctypes.c_ulong(PERF_EVENT_IOC_SET_BPF), ctypes.c_int(up_prog)) < 0:
    raise OSError(ctypes.get_errno(), "PERF_EVENT_IOC_SET_BPF uprobe")
print(pfd, rfd, ufd, up_off, flush=True)
sys.stdin.read()   # hold the fds until told to go
PY
	mkfifo "$TMP/go"
	python3 "$TMP/holder.py" "$T/events/syscalls/sys_enter_getpgid/id" < "$TMP/go" > "$TMP/fds" &
	HOLDER=$!
	exec 7> "$TMP/go"
	for _ in $(seq 50); do [ -s "$TMP/fds" ] && break; sleep 0.1; done
	read -r TP_FD RAW_FD UP_FD UP_OFF < "$TMP/fds"
}

teardown() {
	exec 7>&-
	wait "$HOLDER" 2>/dev/null || true
	rm -rf "$TMP"
}

@test "perf show lists the holder's tracepoint, raw tracepoint and uprobe" {
	[ -n "$TP_FD" ]
	run "$BPFTOOL" perf show
	[ "$status" -eq 0 ]
	[[ "$output" == *"pid $HOLDER  fd $TP_FD: prog_id "*"  tracepoint  sys_enter_getpgid"* ]]
	[[ "$output" == *"pid $HOLDER  fd $RAW_FD: prog_id "*"  raw_tracepoint  sys_enter"* ]]
	[[ "$output" == *"pid $HOLDER  fd $UP_FD: prog_id "*"  uprobe  filename /bin/true  offset $UP_OFF"* ]]
	run "$BPFTOOL" -j perf list
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
mine = [e for e in d if e["pid"] == int(sys.argv[2])]
tps = {(e["fd_type"], e["tracepoint"]) for e in mine if "tracepoint" in e}
assert tps == {("tracepoint", "sys_enter_getpgid"), ("raw_tracepoint", "sys_enter")}, mine
up = [e for e in mine if e["fd_type"] == "uprobe"]
assert up and up[0]["filename"] == "/bin/true" and up[0]["offset"] == int(sys.argv[3]), mine
' "$output" "$HOLDER" "$UP_OFF"
}

@test "perf show as the reference, plain and JSON" {
	require_ref
	# other processes may come and go: compare our holder's lines only
	diff <("$REF" perf show | grep "^pid $HOLDER ") <("$BPFTOOL" perf show | grep "^pid $HOLDER ")
	filt='import json,sys; print(json.dumps([e for e in json.load(sys.stdin) if e["pid"] == int(sys.argv[1])]))'
	diff <("$REF" -j perf show | python3 -c "$filt" "$HOLDER") <("$BPFTOOL" -j perf show | python3 -c "$filt" "$HOLDER")
}

@test "perf bad input" {
	run "$BPFTOOL" perf bogus
	[ "$status" -ne 0 ]
	[[ "$output" == *"Usage: "*"perf { show | list }"* ]]
	run "$BPFTOOL" -j perf bogus
	[ "$status" -ne 0 ]
}
