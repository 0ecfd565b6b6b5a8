#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host tests of the C++ core (Documentation/host-tests.rst):
#
#   plain          the GoogleTest suites (core/tests/host) over the
#                  userspace backend (core/host), with AddressSanitizer and
#                  UndefinedBehaviorSanitizer where they work
#   tsan           the same suites under ThreadSanitizer; any report fails
#   compile-fail   each file in core/tests/compile_fail must fail to
#                  compile, its first error being the diagnostic its
#                  "expect-error:" line names, on the line after it; files
#                  without one must compile
#
# Prints a line per suite and per compile-fail file and ends with
# "host: N passed, N failed, N skipped": N passed counts the tests passed
# in both builds plus the compile-fail files that behaved. The exit
# status is non-zero on any failure. Logs go to build/logs/host-*.log.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

build=${BUILD:-$root/build}
out=$build/host
logs=$build/logs
mkdir -p "$logs" "$out"
cxx=${CXX:-g++}
jobs=$(nproc)
# A hung test (a grace period that never ends) must not hang make check.
run_timeout=${HOST_TESTS_TIMEOUT:-300}

pass=0 fail=0 skip=0

finish() {
	srcu_config_summary host
	[ "$fail" -eq 0 ]
	exit
}

# --- build ------------------------------------------------------------------
echo "# build"
if [ ! -r /usr/include/gtest/gtest.h ]; then
	not_ok "GoogleTest headers missing (Debian: libgtest-dev; make setup)"
	finish
fi

# AddressSanitizer needs a kernel and an allocator that let it map its
# shadow memory; where a trivial program cannot run, build without.
sanitize=address,undefined
probe=$out/sanitizer-probe
if ! echo 'int main(void) { return 0; }' |
	"$cxx" -x c++ -fsanitize=$sanitize -o "$probe" - >/dev/null 2>&1 ||
	! "$probe" >/dev/null 2>&1; then
	echo "# AddressSanitizer does not run here: plain build without sanitizers"
	sanitize=
fi

blog=$logs/host-build.log
# The build runs on a copy of core/ in the cache, where only files whose
# content changed are written (rsync -c), so that make rebuilds what they
# touch and nothing else, whichever tree the run is from: a warm run from
# a fresh clone builds nothing that did not change, as the debug kernels.
# A different compiler, GoogleTest, flags or Makefile (make does not see
# a rule's flags change) start the build afresh. The binaries come back
# to $out; one build at a time (a lock, held by the subshell).
kept=$SRCU_CONFIG_CACHE/host-tests
inputs=$( {
	"$cxx" --version
	dpkg-query -W libgtest-dev 2>/dev/null || sha1sum /usr/include/gtest/gtest.h
	echo "SANITIZE=$sanitize PLAIN_OPT=${PLAIN_OPT-} TSAN_OPT=${TSAN_OPT-}"
	cat "$root/core/tests/Makefile"
} | sha1sum)
build_kept() (
	mkdir -p "$kept" && exec {lock}>"$kept/lock" && flock "$lock" || exit 1
	if [ "$(cat "$kept/inputs" 2>/dev/null)" != "$inputs" ]; then
		rm -rf "$kept/src" "$kept/build" "$kept/inputs" || exit 1
	fi
	mkdir -p "$kept/src" &&
		rsync -rlpc --delete "$root/core/" "$kept/src/core/" &&
		make -C "$kept/src/core/tests" --no-print-directory -j"$jobs" \
			OUTPUT="$kept/build" CXX="$cxx" SANITIZE="$sanitize" all &&
		echo "$inputs" >"$kept/inputs" &&
		mkdir -p "$out/plain" "$out/tsan" &&
		cp "$kept/build/plain/host-tests" "$out/plain/host-tests" &&
		cp "$kept/build/tsan/host-tests" "$out/tsan/host-tests"
)
if build_kept >"$blog" 2>&1; then
	echo "# built plain${sanitize:+ (-fsanitize=$sanitize)} and tsan in $kept" \
		"($(grep -c -- ' -c -o ' "$blog") files compiled)"
else
	not_ok "build (log: $blog)"
	# The copy's paths as the tree's own: core/...
	grep -E ': (fatal )?error|\*\*\*' "$blog" | head -n 20 |
		sed -e "s|$kept/src/||g" -e 's/^/#   /'
	finish
fi

# --- run --------------------------------------------------------------------

# How to start a build's binary: directly, or for ThreadSanitizer with
# ASLR off where the kernel's mmap randomisation leaves it no room
# ("unexpected memory mapping").
launcher=()
choose_launcher() {
	local bin=$1

	launcher=()
	if "$bin" --gtest_list_tests 2>&1 | grep -q 'unexpected memory mapping'; then
		echo "# $(basename "$(dirname "$bin")"): run with ASLR off (setarch -R)"
		launcher=(setarch "$(uname -m)" -R)
	fi
}

# Start build NAME's binary BIN in the background: its test list in
# $out/NAME.list, its output in host-NAME.log, its exit status in
# $out/NAME.rc, a note on how it was started in $out/NAME.note. The
# suites spend most of their time asleep (grace periods, stuck readers):
# both builds run side by side, beside the compile-fail compiles.
start_build() {
	local name=$1 bin=$2 log=$logs/host-$1.log

	rm -f "$out/$name.rc"
	choose_launcher "$bin" >"$out/$name.note"
	"${launcher[@]}" "$bin" --gtest_list_tests >"$out/$name.list"
	(
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		TSAN_OPTIONS=${TSAN_OPTIONS:-second_deadlock_stack=1} \
			timeout "$run_timeout" "${launcher[@]}" "$bin" --gtest_color=no \
			>"$log" 2>&1
		echo $? >"$out/$name.rc"
	) &
}

# Lines "[       OK ] suite.test (N ms)" and the like, counted per suite;
# a listed test with no result line (the binary died) counts as failed.
# After start_build NAME and the wait.
tally_build() {
	local name=$1 log=$logs/host-$1.log rc list suite listed p f s
	local races disabled counted ran

	cat "$out/$name.note"
	list=$(cat "$out/$name.list")
	rc=$(cat "$out/$name.rc" 2>/dev/null || echo 1)
	counted=0
	# A suite line is "suite." or, for a typed suite, "suite/N.  # TypeParam = ...".
	for suite in $(echo "$list" | sed -n 's/^\([^ ]*\)\.\(  #.*\)\{0,1\}$/\1/p'); do
		# Disabled tests are listed too, but never run.
		listed=$(echo "$list" | awk -v s="$suite." \
			'/^[^ ]/ { in_suite = ($1 == s) }
			 /^  / && in_suite && !/^  DISABLED_/ { n++ }
			 END { print n + 0 }')
		p=$(grep -cE "^\[       OK \] $suite\.[^ ]+ \([0-9]+ ms\)$" "$log")
		f=$(grep -cE "^\[  FAILED  \] $suite\.[^ ]+ \([0-9]+ ms\)$" "$log")
		s=$(grep -cE "^\[  SKIPPED \] $suite\.[^ ]+ \([0-9]+ ms\)$" "$log")
		# Listed but never finished: the binary died or timed out.
		[ $((p + f + s)) -ge "$listed" ] || f=$((listed - p - s))
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
		counted=$((counted + p + f + s))
		if [ "$f" -eq 0 ]; then
			echo "ok - $name $suite: $p passed, $f failed, $s skipped"
		else
			echo "not ok - $name $suite: $p passed, $f failed, $s skipped (log: $log)"
			grep -E "^\[  FAILED  \] $suite\.[^ ]+ \(" "$log" | sed 's/^/#   /'
		fi
	done
	# Every test the binary ran belongs to a suite counted above.
	ran=$(sed -n 's/^\[==========\] \([0-9]*\) tests\{0,1\} from .* ran\..*/\1/p' "$log")
	if [ -n "$ran" ] && [ "$ran" -gt "$counted" ]; then
		echo "not ok - $name: the binary ran $ran tests, $counted were counted (log: $log)"
		fail=$((fail + ran - counted))
	fi
	disabled=$(sed -n 's/^  YOU HAVE \([0-9]*\) DISABLED TESTS\{0,1\}$/\1/p' "$log")
	if [ -n "$disabled" ]; then
		echo "# $name: $disabled disabled (counted as skipped)"
		skip=$((skip + disabled))
	fi
	races=$(grep -c 'WARNING: ThreadSanitizer' "$log")
	if [ "$races" -gt 0 ]; then
		not_ok "$name: $races ThreadSanitizer reports (log: $log)"
		grep -A3 'WARNING: ThreadSanitizer' "$log" | head -n 20 | sed 's/^/#   /'
	fi
	if [ "$rc" -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$log" && [ "$races" -eq 0 ]; then
		not_ok "$name: exited $rc with no test failed (log: $log)"
		grep -E 'Sanitizer|runtime error|Terminated|Aborted' "$log" |
			head -n 10 | sed 's/^/#   /'
	fi
}

for name in plain tsan; do
	start_build "$name" "$out/$name/host-tests"
done

# --- compile-fail -----------------------------------------------------------
cf_dir=$root/core/tests/compile_fail
cf_out=$out/compile-fail
cf_log=$logs/host-compile-fail.log
rm -rf "$cf_out"
mkdir -p "$cf_out"
: >"$cf_log"

# The flags of the host build, and a file's own (a "compile-flags:" line).
compile_one() {
	local src=$1 name flags

	name=$(basename "$src" .cpp)
	# @dir@ is this directory: a file may put a backend of its own
	# (backends/) ahead of the host one.
	flags=$(sed -n 's|^// compile-flags: ||p' "$src" | sed "s|@dir@|$cf_dir|g")
	# shellcheck disable=SC2086
	LC_ALL=C "$cxx" -std=gnu++20 -Wall -Wextra -Werror -fno-exceptions \
		$flags -I"$root" -I"$root/core" -I"$root/core/host/include" \
		-I"$root/core/include" -fsyntax-only "$src" \
		>"$cf_out/$name.out" 2>&1
	echo $? >"$cf_out/$name.rc"
}

running=0
for src in "$cf_dir"/*.cpp; do
	compile_one "$src" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
# The compiles and both builds' binaries.
wait
for name in plain tsan; do
	echo "# $name"
	tally_build "$name"
done

echo "# compile-fail"
for src in "$cf_dir"/*.cpp; do
	name=$(basename "$src" .cpp)
	file=$(basename "$src")
	result=$cf_out/$name.out
	rc=$(cat "$cf_out/$name.rc")
	marker=$(grep -n '// expect-error: ' "$src" | head -n1)
	{
		echo "=== $name (exit $rc)"
		cat "$result"
	} >>"$cf_log"
	if [ -z "$marker" ]; then
		if [ "$rc" -eq 0 ]; then
			ok "compile-fail $name: compiles, as it must"
		else
			not_ok "compile-fail $name: must compile but does not (log: $cf_log)"
			grep 'error' "$result" | head -n 5 | sed 's/^/#   /'
		fi
		continue
	fi
	# The marker names the diagnostic, and the line after it the place.
	line=$((${marker%%:*} + 1))
	regex=${marker#*// expect-error: }
	# The first error is the one a user reads: it must name the mistake.
	first=$(grep -m1 'error: ' "$result")
	if [ "$rc" -eq 0 ]; then
		not_ok "compile-fail $name: compiled (log: $cf_log)"
	elif ! printf '%s\n' "$first" | grep -Eq -- "$regex"; then
		not_ok "compile-fail $name: its first error is not /$regex/ (log: $cf_log)"
		grep 'error' "$result" | head -n 5 | sed 's/^/#   /'
	elif ! grep -q -- "$file:$line:" "$result"; then
		not_ok "compile-fail $name: failed, but not at line $line (log: $cf_log)"
		grep 'error' "$result" | head -n 5 | sed 's/^/#   /'
	else
		ok "compile-fail $name"
	fi
done

finish
