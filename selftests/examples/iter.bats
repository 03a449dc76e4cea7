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
	run "$BIN" -T
	[ "$status" -eq 0 ]
	# other tests start and end processes meanwhile: allow for some churn
	[ "${#lines[@]}" -ge $((procs - 20)) ]
	echo "$output" | grep -E "^$$ +$$ "
	# Threads of a multi-threaded process show up with tid != pid.
	if [ "$(ls /proc/1/task | wc -l)" -gt 1 ]; then
		echo "$output" | awk '$1 == 1 && $2 != 1 { found = 1 } END { exit !found }' ||
		echo "$output" | awk 'NR > 1 && $1 != $2 { found = 1 } END { exit !found }'
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
