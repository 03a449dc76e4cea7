#!/usr/bin/env bash
# fuzz.sh: the libFuzzer and ThreadSanitizer builds (clang, separate from the
# gcc build) and fuzzing runs.  See docs/robustness.md.
#
#   scripts/fuzz.sh build              configure + build build-fuzz/ (clang)
#   scripts/fuzz.sh seeds              (re)make the seed corpora
#   scripts/fuzz.sh TARGET SECONDS     fuzz TARGET (object btf skel usdt
#                                      bpftool) for SECONDS on $FUZZ_JOBS (2)
#                                      processes; one crasher per distinct
#                                      sanitizer report is copied to
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
	rc=0
	# 1. The kept crashers, one by one (this build also has clang's UBSan
	#    checks, which the gcc replay of fuzz/replay_* lacks).
	for f in selftests/fuzz/regressions/"$t"/*; do
		[ -f "$f" ] || continue
		if ! "$fuzz_build/fuzz_$t" -runs=1 "$f" >"$work/replay.log" 2>&1; then
			echo "FAIL: regression input $f still crashes:"
			grep -E "runtime error|ERROR|SUMMARY|^    #[0-9] " "$work/replay.log" | head -12
			rc=1
		fi
	done
	# 2. A short run from the seeds, single process: a crash fails it with
	#    its stack on stderr and the input in $work/artifacts/.
	"$fuzz_build/fuzz_$t" -max_total_time="${FUZZ_SMOKE_SECONDS:-4}" \
		-max_len=65536 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/" "$work/corpus" \
		$(inputs "$t" | grep -v /regressions/) || rc=1
	exit $rc
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
	jobs=${FUZZ_JOBS:-2}
	stamp=$(date +%s)
	art=$work/artifacts-$stamp
	mkdir -p "$work/corpus" "$art"
	echo "fuzz_$t: $secs s on $jobs processes, logs $work/run-$stamp-*.log"
	# $jobs fuzzers on one corpus; one that stops on a crash is restarted
	# until the time is up (libFuzzer's -fork mode loses the crashing inputs
	# of its jobs in LLVM 14).
	end=$((SECONDS + secs))
	worker() {
		local i=$1 left
		while left=$((end - SECONDS)); [ "$left" -gt 2 ]; do
			"$fuzz_build/fuzz_$t" -max_total_time="$left" -max_len=65536 \
				-timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
				-artifact_prefix="$art/" "$work/corpus" \
				$(inputs "$t" | grep -v /regressions/) \
				>>"$work/run-$stamp-$i.log" 2>&1 || sleep 1
		done
	}
	for i in $(seq "$jobs"); do
		worker "$i" &
	done
	wait
	execs=$(cat "$work"/run-"$stamp"-*.log | awk '/stat::number_of_executed_units/ { n += $2 } END { print n + 0 }')
	starts=$(cat "$work"/run-"$stamp"-*.log | grep -c "INFO: Seed:" || true)
	cov=$(cat "$work"/run-"$stamp"-*.log | grep -oE "cov: [0-9]+" | awk '{ if ($2 > m) m = $2 } END { print m + 0 }')
	echo "fuzz_$t: $execs executions, max cov $cov, $starts fuzzer starts ($((starts - jobs)) restarts after a crash)"
	# One reproducer per distinct sanitizer SUMMARY line (a shallow bug is
	# found again and again by every job), none for a bug already kept.
	# Slow inputs (timeouts) go to regressions/TARGET/slow/, which ctest
	# does not replay.
	mkdir -p "selftests/fuzz/regressions/$t/slow"
	summary() {
		"$fuzz_build/fuzz_$t" -runs=1 -timeout=20 "$1" 2>&1 |
			grep -m1 -E "^SUMMARY|ERROR: libFuzzer" | sed -E 's/0x[0-9a-f]+//g; s/==[0-9]+==//g' || true
	}
	n=0
	seen=$work/summaries
	: > "$seen"
	for a in selftests/fuzz/regressions/"$t"/*; do
		[ -f "$a" ] && summary "$a" >> "$seen"
	done
	grep -q . "$seen" || echo "-" > "$seen"
	for a in "$art"/crash-* "$art"/leak-* "$art"/timeout-* "$art"/oom-*; do
		[ -f "$a" ] || continue
		sum=$(summary "$a")
		[ -n "$sum" ] || sum="no crash on replay: $(basename "$a")"
		if ! grep -qxF "$sum" "$seen"; then
			echo "$sum" >> "$seen"
			# Slow inputs stay out of ctest's replay, even those that
			# end in a sanitizer report after their seconds of work.
			case "$(basename "$a")" in
			timeout-* | oom-*) cp -n "$a" "selftests/fuzz/regressions/$t/slow/" ;;
			*) cp -n "$a" "selftests/fuzz/regressions/$t/" ;;
			esac
			echo "kept $(basename "$a"): $sum"
			n=$((n + 1))
		fi
	done
	echo "fuzz_$t: $n new distinct crash(es) kept in selftests/fuzz/regressions/$t/"
	;;
esac
