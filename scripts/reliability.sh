#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The reliability layers (Documentation/testing.rst), on the debug kernel
# of scripts/debug-kernel.sh (KASAN, lockdep, kmemleak, fault injection):
#
#   selftests   every selftest, fault_test (fail-nth on the device's
#               calls) and fuzz_test included; kmemleak afterwards
#   torture     srcu_config_torture.ko against the correct store, with
#               srcu-config-hammer on /dev/srcu_config at the same time
#   faults      insmod with each of the module's init allocations failing
#   lifecycle   load/unload cycles with readers and deferred frees
#   mutants     the torture against two deliberately broken stores: it
#               must fail on each (KASAN, impossible age, bad checksum,
#               a cleanup_srcu_struct WARNING)
#
# Builds what it needs (the debug kernel, the module and the torture
# module against it, the userspace programs). DURATION (seconds) scales
# the torture and the fuzzing: the defaults keep a run to a few minutes
# once the debug kernel is built. Prints a summary with figures and ends
# with "reliability: N passed, N failed, N skipped"; the exit status is
# non-zero on any failure. Logs go to build/logs/reliability-*.
#
# Every figure and in-VM verdict comes from the VM's result file
# (qemu-run.sh's LOG.result: what torture/vm/*.sh wrote on the VM's data
# port, through lib.sh's srcu_config_result); the console logs are read
# only for kernel splats and kmemleak's reports, which are nowhere else.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
srcu_config_load_env || exit 1

t_start=$(date +%s)
build=${BUILD:-$root/build}
export BUILD=$build
logs=$build/logs
# The series whose debug kernels run the layers (lib.sh).
series_list=${RELIABILITY_SERIES:-$SRCU_CONFIG_DEBUG_SERIES}
mkdir -p "$logs"

duration=${DURATION:-}
case "$duration" in
'' | *[!0-9]*) duration= ;;
esac
torture_s=${duration:-30}
[ "$torture_s" -ge 5 ] || torture_s=5
fuzz_s=$((torture_s / 3))
[ "$fuzz_s" -ge 5 ] || fuzz_s=5
mutant_s=10
# Load/unload cycles: one per torture second, at least 20 (make check's
# 30 s gives 30; each is about two seconds on a debug kernel).
cycles=$((torture_s > 20 ? torture_s : 20))
seed=${FUZZ_SEED:-$(date +%s)}

pass=0 fail=0 skip=0
check() { if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2${3:+ ($3)}"; fi; }

# --- build ------------------------------------------------------------------
# The userspace programs once (static, the same on every kernel); per
# series its debug kernel, the module, the examples and the torture module
# against it, and a stage of its own. 6.12's build on the host; 7.x's in
# the Debian 13 chroot that built its kernel (its kbuild tools need
# trixie's glibc), with the clone and $build mounted at the same roles.
echo "# build"
blog=$logs/reliability-build.log
: >"$blog"
give_up() {
	not_ok "$1"
	tail -n 20 "$blog" | sed 's/^/#   /'
	srcu_config_summary reliability
	exit 1
}
if make -C "$root" --no-print-directory selftests tool >>"$blog" 2>&1 &&
	make -C "$root/torture" --no-print-directory OUTPUT="$build/torture/bin" >>"$blog" 2>&1; then
	ok "programs for the debug kernels"
else
	give_up "programs for the debug kernels (log: $blog)"
fi

# Kernel-side builds of series $1 against its debug build $2: one
# command, run on the host or, for a series with a build chroot, inside
# it with the clone, $build and the cache mounted (paths passed as $1-$4).
# The C++ blocks of Documentation/ are built too: the build layer builds
# them against 6.12, which has none of SRCU-fast, so this is where their
# SRCU-fast branches compile (7.x). Their KTAP is in docs-<kernel>.out.
build_modules() {
	local s=$1 kdir=$2 broot name cmd
	name=$(basename "$kdir")
	broot=$(srcu_config_build_root "$s")
	cmd='set -e
		make -C "$1" --no-print-directory module examples KDIR="$3" \
			BUILD="$2" SRCU_CONFIG_CACHE="$4"
		make -C "$1/torture" --no-print-directory module KDIR="$3" \
			MODULE_BUILD="$2/torture/kernel/$5"
		BUILD="$2" "$1/scripts/check-docs.sh" "$3" >"$2/logs/docs-$5.out" || :'
	if [ -z "$broot" ]; then
		/bin/sh -c "$cmd" sh "$root" "$build" "$kdir" "$SRCU_CONFIG_CACHE" "$name"
	else
		srcu_config_in_root --bind "$root" /srv/work --bind "$build" /srv/build \
			"$broot" "$SRCU_CONFIG_CACHE" /bin/sh -c "$cmd" sh /srv/work /srv/build \
			"/srv/xfer/${kdir#"$SRCU_CONFIG_CACHE"/}" /srv/xfer "$name"
	fi
}

declare -A image module stage
for s in $series_list; do
	t_kernel=$(date +%s)
	if image[$s]=$("$here/debug-kernel.sh" "$s" 2>>"$blog"); then
		ok "$s: debug kernel ($(($(date +%s) - t_kernel)) s)"
	else
		give_up "$s: debug kernel (log: $logs/debug-kernel-$s.log)"
	fi
	kdir=$(srcu_config_debug_build "$s")
	name=$(basename "$kdir")
	module[$s]=$build/srcu_config-$name.ko
	# The torture module is built by torture/Kbuild, apart from the product.
	torture_ko=$build/torture/kernel/$name/torture/srcu_config_torture.ko
	if build_modules "$s" "$kdir" >>"$blog" 2>&1 && [ -r "$torture_ko" ]; then
		ok "$s: modules for the debug kernel"
	else
		give_up "$s: modules for the debug kernel (log: $blog)"
	fi
	docs=$logs/docs-$name.out
	if grep -Eq '^docs: [1-9][0-9]* passed, 0 failed' "$docs"; then
		ok "$s: the C++ blocks of Documentation/ compile ($(grep -c '^ok' "$docs"))"
	else
		not_ok "$s: the C++ blocks of Documentation/ compile (log: $docs)"
		grep '^not ok' "$docs" | head -n 5 | sed 's/^/#   /'
	fi
	# The examples, and their tests beside the selftests
	# (mode-selftests.sh); this starts the stage afresh.
	stage[$s]=$build/reliability/stage-$s
	srcu_config_stage_examples "$build/examples/$name" "${stage[$s]}" || exit 1
	mkdir -p "${stage[$s]}/bin"
	cp "$root"/torture/vm/*.sh "${stage[$s]}/" &&
		cp "$torture_ko" "${stage[$s]}/" &&
		cp "$build"/torture/bin/srcu-config-* "${stage[$s]}/bin/" || exit 1
done

# One VM of series $1, emulated with TCG thread mode $4 (qemu-run.sh:
# single for the selftests, which check behaviour; multi where readers
# race writers), booted from the stage $6: its console log in
# $logs/reliability-NAME.log, qemu-run.sh's verdict (splats, taint,
# insmod/rmmod, hang) beside it in .verdict, its exit status in .status,
# its data in .result (qemu-run.sh).
run_vm() {
	local s=$1 name=$2 mode=$3 thread=$4 timeout=$5 dir=$6 log t0
	shift 6
	log=$logs/reliability-$name.log
	t0=$(date +%s)
	"$here/qemu-run.sh" --kernel "${image[$s]}" --module "${module[$s]}" \
		--name "reliability-$name" --log "$log" --mode "$mode" \
		--tcg-thread "$thread" --extra "$dir" --timeout "$timeout" \
		--append "kunit.enable=0 $*" >"$log.verdict" 2>&1
	echo $? >"$log.status"
	echo $(($(date +%s) - t0)) >"$log.seconds"
}

# After the wait: $log, $res (its result file) and $vm_status of the VM
# NAME.
vm_result() {
	log=$logs/reliability-$1.log
	res=$log.result
	vm_status=$(cat "$log.status" 2>/dev/null || echo 1)
	echo "# $1: $(cat "$log.seconds" 2>/dev/null || echo ?) s in the VM (log: $log)"
}
# KEY of the VM's result file ($res); n: 0 where it has none (figures).
r() { srcu_config_result "$res" "$1"; }
n() { local v; v=$(r "$1"); echo "${v:-0}"; }

# conf DIR DURATION MUTANT: what torture/vm/*.sh read in the VM.
conf() {
	cat >"$1/torture.conf" <<-EOF
	DURATION=$2
	MUTANT=$3
	LIFECYCLE_CYCLES=$cycles
	TORTURE_ARGS="stat_interval=$(($2 > 60 ? 60 : 0))"
	HAMMER_ARGS="-s $seed"
	EOF
}

# Per series two VMs (selftests; torture, faults and lifecycle), and on
# the first series the two mutants (they test the torture, which is the
# same on every kernel). All independent: SRCU_CONFIG_VM_JOBS of them at
# a time (lib.sh), each mutant from a stage of its own; reported below in
# order.
mutants="no_grace_period no_barrier"
first=${series_list%% *}
for s in $series_list; do
	conf "${stage[$s]}" "$torture_s" none
done
for mutant in $mutants; do
	rm -rf "${stage[$first]}-$mutant" "$logs/reliability-mutant-$mutant.log.result"
	cp -a "${stage[$first]}" "${stage[$first]}-$mutant" || exit 1
	conf "${stage[$first]}-$mutant" "$mutant_s" "$mutant"
done
rm -f "$logs"/reliability-*.status "$logs"/reliability-*.seconds "$logs"/reliability-*.log.result
# Longest first, so that the last two end close together: per series
# the selftests VM, then the torture VM, the newest series (the slowest
# debug kernel) first. (A warm make check: 7.3's took 305 and 238 s,
# 6.12's 236 and 192 s.) The selftests VM's bound is a hang detector:
# beside the main lane's builds and VMs a debug kernel's run has taken
# 881 s where alone it takes 370. The mutants (49 and 24 s), one after
# the other, run beside those from the start: in make check each waits
# for a free VM slot (lib.sh), which the packages layer leaves until its
# chroots are ready; queued after the others they ended make check
# alone.
(
	for mutant in $mutants; do
		srcu_config_vm_slot run_vm "$first" "mutant-$mutant" torture multi \
			$((600 + 2 * mutant_s)) "${stage[$first]}-$mutant"
	done
) &
# shellcheck disable=SC2086 # the series, one per line
for s in $(printf '%s\n' $series_list | tac); do
	srcu_config_vm_start run_vm "$s" "selftests-$s" selftests single $((1500 + 4 * fuzz_s)) \
		"${stage[$s]}" FUZZ_SECONDS="$fuzz_s" FUZZ_SEED="$seed"
	srcu_config_vm_start run_vm "$s" "torture-$s" reliability multi $((900 + 2 * torture_s)) \
		"${stage[$s]}"
done
srcu_config_vm_wait

splats=0 leaks=0
count_splats() {
	local n
	n=$(grep -c -E "$SRCU_CONFIG_SPLAT_RE" "$1")
	splats=$((splats + n))
	return $((n > 0))
}
# kmemleak's count of the phase $1 (torture/vm/torture-lib.sh), from $res:
# fails where it found something, or was missing or unavailable.
count_leaks() {
	local n
	n=$(r "kmemleak.$1")
	case $n in
	'' | *[!0-9]*) return 1 ;;
	esac
	leaks=$((leaks + n))
	return $((n > 0))
}

# --- per series: selftests; torture, faults, lifecycle -----------------------
# report_series S: the checks of series S's two VMs; its summary lines
# appended to $summary.
summary=
report_series() {
	local s=$1 sel rel ran bad
	echo "# $s: selftests on the debug kernel (fuzzing ${fuzz_s} s, FUZZ_SEED=$seed)"
	vm_result "selftests-$s"
	sel=$log
	# The selftests' KTAP as they printed it, for their diagnostics; the
	# counts are the VM's (torture/vm/mode-selftests.sh).
	sed -n '/^@@ run /,/^@@ exit /p' "$sel" | grep -v '^@@ ' | grep -v -E '^\[ *[0-9.]+\]' >"$sel.ktap"
	pass=$((pass + $(n tests.passed))) fail=$((fail + $(n tests.failed)))
	skip=$((skip + $(n tests.skipped)))
	echo "# $s: selftest cases: $(n tests.passed) passed, $(n tests.failed) failed, $(n tests.skipped) skipped (KTAP: $sel.ktap)"
	srcu_config_ktap_failures "$sel.ktap" | sed 's/^not ok/#   not ok/'
	ran=$(n tests.ran) bad=$(r tests.bad_exit)
	[ "$ran" -gt 0 ] && [ -z "$bad" ]
	check $? "$s: selftests: $ran programs ran and exited 0" "${bad:+failed: $bad}"
	count_leaks selftests
	check $? "$s: selftests: kmemleak finds nothing after unload" "kmemleak: $(r kmemleak.selftests)"
	count_splats "$sel" && [ "$vm_status" = 0 ]
	check $? "$s: selftests: VM clean (no splat, taint, hang; insmod and rmmod fine)" "$(grep FAIL "$sel.verdict" | head -n3 | tr '\n' ' ')"

	local fault_points fault_failed fault_absorbed fuzz_steps fuzz_changes fuzz_errnos fuzz_n
	fault_points=$(n selftests.fault_points)
	fault_failed=$(n selftests.fault_failed)
	fault_absorbed=$(n selftests.fault_absorbed)
	fuzz_steps=$(n selftests.fuzz_steps)
	fuzz_changes=$(n selftests.fuzz_changes)
	fuzz_errnos=$(r selftests.fuzz_errnos)
	fuzz_n=$(echo "$fuzz_errnos" | tr ',' '\n' | grep -c .)

	echo "# $s: torture ${torture_s} s (with the userspace hammer), module init faults, load/unload cycles"
	vm_result "torture-$s"
	rel=$log
	[ "$(r torture.result)" = SUCCESS ]
	check $? "$s: torture: correct store, result SUCCESS" \
		"result $(r torture.result): impossible_age $(r torture.impossible_age) bad_checksum $(r torture.bad_checksum) generation_backwards $(r torture.generation_backwards) change_errors $(r torture.change_errors) writer_errors $(r torture.writer_errors) leaked $(r torture.leaked)"
	[ "$(r hammer.result)" = SUCCESS ]
	check $? "$s: hammer: /dev/srcu_config from userspace, result SUCCESS" \
		"result $(r hammer.result), exit $(r hammer.exit): $(grep '^hammer:' "$rel" | head -n3 | tr '\n' ' ')"
	[ "$(n hammer.readthroughs)" -gt 0 ] && [ "$(r hammer.mixed)" = 0 ]
	check $? "$s: hammer: every read-through (read loop, sendfile, splice) one generation" \
		"$(n hammer.readthroughs) read-throughs, mixed $(r hammer.mixed)"
	[ "$(r phase.faults)" = 0 ]
	check $? "$s: faults: every failed insmod unwound" \
		"phase.faults=$(r phase.faults); $(grep '^@@ faults' "$rel" | tr '\n' ' ')"
	[ "$(r phase.lifecycle)" = 0 ] && [ "$(n lifecycle.cycles)" = "$cycles" ]
	check $? "$s: lifecycle: $cycles load/unload cycles" \
		"phase.lifecycle=$(r phase.lifecycle), lifecycle.cycles=$(r lifecycle.cycles); $(grep '^@@ lifecycle' "$rel" | tr '\n' ' ')"
	count_leaks torture-faults-lifecycle
	check $? "$s: torture, faults, lifecycle: kmemleak finds nothing" "kmemleak: $(r kmemleak.torture-faults-lifecycle)"
	count_splats "$rel" && [ "$vm_status" = 0 ]
	check $? "$s: torture, faults, lifecycle: VM clean (no splat, taint, hang)" "$(grep FAIL "$rel.verdict" | head -n3 | tr '\n' ' ')"

	local pipe
	t() { n "torture.$1"; }
	h() { n "hammer.$1"; }
	pipe=$(r torture.reader_pipe)
	summary+="
Reliability summary, $s debug kernel (KASAN, lockdep, PROVE_RCU, kmemleak, fault injection)
  torture, kernel readers:  $(t reads) reads, $(t sleeping_reads) slept inside their critical sections
  torture, kernel writers:  $(($(t changes_normal) + $(t changes_expedited) + $(t changes_deferred))) changes (normal $(t changes_normal), expedited $(t changes_expedited), deferred $(t changes_deferred); compare-and-swap $(t cas_ok) won, $(t cas_stale) lost), $(t grace_periods) grace periods waited, $(t deferred_callbacks) deferred callbacks
  torture, Reader Pipe:     ${pipe:-none} (ages 0 1 2 ... seen at the end of a critical section; only 0 and 1 are possible)
  torture, errors:          impossible age $(t impossible_age), bad checksum $(t bad_checksum), generation backwards $(t generation_backwards), leaked $(t leaked)
  userspace hammer:         $(($(h reads) + $(h preads))) reads ($(h sleeping_reads) slept in the read hook), $(h changes) changes, torn $(h torn)
  hammer read-throughs:     $(h readthroughs) (read loop $(h rt_read), sendfile $(h rt_sendfile), splice $(h rt_splice)) over $(h large_changes) changes to 80-400 KiB; mixed $(h mixed) (read loop $(h rt_read_mixed), sendfile $(h rt_sendfile_mixed), splice $(h rt_splice_mixed)), ESTALE $(h estale)
  faults, device calls:     $fault_points fault points covered: $fault_failed injected failures returned ENOMEM with the configuration intact, $fault_absorbed absorbed
  faults, module init:      $(n faults.insmod_points) fault points covered: $(n faults.failed_loads) failed loads unwound ($(n faults.absorbed) absorbed)
  fuzzing:                  $fuzz_steps steps, $fuzz_changes changes, $fuzz_n distinct errno values (${fuzz_errnos:-none}); FUZZ_SEED=$seed
  lifecycle:                $(n lifecycle.cycles) load/unload cycles; deferred frees held up by a sleeping reader in $(n lifecycle.frees_held_by_sleeping_reader), still queued at rmmod in $(n lifecycle.frees_in_flight_at_rmmod); rmmod while open refused $(n lifecycle.busy_rmmod_refused)x
"
}
for s in $series_list; do
	report_series "$s"
done

# --- mutants ----------------------------------------------------------------
join() {
	local out= item
	for item in "$@"; do out=${out:+$out, }$item; done
	echo "$out"
}

echo "# mutants on $first: the torture must fail on each broken store"
caught=0 mutant_report=
for mutant in $mutants; do
	vm_result "mutant-$mutant"
	evidence=()
	# Its figures from its result file; the kernel's reports (KASAN, the
	# WARNING) are only on its console.
	if [ "$(r torture.mutant)" = "$mutant" ]; then
		grep -q 'KASAN: .*use-after-free' "$log" && evidence+=("KASAN use-after-free")
		[ "$(n torture.impossible_age)" -gt 0 ] &&
			evidence+=("impossible age x$(n torture.impossible_age)")
		[ "$(n torture.bad_checksum)" -gt 0 ] &&
			evidence+=("bad checksum x$(n torture.bad_checksum)")
		grep -q -E 'WARNING: .* cleanup_srcu_struct' "$log" &&
			evidence+=("cleanup_srcu_struct WARNING")
		[ "$(n torture.leaked)" -gt 0 ] &&
			evidence+=("$(n torture.leaked) configurations never freed")
		leaked=$(n "kmemleak.mutant-$mutant")
		[ "$leaked" -gt 0 ] 2>/dev/null && evidence+=("kmemleak: $leaked unreferenced objects")
	fi
	if [ ${#evidence[@]} -gt 0 ]; then
		caught=$((caught + 1))
		ok "mutant $mutant caught: $(join "${evidence[@]}")"
	else
		not_ok "mutant $mutant NOT caught (log: $log)"
	fi
	mutant_report="$mutant_report ${mutant}=[$(join "${evidence[@]}")]"
done

# The stages ($build/reliability/stage-SERIES) are left for running one
# layer by hand: the correct store.

# --- summary ----------------------------------------------------------------
printf '%s' "$summary"
cat <<EOF

  mutants caught on $first:  $caught/2 ($mutant_report )
  kmemleak reports:         $leaks
  splats:                   $splats (outside the mutants)
  wall time:                $(($(date +%s) - t_start)) s
EOF
echo "mutants caught: $caught/2"
srcu_config_summary reliability
[ "$fail" -eq 0 ]
