#!/usr/bin/env bash
# The main job: set up, build, then load + attach + pin a BPF program with
# our library (examples/demo) and show the live objects with our bpftool.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build >/dev/null
demo=build/examples/demo/demo
bpftool=build/bpftool/bpftool
pins=/sys/fs/bpf/bpfkit_demo

"$demo" --cleanup >/dev/null 2>&1 || true
trap '"$demo" --cleanup' EXIT

echo "== demo: open, load, attach and pin through libbpf.so.1 (bpfkit)"
"$demo" -n 50

echo
echo "== bpftool prog show pinned $pins/prog"
"$bpftool" prog show pinned "$pins/prog"
echo
echo "== bpftool link show pinned $pins/link"
"$bpftool" link show pinned "$pins/link"
echo
echo "== bpftool map show pinned $pins/opens_by_comm"
"$bpftool" map show pinned "$pins/opens_by_comm"
echo
echo "== bpftool map dump pinned $pins/opens_by_comm (still counting: the link keeps it attached)"
"$bpftool" map dump pinned "$pins/opens_by_comm" | head -40
