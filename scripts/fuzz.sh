#!/usr/bin/env bash
# fuzz.sh: the libFuzzer and ThreadSanitizer builds (clang, separate from the
# gcc build) and fuzzing runs.  See docs/robustness.md.
#
#   scripts/fuzz.sh build              configure + build build-fuzz/ (clang)
#   scripts/fuzz.sh seeds              (re)make the seed corpora
#   scripts/fuzz.sh TARGET SECONDS     fuzz TARGET (object btf skel usdt
#                                      bpftool) for SECONDS on $FUZZ_JOBS (2)
#                                      processes; crashes are copied to
#                                      selftests/fuzz/regressions/TARGET/
#   scripts/fuzz.sh smoke TARGET       a few seconds ($FUZZ_SMOKE_SECONDS, 4),
#                                      fails on a crash (ctest fuzz/smoke_*)
#   scripts/fuzz.sh tsan               build + run test_threads under TSan
#
# FUZZ_NO_REBUILD=1 skips rebuilding existing fuzz binaries.
# Build dirs: $BPFKIT_FUZZ_BUILD (build-fuzz), $BPFKIT_TSAN_BUILD
# (build-tsan).  Seeds come from $BPFKIT_PROGS_DIR (build/selftests/progs).
# Exit 77 (skip) when clang or its libFuzzer/TSan runtime is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fuzz_build=${BPFKIT_FUZZ_BUILD:-$root/build-fuzz}
tsan_build=${BPFKIT_TSAN_BUILD:-$root/build-tsan}
progs=${BPFKIT_PROGS_DIR:-$root/build/selftests/progs}
targets="object btf skel usdt bpftool"
cc=$(command -v clang-14 || command -v clang || true)

skip() { echo "SKIP: $*"; exit 77; }

have_runtime() {	# have_runtime <sanitizer flags>
	local t
	t=$(mktemp -d)
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long s) { return 0; }' > "$t/x.c"
	"$cc" "$@" "$t/x.c" -o "$t/x" >/dev/null 2>&1
	local rc=$?
	rm -rf "$t"
	return $rc
}

configure_build() {	# configure_build DIR MODE
	local dir=$1 mode=$2 gen=()
	command -v ninja >/dev/null && gen=(-G Ninja)
	mkdir -p "$dir"
	exec 8>"$dir/.build.lock"
	flock 8
	if [ ! -f "$dir/build.ninja" ] && [ ! -f "$dir/Makefile" ]; then
		rm -f "$dir/CMakeCache.txt"
		if ! CC=$cc cmake -S selftests/fuzz/clang -B "$dir" "${gen[@]}" \
			-DBPFKIT_FUZZ_MODE="$mode" >"$dir/configure.log" 2>&1; then
			cat "$dir/configure.log" >&2
			rm -f "$dir/CMakeCache.txt"
			exit 1
		fi
	fi
	cmake --build "$dir" -j"$(nproc)"
	flock -u 8
}

extract_btf() {		# extract_btf OBJ OUT: the object's .BTF section
	local objcopy tmp
	objcopy=$(command -v llvm-objcopy-14 || command -v llvm-objcopy || command -v objcopy)
	tmp=$(mktemp)
	"$objcopy" --dump-section .BTF="$2" "$1" "$tmp" 2>/dev/null
	rm -f "$tmp"
	[ -s "$2" ] || { rm -f "$2"; return 1; }
}

make_seeds() {
	local s=$fuzz_build/seeds o
	rm -rf "$s"
	mkdir -p "$s"/{object,btf,skel,usdt,bpftool}
	if [ -d "$progs" ]; then
		for o in "$progs"/*.bpf.o; do
			[ -f "$o" ] || continue
			# Keep the corpus small: libFuzzer is fastest on small inputs.
			[ "$(stat -c %s "$o")" -le 65536 ] || continue
			cp "$o" "$s/object/"
			cp "$o" "$s/skel/"
			extract_btf "$o" "$s/btf/$(basename "$o" .bpf.o).btf" || true
		done
	else
		echo "note: $progs absent, seeds only from selftests/fuzz/corpus"
	fi
	cp selftests/fuzz/data/*.btf "$s/btf/" 2>/dev/null || true
	# A tiny static binary with USDT notes for the note parser.
	"$cc" -O1 -nostdlib -static -Wl,-n -Wl,--build-id=none -Wl,-e,fuzz_start -o "$s/usdt/usdt_seed" \
		selftests/fuzz/data/usdt_seed.c 2>/dev/null || true
	touch "$s/.done"
}

ensure_fuzz_build() {
	[ -n "$cc" ] || skip "no clang: libFuzzer targets not built"
	have_runtime -fsanitize=fuzzer,address,undefined ||
		skip "clang cannot link -fsanitize=fuzzer (libclang-rt-dev missing?)"
	# FUZZ_NO_REBUILD=1: keep the binaries as they are (long runs while
	# the tree is being edited).
	if [ -z "${FUZZ_NO_REBUILD:-}" ] || [ ! -x "$fuzz_build/fuzz_bpftool" ]; then
		configure_build "$fuzz_build" fuzz
	fi
	[ -f "$fuzz_build/seeds/.done" ] || make_seeds
}

# Inputs of TARGET: the committed corpus and regressions, and the seeds.
inputs() {
	local t=$1
	echo "$fuzz_build/seeds/$t"
	[ -d "selftests/fuzz/corpus/$t" ] && echo "$root/selftests/fuzz/corpus/$t"
	[ -d "selftests/fuzz/regressions/$t" ] && echo "$root/selftests/fuzz/regressions/$t"
	true
}

check_target() {
	case " $targets " in *" $1 "*) ;; *) echo "unknown target '$1' ($targets)" >&2; exit 2;; esac
}

cmd=${1:-}
case "$cmd" in
build)
	ensure_fuzz_build
	;;
seeds)
	ensure_fuzz_build
	make_seeds
	;;
smoke)
	t=${2:?target}
	check_target "$t"
	ensure_fuzz_build
	work=$fuzz_build/smoke/$t
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts"
	# Single process: a crash fails this run with its stack on stderr.
	"$fuzz_build/fuzz_$t" -max_total_time="${FUZZ_SMOKE_SECONDS:-4}" \
		-max_len=65536 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/" "$work/corpus" $(inputs "$t")
	;;
tsan)
	[ -n "$cc" ] || skip "no clang: ThreadSanitizer build not made"
	have_runtime -fsanitize=thread -Wl,--defsym=main=LLVMFuzzerTestOneInput ||
		skip "clang cannot link -fsanitize=thread"
	configure_build "$tsan_build" tsan
	# setarch -R: TSan of LLVM 14 fails on high-entropy ASLR layouts.
	run=()
	setarch "$(uname -m)" -R true 2>/dev/null && run=(setarch "$(uname -m)" -R)
	BPFKIT_PROGS_DIR=$progs TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} \
		"${run[@]}" "$tsan_build/test_threads"
	;;
"" | -h | --help)
	sed -n '2,21p' "$0"
	;;
*)
	t=$cmd
	secs=${2:?seconds}
	check_target "$t"
	ensure_fuzz_build
	work=$fuzz_build/run/$t
	mkdir -p "$work/corpus" "$work/artifacts"
	jobs=${FUZZ_JOBS:-2}
	log=$work/run-$(date +%s).log
	echo "fuzz_$t: $secs s on $jobs processes, log $log"
	set +e
	"$fuzz_build/fuzz_$t" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 \
		-ignore_ooms=1 -max_total_time="$secs" -max_len=65536 -timeout=20 \
		-rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/" "$work/corpus" $(inputs "$t") 2>&1 | tee "$log" |
		grep -E "^#[0-9]+.*DONE|INFO: fuzzed for|crash-|==ERROR|SUMMARY" || true
	set -e
	# One reproducer per distinct sanitizer SUMMARY line (a shallow bug is
	# found again and again by every job).
	mkdir -p "selftests/fuzz/regressions/$t"
	n=0
	seen=$work/summaries
	touch "$seen"
	for a in "$work"/artifacts/crash-* "$work"/artifacts/leak-* "$work"/artifacts/timeout-*; do
		[ -f "$a" ] || continue
		sum=$("$fuzz_build/fuzz_$t" -runs=1 "$a" 2>&1 | grep -m1 -E "^SUMMARY|ERROR: libFuzzer" |
			sed -E 's/0x[0-9a-f]+//g') || true
		[ -n "$sum" ] || sum="no crash on replay: $(basename "$a")"
		if ! grep -qxF "$sum" "$seen"; then
			echo "$sum" >> "$seen"
			cp -n "$a" "selftests/fuzz/regressions/$t/"
			echo "kept $(basename "$a"): $sum"
			n=$((n + 1))
		fi
	done
	echo "fuzz_$t: $n new distinct crash(es) kept in selftests/fuzz/regressions/$t/"
	;;
esac
