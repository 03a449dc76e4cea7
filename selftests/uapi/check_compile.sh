#!/bin/sh
# check_compile.sh C_EXE CC CXX BPF_CLANG UAPI_DIR SOURCE WORKDIR [MULTIARCH]
# The C build already happened (C_EXE); also build the same source as
# C++ and for the BPF target, both with warnings as errors.
set -eu
exe=$1 cc=$2 cxx=$3 clang=$4 uapi=$5 src=$6 work=$7 multiarch=${8:-}
mkdir -p "$work"
"$exe"
"$cc" -std=gnu11 -Wall -Wextra -Werror -I"$uapi" -c "$src" -o "$work/c.o"
"$cxx" -x c++ -Wall -Wextra -Werror -I"$uapi" -c "$src" -o "$work/cxx.o"
extra=""
[ -n "$multiarch" ] && extra="-idirafter /usr/include/$multiarch"
# shellcheck disable=SC2086
"$clang" -target bpf -O2 -Wall -Wextra -Werror -I"$uapi" $extra -c "$src" -o "$work/bpf.o"
echo "ok: the uapi headers build as C, C++ and BPF"
