#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test layer, in order of cost.
#
#   build   the module and the examples build warning-free (W=1) against
#           Debian 6.12 and 6.1, with no global constructors and no C++
#           runtime symbol the kernel lacks, and `make module` builds the
#           product alone; a broken .cpp fails the build; every C++ block
#           of Documentation/ compiles; checkpatch is clean on the C files;
#           the man pages build and render without a warning; every
#           reST file parses without one
#   host    the core's templates against a userspace SRCU backend with
#           GoogleTest, also under ThreadSanitizer; compile-fail tests
#   dkms    DKMS builds the module for both Debian kernels
#   packages  our .debs installed in Debian 12 and 13 chroots, DKMS builds
#           the module there; under QEMU insmod, the kselftest-harness
#           selftests and rmmod on Debian's 6.1, 6.12, 13's 6.12, 7.3
#           (trixie-backports) and an RT kernel, and the examples' tests
#           on Debian 12's two
#   vm      the same under QEMU with the module make built, for a Debian 12
#           kernel of set-up's that the packages layer did not boot
#   kunit   the KUnit suites through kunit.py, on debug kernels (KASAN,
#           lockdep, PROVE_RCU, kmemleak, fault injection) built
#           from Debian's linux-source-6.12 and trixie-backports'
#           linux-source-7.3 (SRCU-fast readers; built in a Debian 13
#           chroot): $SRCU_CONFIG_DEBUG_SERIES in scripts/lib.sh
#   reliability  on the same debug kernels: every selftest, fail-nth
#           fault injection, fuzzing, torture, load/unload cycles,
#           kmemleak, and (on 6.12) the two broken stores the torture
#           must catch
#
# What each layer cost the host (wall and CPU seconds) is data in
# build/logs/cost.result (lib.sh's srcu_config_cost) and one line
# before the last.
#
# kunit and reliability need only the debug kernels and the userspace
# programs: they run in a second lane, beside build ... vm, from the
# start (the two lanes fill the two CPUs, which one lane's VMs leave half
# idle). Each layer prints its own result, in the order above; the debug
# lane's once it is done. The last line is the sum:
# "N passed, N failed, N skipped". Exit status is non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
srcu_config_load_env || exit 1

build=${BUILD:-$root/build}
export BUILD=$build
logs=$build/logs
mkdir -p "$logs"
pass=0 fail=0 skip=0
cost=$logs/cost.result
rm -f "$cost" "$logs/cost-debug.result" "$logs/cost-debug.result.kunit"
srcu_config_cost_start "$cost" || exit 1
# Every VM booted a second time (qemu-run.sh) is named at the end.
export SRCU_CONFIG_RETRY_LOG=$logs/retried.txt
: >"$SRCU_CONFIG_RETRY_LOG"

# Record one result line "NAME: N passed, N failed, N skipped".
tally() {
	local line p f s
	line=$(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$1" | tail -n1)
	if [ -z "$line" ]; then
		fail=$((fail + 1))
		return
	fi
	read -r p f s < <(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/')
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

# One pass/fail check with a name; output goes to a log, shown on failure.
check() {
	local name=$1 log=$logs/$1.log
	shift
	if "$@" >"$log" 2>&1; then
		echo "ok - $name"
		pass=$((pass + 1))
	else
		echo "not ok - $name (log: $log)"
		tail -n 30 "$log" | sed 's/^/#   /'
		fail=$((fail + 1))
	fi
}

# --- build ------------------------------------------------------------------
# make TARGET for a kernel, W=1, and fail on any warning.
make_clean_build() {
	local target=$1 kver=$2 out rc
	out=$(make -C "$root" --no-print-directory -j"$(nproc)" "$target" KVER="$kver" W=1 2>&1)
	rc=$?
	echo "$out"
	[ $rc -eq 0 ] || return 1
	if echo "$out" | grep -E 'warning:|Warning:|WARNING:|added to multiple modules'; then
		echo "$target for $kver has warnings"
		return 1
	fi
}

build_module() {
	local kver=$1 kos
	make_clean_build module "$kver" || return 1
	# The product alone: nothing for the benchmark or the torture.
	kos=$(cd "$build/module/linux-headers-$kver" && ls ./*.ko)
	[ "$kos" = ./srcu_config.ko ] || { echo "make module built: $kos"; return 1; }
	"$here/check-ko.sh" "$build/srcu_config-linux-headers-$kver.ko" &&
		"$here/check-product-symbols.sh" "$build/srcu_config-linux-headers-$kver.ko"
}

# The examples, each with its own three lines of Kbuild and a plain
# make -C $KDIR M=<dir>; then staged for the VM (--extra): the module
# under /examples, its test under /tests with the selftests.
build_examples() {
	local kver=$1 stage ko
	make_clean_build examples "$kver" || return 1
	stage=$(srcu_config_examples_stage "$kver")
	srcu_config_stage_examples "$build/examples/linux-headers-$kver" "$stage" || return 1
	for ko in "$stage"/examples/*.ko; do
		"$here/check-ko.sh" "$ko" || return 1
	done
}

checkpatch() {
	local ksrc files
	ksrc=$(srcu_config_ksrc)
	files=$(cd "$root" && git ls-files '*.c' '*.h' 2>/dev/null ||
		find core module kunit selftests tools -name '*.[ch]')
	(cd "$root" && "$ksrc/scripts/checkpatch.pl" --no-tree --quiet \
		--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f $files)
}

echo "# build"
# First the userspace programs: both lanes copy them into their VMs.
check userspace make -C "$root" --no-print-directory selftests tool
# The tool's JSON encoder, on its own (tools/tests/json_test.c).
make -C "$root/tools" --no-print-directory OUTPUT="$build/tools" check \
	>"$logs/tool-json.out" 2>&1
grep -E '^(not ok|json:)' "$logs/tool-json.out"
tally "$logs/tool-json.out"

# --- debug lane: kunit, reliability ----------------------------------------
# In the background, its output kept in its layers' .out files; reported
# after the vm layer. Killed with make check. The two lanes share
# SRCU_CONFIG_VM_SLOTS (lib.sh). Inside it KUnit runs beside
# reliability.sh's builds; KUnit's background shell keeps its costs by
# series, and reliability's figure leaves them out.
debug_lane() {
	local series cost=$logs/cost-debug.result kunit_cpu
	srcu_config_cost_start "$cost"
	(
		srcu_config_cost_start "$cost.kunit"
		for series in $SRCU_CONFIG_DEBUG_SERIES; do
			srcu_config_vm_slot "$here/kunit.sh" "$series" >"$logs/kunit-$series.out" 2>&1
			srcu_config_cost "$cost.kunit" "kunit-$series"
		done
	) &
	"$here/reliability.sh" >"$logs/reliability.out" 2>&1
	wait
	kunit_cpu=$(awk -F= '/\.cpu_s=/ { s += $2 } END { print s + 0 }' "$cost.kunit")
	cat "$cost.kunit" >>"$cost"
	srcu_config_cost "$cost" reliability "$kunit_cpu"
}
rm -f "$logs"/kunit-*.out "$logs/reliability.out"
SRCU_CONFIG_VM_SLOT_DIR=$(mktemp -d /tmp/srcu-config-vm-slots.XXXXXX) || exit 1
export SRCU_CONFIG_VM_SLOT_DIR
# The lane runs in a session of its own, which the terminal's Ctrl-C does
# not reach: when make check ends early, its EXIT trap ends every process
# of that session. (timeout gives each VM a process group of its own, and
# a walk from parent to child misses those whose parent died first.)
here=$here logs=$logs setsid bash -c "$(declare -f debug_lane)
	. '$here/lib.sh' && debug_lane" &
debug_pid=$!
trap 'pkill -TERM -s "$debug_pid"; rm -rf "$SRCU_CONFIG_VM_SLOT_DIR"' EXIT
trap 'exit 130' INT TERM
# A layer's cost (lib.sh). The debug lane's CPU time comes into this
# shell's children's times when bash reaps the lane, in whatever layer
# is running as it ends: that layer's figure leaves it out (the lane's
# own file counts it, by layer).
lane_reaped=0
layer_cost() {
	local minus=0
	if [ $lane_reaped = 0 ] && ! kill -0 "$debug_pid" 2>/dev/null; then
		lane_reaped=1
		minus=$(awk -F= '/\.cpu_s=/ { s += $2 } END { print s + 0 }' "$logs/cost-debug.result")
	fi
	srcu_config_cost "$cost" "$1" "$minus"
}

check build-$KVER_612 build_module "$KVER_612"
check build-$KVER_61 build_module "$KVER_61"
check examples-$KVER_612 build_examples "$KVER_612"
check examples-$KVER_61 build_examples "$KVER_61"
check broken-cpp-fails-build "$here/check-broken-build.sh" "$KVER_612"
"$here/check-docs.sh" "/usr/src/linux-headers-$KVER_612" >"$logs/docs.out" 2>&1
grep -E '^(not ok|docs:)' "$logs/docs.out"
tally "$logs/docs.out"
check checkpatch checkpatch
check man "$here/check-man.sh" "$build"
check rst bash -c "cd '$root' && python3 scripts/check-rst.py Documentation/*.rst Documentation/man/*.rst README.rst"
layer_cost build

# --- host -------------------------------------------------------------------
echo "# host"
"$here/host-tests.sh" >"$logs/host.out" 2>&1
grep -E '^(ok|not ok|host:)' "$logs/host.out" | grep -v '^ok - compile-fail'
tally "$logs/host.out"
layer_cost host

# --- packaging -------------------------------------------------------------------
echo "# dkms"
"$here/dkms-check.sh" >"$logs/dkms.out" 2>&1
tail -n 1 "$logs/dkms.out"
tally "$logs/dkms.out"
layer_cost dkms

echo "# packages"
"$here/packages-check.sh" >"$logs/packages.out" 2>&1
grep -E '^(not ok|#   |pkg-|packages:)' "$logs/packages.out"
tally "$logs/packages.out"
layer_cost packages

# --- vm ---------------------------------------------------------------------
# Debian 12's two kernels of kernels.env (what make builds for) with the
# examples staged by build_examples above: in the packages layer's VM
# that booted the same kernel, every staged example test must have
# passed. A kernel no packages VM booted (the chroot resolved a newer
# release than the host's headers) boots here with the module make built,
# the selftests and the examples.
# The result file (qemu-run.sh's) of the packages VM that booted $1.
pkg_vm_result() {
	local r
	for r in "$logs"/packages/vm-*.log.result; do
		[ -e "$r" ] || continue
		[ "$(srcu_config_result "$r" kernel)" = "$1" ] && { echo "$r"; return; }
	done
}
examples_ran() {
	local kver=$1 result name t n=0
	result=$(pkg_vm_result "$kver")
	name=$(srcu_config_result "$result" name)
	for t in "$(srcu_config_examples_stage "$kver")/tests"/*; do
		[ -e "$t" ] || continue
		[ "$(srcu_config_result "$result" "exit.${t##*/}")" = 0 ] ||
			{ echo "${t##*/} did not pass in $name ($result)"; return 1; }
		n=$((n + 1))
	done
	[ $n -gt 0 ] || { echo "no example staged for $kver"; return 1; }
	echo "$n example tests passed in $name"
}
for kver in "$KVER_612" "$KVER_61"; do
	if [ -n "$(pkg_vm_result "$kver")" ]; then
		check "examples-ran-$kver" examples_ran "$kver"
		continue
	fi
	echo "# vm $kver (no packages VM booted it)"
	srcu_config_vm_slot srcu_config_vm_tests "vm-$kver" \
		"$(srcu_config_image_dir "$kver")/vmlinuz" \
		"$build/srcu_config-linux-headers-$kver.ko" "$logs/vm-$kver.log" \
		"$logs/vm-$kver.out" "$(srcu_config_examples_stage "$kver")"
	cat "$logs/vm-$kver.out"
	tally "$logs/vm-$kver.out"
done

# --- kunit, reliability: the debug lane ----------------------------------
layer_cost vm
wait "$debug_pid"
layer_cost debug-lane-wait
trap - EXIT
rm -rf "$SRCU_CONFIG_VM_SLOT_DIR"
for series in $SRCU_CONFIG_DEBUG_SERIES; do
	echo "# kunit $series"
	cat "$logs/kunit-$series.out"
	tally "$logs/kunit-$series.out"
done
echo "# reliability"
cat "$logs/reliability.out"
tally "$logs/reliability.out"

if [ -s "$SRCU_CONFIG_RETRY_LOG" ]; then
	echo "# retried: $(wc -l <"$SRCU_CONFIG_RETRY_LOG") VM(s) or KUnit run(s) booted twice, by name:"
	sed 's/^/#   /' "$SRCU_CONFIG_RETRY_LOG"
else
	echo "# retried: none"
fi
# "# cost (host seconds, wall/CPU): build 80/120, ..., make check 700/1300":
# the debug lane's layers ran beside the main lane's, so the total wall
# time is the main lane's, its wait for the debug lane included.
cat "$logs/cost-debug.result" >>"$cost" 2>/dev/null
awk -F= '{ k = $1; sub(/\.(wall|cpu)_s$/, "", k) }
	/\.wall_s=/ { if (!(k in w)) order[++n] = k; w[k] = $2 }
	/\.cpu_s=/ { c[k] = $2 }
	END {
		for (i = 1; i <= n; i++) {
			k = order[i]
			C += c[k]
			if (k !~ /^(kunit-|reliability)/) W += w[k]
			if (k != "debug-lane-wait")
				out = out sprintf("%s%s %d/%d", out == "" ? "" : ", ", k, w[k], c[k])
		}
		printf "# cost (host seconds, wall/CPU): %s; make check %d/%d\n", out, W, C
	}' "$cost"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
