# Shared by the examples' bats suites: where the programs are, kernel
# file systems they need, a waiting helper and a two-namespace veth pair.

EX=${BPFKIT_BUILD_DIR:?BPFKIT_BUILD_DIR is not set}/examples

ex_require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root (CAP_BPF, CAP_PERFMON, CAP_NET_ADMIN)"
}

ex_mount_fs() {
	if ! grep -q " /sys/kernel/tracing tracefs" /proc/mounts; then
		mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null || true
	fi
	if ! grep -q " /sys/fs/bpf bpf" /proc/mounts; then
		mount -t bpf bpf /sys/fs/bpf 2>/dev/null || true
	fi
}

# ex_bin NAME: sets BIN to the example's executable, or skips the test
# when it was not built (not in $(...): skip must run in the test's shell).
ex_bin() {
	BIN=$EX/$1/$1
	[ -x "$BIN" ] || skip "$BIN not built"
}

# ex_wait_for FILE REGEX [SECONDS]: until a line of FILE matches.
ex_wait_for() {
	local file=$1 re=$2 limit=${3:-10} i
	for ((i = 0; i < limit * 10; i++)); do
		grep -qE -- "$re" "$file" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "timed out waiting for '$re' in $file:" >&2
	cat "$file" >&2
	return 1
}

# ex_netns_up: namespaces $NS_A/$NS_B joined by a veth pair $IF_A/$IF_B,
# 10.77.x.1 in A and 10.77.x.2 in B (x from the pid, unique per suite).
ex_netns_up() {
	local id=$(( $$ % 250 + 1 ))
	NS_A=bpfkit-exa-$$
	NS_B=bpfkit-exb-$$
	IF_A=exa$$
	IF_B=exb$$
	ADDR_A=10.77.$id.1
	ADDR_B=10.77.$id.2
	command -v ip >/dev/null || skip "iproute2 (ip) not installed"
	ip netns add "$NS_A"
	ip netns add "$NS_B"
	ip link add "$IF_A" netns "$NS_A" type veth peer name "$IF_B" netns "$NS_B"
	ip -n "$NS_A" addr add "$ADDR_A/24" dev "$IF_A"
	ip -n "$NS_B" addr add "$ADDR_B/24" dev "$IF_B"
	ip -n "$NS_A" link set "$IF_A" up
	ip -n "$NS_B" link set "$IF_B" up
	ip -n "$NS_A" link set lo up
	ip -n "$NS_B" link set lo up
}

ex_netns_down() {
	[ -n "${NS_A:-}" ] && ip netns del "$NS_A" 2>/dev/null
	[ -n "${NS_B:-}" ] && ip netns del "$NS_B" 2>/dev/null
	true
}

# ex_have_ping: iputils ping is there (EX_NO_PING=1 pretends it is not).
ex_have_ping() {
	[ -z "${EX_NO_PING:-}" ] && command -v ping >/dev/null
}

# ex_proto: what ex_traffic sends, as the xdp example names it.
ex_proto() {
	if ex_have_ping; then echo icmp; else echo udp; fi
}

# ex_traffic COUNT: COUNT packets from B to A: pings, or UDP datagrams to
# the discard port where ping is not installed.
ex_traffic() {
	local i
	if ex_have_ping; then
		ip netns exec "$NS_B" ping -q -c "$1" -i 0.2 -W 1 "$ADDR_A"
		return
	fi
	for ((i = 0; i < $1; i++)); do
		ip netns exec "$NS_B" bash -c "echo bpfkit > /dev/udp/$ADDR_A/9"
		sleep 0.2
	done
}

# ex_kill_wait PID: ends a background example started by a test.
ex_kill_wait() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# ex_sanitized: true when the examples were built with ASan/UBSan.
ex_sanitized() {
	grep -q "^BPFKIT_SANITIZE:BOOL=ON" "$BPFKIT_BUILD_DIR/CMakeCache.txt" 2>/dev/null
}
