#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The KCSAN kernel (Documentation/testing.rst, "KCSAN"): 7.3's debug
# kernel with the data-race detector in place of KASAN
# (scripts/debug-kernel.sh 7.3-kcsan), running
#
#   kunit     every KUnit suite, through scripts/kunit.sh 7.3-kcsan
#   torture   srcu_config_torture.ko with srcu-config-hammer on
#             /dev/srcu_config at the same time, then kmemleak, as
#             reliability.sh runs them (torture/vm/mode-torture.sh)
#
# and reading KCSAN's reports ("BUG: KCSAN: data-race in ...") in both
# consoles: one whose stack names the project's code (a function of its
# built-in objects, or a frame in one of its modules: srcu_config, the
# torture's, the benchmark's, the examples') fails; one in the kernel's
# own code alone is listed with its title and does not fail. Every other
# splat fails as in the other layers.
#
#   scripts/kcsan.sh             build what is missing, run both, judge
#   scripts/kcsan.sh --log LOG   judge the KCSAN reports of a console log
#
# DURATION (seconds, default 30) is the torture's. make torture runs it
# after reliability.sh; make check does not (testing.rst says why).
# Ends with "kcsan: N passed, N failed, N skipped"; logs in
# build/logs/kcsan-*.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

t_start=$(date +%s)
series=7.3-kcsan
kdir=$(srcu_config_debug_build "$series")
name=$(basename "$kdir")
build=${BUILD:-$root/build}
export BUILD=$build
logs=$build/logs
mkdir -p "$logs" || exit 1
work=$(mktemp -d) || exit 1
# An interrupted run leaves no VM behind.
trap 'srcu_config_end_descendants; rm -rf "$work"' EXIT

pass=0 fail=0 skip=0
check() { if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2${3:+ ($3)}"; fi; }
# give_up WHAT LOG: a build step failed; nothing after it can run.
give_up() {
	not_ok "$1 (log: $2)"
	tail -n 20 "$2" | sed 's/^/#   /'
	srcu_config_summary kcsan
	exit 1
}

# The modules whose frames are the project's: the product, and the
# torture, the benchmark and the examples (their Kbuild's obj-m).
mods="srcu_config $(sed -n 's/^obj-m *:*= *\(.*\)\.o$/\1/p' "$root"/torture/Kbuild \
	"$root"/bench/kernel/Kbuild "$root"/examples/*/Kbuild | tr '\n' ' ')"

# The functions of the project's built-in objects (the KUnit suites, the
# store and the core under them), less any name that the rest of the
# kernel defines as well (a header's static inline emitted out of line
# in both): a frame of that name could be either's. Empty without a
# build.
syms=$work/project-symbols
project_symbols() {
	: >"$syms"
	[ -r "$kdir/drivers/misc/srcu_config/built-in.a" ] || return 0
	nm --defined-only "$kdir/drivers/misc/srcu_config/built-in.a" |
		awk 'NF == 3 && $2 ~ /^[tTwW]$/ { print $3 }' | sort | uniq -c >"$work/ours" &&
		awk '{ print $3 }' "$kdir/System.map" | sort | uniq -c >"$work/all" &&
		awk 'NR == FNR { n[$2] = $1; next } ($2 in n) && $1 <= n[$2] { print $2 }' \
			"$work/ours" "$work/all" >"$syms" &&
		[ -s "$syms" ]
}

# kcsan_check WHAT LOG: one check, that no KCSAN report of LOG is the
# project's; the project's are listed under it, the kernel's own after.
kernel_reports=
kcsan_check() {
	local what=$1 log=$2 reports ours theirs
	if ! reports=$(awk -v syms="$syms" -v mods="$mods" -f "$here/kcsan-reports.awk" "$log"); then
		not_ok "$what: KCSAN reports (cannot read $log)"
		return
	fi
	ours=$(grep -c '^project' <<<"$reports")
	theirs=$(grep -c '^kernel' <<<"$reports")
	if [ "$ours" -eq 0 ]; then
		ok "$what: no KCSAN report in the project's code ($theirs in the kernel's own)"
	else
		not_ok "$what: $ours KCSAN reports in the project's code (log: $log)"
		grep '^project' <<<"$reports" | cut -f2 | sed 's/^/#   /'
	fi
	kernel_reports+=$(grep '^kernel' <<<"$reports" | cut -f2 | sed "s|^|  $what: |")
	[ "$theirs" -eq 0 ] || kernel_reports+=$'\n'
}

if [ "${1:-}" = --log ]; then
	[ -r "${2:-}" ] || { echo "kcsan: --log needs a readable console log" >&2; exit 2; }
	project_symbols || { echo "kcsan: cannot list the project's functions in $kdir" >&2; exit 1; }
	kcsan_check "$(basename "$2")" "$2"
	[ -z "$kernel_reports" ] || printf "KCSAN reports in the kernel's own code:\n%s" "$kernel_reports"
	srcu_config_summary kcsan
	[ "$fail" -eq 0 ]
	exit
fi

torture_s=${DURATION:-30}
case $torture_s in
'' | *[!0-9]*) torture_s=30 ;;
esac
[ "$torture_s" -ge 5 ] || torture_s=5
seed=${FUZZ_SEED:-$(date +%s)}

# --- build ------------------------------------------------------------------
echo "# build"
blog=$logs/kcsan-build.log
: >"$blog"
t0=$(date +%s)
if image=$("$here/debug-kernel.sh" "$series" 2>>"$blog"); then
	kernel_s=$(($(date +%s) - t0))
	ok "$series: KCSAN kernel ($kernel_s s)"
else
	give_up "$series: KCSAN kernel" "$logs/debug-kernel-$series.log"
fi
project_symbols >>"$blog" 2>&1 || give_up "$series: the project's functions in $kdir" "$blog"

# The product and the torture module against the KCSAN kernel, where its
# kbuild tools run (the Debian 13 chroot); the userspace programs on the
# host (static). KDIR is the build directory by the path its kernel was
# built at (/srv/xfer, debug-kernel.sh): by any other, kbuild takes it
# for an external module's output directory and rewrites its Makefile.
module=$build/srcu_config-$name.ko
torture_ko=$build/torture/kernel/$name/torture/srcu_config_torture.ko
rm -f "$module" "$torture_ko"
if make -C "$root" --no-print-directory tool >>"$blog" 2>&1 &&
	make -C "$root/torture" --no-print-directory OUTPUT="$build/torture/bin" >>"$blog" 2>&1 &&
	srcu_config_kbuild "$series" /bin/sh -c 'set -e
		make -C "$1" --no-print-directory module KDIR="$2" BUILD="$3" \
			SRCU_CONFIG_CACHE="$4"
		make -C "$1/torture" --no-print-directory module KDIR="$2" \
			MODULE_BUILD="$3/torture/kernel/$5"' \
		sh "$root" "/srv/xfer/${kdir#"$SRCU_CONFIG_CACHE"/}" "$build" "$SRCU_CONFIG_CACHE" \
		"$name" >>"$blog" 2>&1 &&
	[ -r "$module" ] && [ -r "$torture_ko" ]; then
	ok "$series: modules and programs for the KCSAN kernel"
else
	give_up "$series: modules and programs for the KCSAN kernel" "$blog"
fi

stage=$build/kcsan/stage
rm -rf "$stage"
mkdir -p "$stage/bin" &&
	cp "$root"/torture/vm/*.sh "$torture_ko" "$stage/" &&
	cp "$build"/torture/bin/srcu-config-* "$stage/bin/" &&
	cat >"$stage/torture.conf" <<-EOF || give_up "$series: stage in $stage" "$blog"
	DURATION=$torture_s
	MUTANT=none
	TORTURE_ARGS="stat_interval=$((torture_s > 60 ? 60 : 0))"
	HAMMER_ARGS="-s $seed"
	EOF

# --- run: KUnit, then the torture -------------------------------------------
# One after the other: under TCG on a loaded host a guest's boot-time TSC
# calibration against the PIT can come out wrong (seen: "PIT calibration
# deviates from HPET", 27 MHz for 2094), and then the guest's clock runs
# many times too fast, and its soft-lockup detector and hrtimers fire
# all through the run. Such a boot ran nothing of ours under a sane
# clock: it is run once more, and said so.
kunit_out=$logs/kcsan-kunit.out
tlog=$logs/kcsan-torture.log
miscalibrated() { grep -q 'tsc: PIT calibration deviates from' "$1"; }
run_kunit() {
	"$here/kunit.sh" "$series" >"$kunit_out" 2>&1
	echo $? >"$kunit_out.status"
	# kunit.py's console, before the next run overwrites it.
	cp "$kdir/test.log" "$logs/kcsan-kunit.log"
}
run_torture() {
	"$here/qemu-run.sh" --kernel "$image" --module "$module" \
		--name kcsan-torture --log "$tlog" --mode torture --extra "$stage" \
		--timeout $((1200 + 2 * torture_s)) --append kunit.enable=0 >"$tlog.verdict" 2>&1
}
# again WHAT LOG RUN: RUN once more if LOG's guest clock was miscalibrated.
again() {
	miscalibrated "$2" || return 0
	mv -f "$2" "$2.boot-1"
	echo "# $1: the guest's TSC calibration went wrong (log: $2.boot-1); booting again"
	"$3"
}
rm -f "$kunit_out.status" "$logs/kcsan-kunit.log" "$tlog" "$tlog".*
echo "# KUnit, then the torture (${torture_s} s, with the userspace hammer), on $series"
t0=$(date +%s)
run_kunit
again KUnit "$logs/kcsan-kunit.log" run_kunit
kunit_s=$(($(date +%s) - t0))
t0=$(date +%s)
run_torture
again torture "$tlog" run_torture
torture_vm_s=$(($(date +%s) - t0))

# --- KUnit -------------------------------------------------------------------
kunit_line=$(grep "^kunit-$series: " "$kunit_out" | tail -n1)
if [ "$(cat "$kunit_out.status" 2>/dev/null)" = 0 ]; then
	ok "$series: KUnit: ${kunit_line#kunit-"$series": }; no other splat"
else
	not_ok "$series: KUnit: ${kunit_line:-no result} (output: $kunit_out)"
	grep -E "^kunit-$series: FAIL|^not ok|^#   " "$kunit_out" | head -n 20 | sed 's/^/#   /'
fi
echo "# KUnit: $kunit_s s in the VM (log: $logs/kcsan-kunit.log)"
kcsan_check "$series: KUnit" "$logs/kcsan-kunit.log"

# --- torture -------------------------------------------------------------------
# The verdicts are the VM's data (qemu-run.sh's LOG.result, written by
# scripts/vm/init and torture/vm/mode-torture.sh); the console is read
# for kernel splats alone.
echo "# torture: $torture_vm_s s in the VM (log: $tlog)"
r() { srcu_config_result "$tlog.result" "$1"; }
[ "$(r torture.result)" = SUCCESS ]
check $? "$series: torture: correct store, result SUCCESS" \
	"result=$(r torture.result) impossible_age=$(r torture.impossible_age) bad_checksum=$(r torture.bad_checksum) leaked=$(r torture.leaked)"
[ "$(r hammer.result)" = SUCCESS ] && [ "$(r hammer.exit)" = 0 ]
check $? "$series: hammer: /dev/srcu_config from userspace, result SUCCESS" \
	"result=$(r hammer.result) exit=$(r hammer.exit)"
[ "$(r kmemleak.torture)" = 0 ]
check $? "$series: torture: kmemleak finds nothing" "kmemleak: $(r kmemleak.torture)"

# qemu-run.sh's verdict counts a KCSAN report as a splat: here its
# checks again, on the console without KCSAN's reports.
problems=()
[ "$(r "done")" = 1 ] || problems+=("the VM did not finish (hang, panic or timeout)")
[ "$(r insmod)" = 0 ] || problems+=("insmod $(r insmod)")
[ "$(r mode)" = 0 ] || problems+=("mode-torture.sh exited $(r mode)")
[ "$(r rmmod)" = 0 ] || problems+=("rmmod $(r rmmod)")
tainted=$(r tainted)
# Allowed: O (out-of-tree module, 4096) and E (unsigned module, 8192).
[[ $tainted =~ ^[0-9]+$ ]] && [ $((tainted & ~(4096 | 8192))) -eq 0 ] ||
	problems+=("tainted ${tainted:-?}")
awk -v mode=strip -f "$here/kcsan-reports.awk" "$tlog" >"$tlog.stripped" ||
	problems+=("cannot read $tlog")
splat=$(grep -m1 -E "$SRCU_CONFIG_SPLAT_RE" "$tlog.stripped")
[ -z "$splat" ] || problems+=("splat: $splat")
! miscalibrated "$tlog" || problems+=("the guest's clock was miscalibrated twice")
[ ${#problems[@]} -eq 0 ]
check $? "$series: torture VM clean apart from KCSAN (no other splat, taint, hang; insmod and rmmod fine)" \
	"${problems[*]}"
kcsan_check "$series: torture" "$tlog"

# --- summary -------------------------------------------------------------------
cat <<EOF

KCSAN summary, $series (KCSAN strict, lockdep, PROVE_RCU, kmemleak)
  KUnit:              ${kunit_line:-no result}
  torture:            ${torture_s} s: $(r torture.reads) reads ($(r torture.sleeping_reads) slept), $(r torture.grace_periods) grace periods waited; Reader Pipe $(r torture.reader_pipe)
  hammer:             $(r hammer.reads) reads, $(r hammer.changes) changes, $(r hammer.readthroughs) read-throughs
  kernel build:       ${kernel_s} s (0 when nothing changed)
  wall time:          $(($(date +%s) - t_start)) s
EOF
[ -z "$kernel_reports" ] ||
	printf "KCSAN reports in the kernel's own code (Documentation/testing.rst, \"KCSAN\"):\n%s" "$kernel_reports"
srcu_config_summary kcsan
[ "$fail" -eq 0 ]
