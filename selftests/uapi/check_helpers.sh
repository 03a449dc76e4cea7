#!/bin/sh
# check_helpers.sh BPF_H
# The helper list in bpf.h is the input of cmake/GenHelperDefs.cmake:
# every id 1..211 exactly once, one declaration per line, named
# bpf_<name> where FN(<name>, <id>, ...) is the mapper entry of that id.
set -eu
h=$1
awk '
/^ \* @helper / {
	id = $3
	if (id !~ /^[0-9]+$/) { print "bad helper line: " $0; bad = 1; next }
	cnt[id]++
	line = $0
	if (!match(line, /[ *]bpf_[A-Za-z0-9_]+\(/)) {
		print "helper " id ": no bpf_<name>( in: " $0; bad = 1; next
	}
	name[id] = substr(line, RSTART + 5, RLENGTH - 6)
	if (line !~ /\)$/) { print "helper " id ": not one complete line"; bad = 1 }
	next
}
/^\tFN\([A-Za-z0-9_]+, [0-9]+, ##ctx\)/ {
	s = $0; sub(/^\tFN\(/, "", s); split(s, f, /, /)
	mapper[f[2]] = f[1]; nmap++
}
END {
	for (i = 1; i <= 211; i++) {
		if (cnt[i] != 1) { print "helper " i ": listed " cnt[i] + 0 " times"; bad = 1; continue }
		if (!(i in mapper)) { print "helper " i ": not in ___BPF_FUNC_MAPPER"; bad = 1; continue }
		if (name[i] != mapper[i]) {
			print "helper " i ": declared bpf_" name[i] ", mapper says " mapper[i]; bad = 1
		}
	}
	for (k in cnt) if (k + 0 < 1 || k + 0 > 211) { print "unexpected helper id " k; bad = 1 }
	if (mapper[0] != "unspec") { print "mapper: id 0 is not unspec"; bad = 1 }
	if (nmap != 212) { print "mapper: " nmap " entries, want 212"; bad = 1 }
	if (bad) exit 1
	print "ok: 211 helpers, names match the mapper"
}' "$h"
