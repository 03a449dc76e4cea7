#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test bpfkit,
# and mounts the kernel file systems BPF tools expect.  Safe to re-run.
set -euo pipefail

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in build-essential cmake ninja-build pkg-config iputils-ping clang-14 llvm-14 llvm-14-dev \
	   libclang-rt-14-dev libelf-dev zlib1g-dev bats iproute2; do
	have_pkg "$pkg" || need+=("$pkg")
done
# The reference bpftool, only for side-by-side comparison in tests and bench/.
if [ "${BPFKIT_NO_REFERENCE:-0}" != 1 ]; then
	have_pkg bpftool || need+=(bpftool)
fi

if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "setup: need root to install: ${need[*]}" >&2
		exit 1
	fi
	echo "setup: installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# The reference bpftool is optional: never fail the set-up for it.
	core=()
	for p in "${need[@]}"; do [ "$p" = bpftool ] || core+=("$p"); done
	[ ${#core[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${core[@]}"
	if printf '%s\n' "${need[@]}" | grep -qx bpftool; then
		apt-get install -y -qq --no-install-recommends bpftool ||
			echo "setup: reference bpftool not installable; comparisons will be skipped"
	fi
fi

if [ -d /usr/include/bpf ] && dpkg-query -W libbpf-dev >/dev/null 2>&1; then
	echo "setup: WARNING: libbpf-dev is installed; bpfkit never uses it (remove it)" >&2
fi

mount_fs() { # type dir
	mountpoint -q "$2" 2>/dev/null && return 0
	mkdir -p "$2"
	mount -t "$1" "$1" "$2" 2>/dev/null || echo "setup: could not mount $1 on $2" >&2
}
if [ "$(id -u)" = 0 ]; then
	mount_fs bpf /sys/fs/bpf
	mount_fs tracefs /sys/kernel/tracing
	mount_fs debugfs /sys/kernel/debug
fi
