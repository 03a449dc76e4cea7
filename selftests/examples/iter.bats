#!/usr/bin/env bats
# examples/iter: a task iterator read through bpf_iter_create().

load common

setup() {
	ex_require_root
	ex_bin iter
}

@test "iter lists processes with pid, parent and name" {
	run "$BIN"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^PID\ +TID\ +PPID\ +COMM$ ]]
	# This shell, with its parent, and the kernel's thread creator.
	echo "$output" | grep -E "^$$ +$$ +$PPID +"
	echo "$output" | grep -E "^2 +2 +0 +kthreadd$"
	# One line per process: pid equals tid everywhere.
	! echo "$output" | awk 'NR > 1 && $1 != $2 { bad = 1 } END { exit !bad }'
}

@test "iter -T lists threads too" {
	procs=$("$BIN" | wc -l)
	# a process of our own with a second thread (pid 1 is never reported
	# by this kernel's task iterator, so do not count on its threads)
	if command -v python3 >/dev/null; then
		python3 -c 'import threading, time
t = threading.Thread(target=time.sleep, args=(3,)); t.start(); time.sleep(3)' &
		mt=$!
		sleep 0.5
	fi
	run "$BIN" -T
	[ -n "${mt:-}" ] && kill "$mt" 2>/dev/null; wait 2>/dev/null || true
	[ "$status" -eq 0 ]
	# other tests start and end processes meanwhile: allow for some churn
	[ "${#lines[@]}" -ge $((procs - 20)) ]
	echo "$output" | grep -E "^$$ +$$ "
	if [ -n "${mt:-}" ]; then
		echo "$output" | awk -v p="$mt" '$1 == p && $2 != p { found = 1 } END { exit !found }'
	fi
}

@test "iter rejects bad options" {
	run "$BIN" -x
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
	run "$BIN" extra
	[ "$status" -eq 2 ]
	[[ "$output" == *"unexpected argument 'extra'"* ]]
}
