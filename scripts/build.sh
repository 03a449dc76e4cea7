#!/usr/bin/env bash
# build.sh [DIR [cmake options...]]: configure (once) and build into DIR.
# Builds of the same DIR are serialised with a lock, so that several shells
# (or developers) sharing a tree never run two ninja instances in one DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
mkdir -p "$dir"
exec 9>"$dir/.build.lock"
flock 9
if [ ! -f "$dir/CMakeCache.txt" ]; then
	cmake -S . -B "$dir" "${gen[@]}" "$@" >/dev/null
fi
cmake --build "$dir" -j"$(nproc)"
