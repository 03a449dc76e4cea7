#!/usr/bin/env bats
# map event_pipe: records sent with bpf_perf_event_output by an XDP program
# run through BPF_PROG_TEST_RUN, read back in plain and JSON form.
load common

setup() {
	common_setup
	OBJ=$BPFKIT_PROGS_DIR/bpftool_map_events.bpf.o
	mkdir -p "$PIN/m"
	"$BPFTOOL" prog load "$OBJ" "$PIN/prog" pinmaps "$PIN/m"
	head -c 20 /dev/zero | tr '\0' 'A' > "$BATS_TEST_TMPDIR/pkt"
}
teardown() {
	[ -n "${PIPE_PID:-}" ] && kill -INT "$PIPE_PID" 2>/dev/null || true
	common_teardown
}

# Starts event_pipe with "$@" in the background, runs the program twice on
# CPU-agnostic test runs, stops the reader with SIGINT; output in $OUT.
pipe_two_records() {
	OUT=$BATS_TEST_TMPDIR/out
	"$BPFTOOL" "$@" > "$OUT" 2> "$BATS_TEST_TMPDIR/err" &
	PIPE_PID=$!
	sleep 0.5
	"$BPFTOOL" prog run pinned "$PIN/prog" data_in "$BATS_TEST_TMPDIR/pkt" repeat 2 > /dev/null
	sleep 0.5
	kill -INT "$PIPE_PID"
	wait "$PIPE_PID"
	PIPE_PID=
}

@test "map event_pipe prints each record with its CPU, index and bytes" {
	pipe_two_records map event_pipe pinned "$PIN/m/ev_pipe"
	run cat "$OUT"
	[ "${#lines[@]}" -eq 4 ]
	[[ "${lines[0]}" =~ ^==\ @[0-9]+\.[0-9]{9}\ CPU:\ ([0-9]+)\ index:\ ([0-9]+)\ =====$ ]]
	[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
	[ "${lines[1]}" = "01 02 03 04 05 06 41 00  00 00 00 00" ]
	grep -q "Stopping..." "$BATS_TEST_TMPDIR/err"
}

@test "map event_pipe -j prints an array of sample objects" {
	pipe_two_records -j map event_pipe pinned "$PIN/m/ev_pipe"
	python3 - "$OUT" <<'EOF'
import json, sys
recs = json.load(open(sys.argv[1]))
assert len(recs) == 2, recs
for r in recs:
    assert r["type"] == 9 and r["cpu"] == r["index"], r
    assert r["data"][:7] == [1, 2, 3, 4, 5, 6, 65], r
    assert r["timestamp"] > 0
EOF
}

@test "map event_pipe cpu N index M reads one CPU's buffer" {
	pipe_two_records map event_pipe pinned "$PIN/m/ev_pipe" cpu 0 index 0
	# the test runs may land on any CPU: every record seen is CPU 0's
	run grep -c "CPU: 0 index: 0" "$OUT"
	[ "$(grep -c '^==' "$OUT")" = "$output" ]
}

@test "map event_pipe: bad arguments and maps that are not perf event arrays" {
	run "$BPFTOOL" map event_pipe pinned "$PIN/m/ev_pipe" cpu 0
	assert_error "cpu and index must be specified together"
	run "$BPFTOOL" map event_pipe pinned "$PIN/m/ev_pipe" index 1
	assert_error "cpu and index must be specified together"
	run "$BPFTOOL" map event_pipe pinned "$PIN/m/ev_pipe" cpu x index 1
	assert_error "can't parse x as CPU ID"
	run "$BPFTOOL" map event_pipe pinned "$PIN/m/ev_pipe" foo 1
	assert_error "what is 'foo'?"
	run "$BPFTOOL" map event_pipe pinned "$PIN/m/ev_pipe" cpu 0 index 99
	assert_error "failed to create perf buffer: Argument list too long (7)"
	"$BPFTOOL" map create "$PIN/h" type hash key 4 value 4 entries 1 name ep_hash
	run "$BPFTOOL" map event_pipe pinned "$PIN/h"
	assert_error "map is not a perf event array"
	if have_ref; then
		for a in "cpu 0" "cpu x index 1" "foo 1"; do
			[ "$("$BPFTOOL" map event_pipe pinned "$PIN/m/ev_pipe" $a 2>&1)" = \
			  "$("$REF" map event_pipe pinned "$PIN/m/ev_pipe" $a 2>&1)" ]
		done
	fi
}
