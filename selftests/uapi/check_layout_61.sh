#!/bin/sh
# check_layout_61.sh SYSTEM_PROBE OUR_PROBE ALLOWED
# Runs the 6.1 probe built against the system headers and against ours.
# Every line must match, except keys listed in ALLOWED (structures that
# grew at their end and counters that moved since 6.1); those are shown.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$1" > "$tmp/sys"
"$2" > "$tmp/ours"
allowed=$3
n=$(wc -l < "$tmp/sys")
if [ "$n" -lt 500 ]; then
	echo "FAIL: the probe printed only $n lines"
	exit 1
fi

# drop lines whose key (all but the last field) is allowed to change
filter() {
	awk 'NR == FNR { if ($0 !~ /^#/ && NF) skip[$0] = 1; next }
	     { k = $0; sub(/ [^ ]*$/, "", k); if (!(k in skip)) print }' \
		"$allowed" "$1"
}
filter "$tmp/sys" > "$tmp/sys.f"
filter "$tmp/ours" > "$tmp/ours.f"
if ! diff -u "$tmp/sys.f" "$tmp/ours.f"; then
	echo "FAIL: the 6.1 subset differs from the system headers (above)"
	exit 1
fi
echo "known changes since 6.1 (allowed by $(basename "$allowed")):"
diff "$tmp/sys" "$tmp/ours" | grep '^[<>]' || true
echo "ok: $n sizes, offsets and values of the 6.1 ABI agree"
