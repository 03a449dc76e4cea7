#!/usr/bin/env bats
# The seed tutorials (shared/seeds/) done the way they tell a reader to,
# with our bpftool, our headers and our libbpf in place of the usual ones.

setup() {
	[ -e /sys/fs/bpf/tc ] && HAD_IPROUTE_DIRS=1 || HAD_IPROUTE_DIRS=0
	SRC=$BPFKIT_SOURCE_DIR/selftests/seeds
	W=$BATS_TEST_TMPDIR
	INC=$BPFKIT_SOURCE_DIR/lib/include
	GEN=$BPFKIT_BUILD_DIR/generated/include
	UAPI=$BPFKIT_SOURCE_DIR/include/uapi
	LIBDIR=$(dirname "$LIBBPF_SO")
	MA=$(cc -print-multiarch)
}

teardown() {
	# iproute2 makes its own pin directories (tc/, ip, xdp) on first use
	if [ "${HAD_IPROUTE_DIRS:-1}" = 0 ]; then
		rm -rf /sys/fs/bpf/tc /sys/fs/bpf/ip /sys/fs/bpf/xdp
	fi
}

@test "openatsnoop: vmlinux.h, clang, gen skeleton, cc -lbpf, run: openat events arrive" {
	cd "$W"
	cp "$SRC"/events.h "$SRC"/openatsnoop.bpf.c "$SRC"/openatsnoop.c .
	"$BPFTOOL" btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h
	clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I. -I"$INC" -I"$GEN" \
		-c openatsnoop.bpf.c -o openatsnoop.bpf.o
	"$BPFTOOL" gen skeleton openatsnoop.bpf.o name hello_world_bpf > openatsnoop.skel.h
	cc openatsnoop.c -I. -I"$INC" -I"$UAPI" -L"$LIBDIR" -lbpf -lelf -Wl,-rpath,"$LIBDIR" -o a.out
	ldd ./a.out | grep -q "$LIBDIR/libbpf.so.1"
	./a.out > out.txt 2>&1 &
	pid=$!
	for i in $(seq 1 50); do
		cat /etc/hostname >/dev/null
		grep -q "openat: /etc/hostname" out.txt && break
		sleep 0.1
	done
	kill "$pid"; wait "$pid" || true
	grep -q "^cat openat: /etc/hostname" out.txt || { cat out.txt | tail -20; false; }
	# the tutorial's debug_print shows the library's log on stdout
	grep -q "^libbpf: " out.txt
}

@test "udp-drop: clang as shown, loaded by ip link ... xdp obj through our libbpf, drops UDP 5001 only" {
	command -v python3 >/dev/null || skip "python3 needed to send and receive UDP"
	ldd "$(command -v ip)" | grep -q libbpf.so.1 || skip "ip is not linked against libbpf.so.1"
	cd "$W"
	cp "$SRC"/udp-drop.c .
	# as the tutorial compiles it (our uapi headers first), no BTF; its
	# <stdint.h> reaches glibc, which for a non-x86_64 target wants
	# gnu/stubs-32.h (libc6-dev-i386): -D__x86_64__ picks the 64-bit stubs
	clang -I"$UAPI" -I/usr/include/"$MA" -D__x86_64__ -O2 -target bpf -c udp-drop.c -o udp-drop.o
	ns=bpfkit-seed-$$
	peer=bpfkit-seedp-$$
	ip netns add "$ns"
	ip netns add "$peer"
	ip -n "$ns" link add vsa type veth peer name vsb netns "$peer"
	ip -n "$ns" addr add 10.202.0.1/24 dev vsa
	ip -n "$peer" addr add 10.202.0.2/24 dev vsb
	ip -n "$ns" link set vsa up
	ip -n "$peer" link set vsb up
	run env LD_LIBRARY_PATH="$LIBDIR" ip -n "$ns" link set dev vsa xdp obj udp-drop.o
	if [ "$status" -ne 0 ]; then ip netns del "$ns"; ip netns del "$peer"; echo "$output"; false; fi
	cat > udp.py <<-'EOP'
	import socket, sys, time
	port = int(sys.argv[2])
	if sys.argv[1] == "rx":
	    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	    rx.bind(("10.202.0.1", port))
	    rx.settimeout(0.5)
	    got, end = 0, time.time() + 2.5
	    while time.time() < end:
	        try:
	            rx.recv(16); got += 1
	        except socket.timeout:
	            pass
	    print(got)
	else:
	    tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	    for i in range(5):
	        tx.sendto(b"x", ("10.202.0.1", port)); time.sleep(0.1)
	EOP
	count_udp() {
		ip netns exec "$ns" python3 udp.py rx "$1" > "rx.$1" &
		local rx=$!
		sleep 0.5
		ip netns exec "$peer" python3 udp.py tx "$1"
		wait "$rx"
		cat "rx.$1"
	}
	dropped=$(count_udp 5001)
	passed=$(count_udp 5002)
	ip netns del "$ns"
	ip netns del "$peer"
	echo "port 5001 received $dropped, port 5002 received $passed"
	[ "$dropped" -eq 0 ]
	[ "$passed" -gt 0 ]
}
