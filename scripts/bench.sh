#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: build the module, the benchmark's modules and the load driver,
# boot each kernel under QEMU (-smp 2, software emulation) once, run
# bench/mode-bench.sh there, and turn its records (the VM's data port,
# in qemu-run.sh's LOG.result) into a table on stdout, JSON and plots.
# The kernels, in this order:
#
#   6.12       Debian's 6.12 (setup.sh), built for on the host; its JSON
#              is $BENCH_OUT, its plots next to it
#   deb13-7.3  Debian 13's 7.3 (trixie-backports), which has SRCU-fast:
#              built for in the Debian 13 build chroot (lib.sh's
#              srcu_config_kbuild), booted from the image
#              scripts/packages-check.sh --prepare resolves and fetches
#              when missing; its JSON and plots are in
#              deb13-7.3/ next to $BENCH_OUT, its table also compares its
#              update side with 6.12's
#
#   BENCH_QUICK=1   a fast smoke run (fewer loops, shorter runs)
#   BENCH_OUT       the 6.12 JSON (default build/bench/results.json)
#   BENCH_KERNELS   which of "6.12 deb13-7.3" to run (default both)
#   BENCH_VCPUS     the VM's vCPUs (default 2); the in-kernel read side
#                   runs 1, 2, 4 ... that many readers
#   BENCH_PHASES    the phases to run (bench/mode-bench.sh; default all)
#   BENCH_READ_REPS repetitions of the in-kernel read side (default 15)
#   BENCH_EXPORT=DIR  boot nothing: stage each kernel's VM in DIR/NAME
#                   (qemu-run.sh --export) to run on another machine
#   BENCH_LOGS=DIR  boot nothing: report from what such a run left in
#                   DIR/NAME: console.log (for splats) and vm.data (the
#                   data port's file, the records)
#
# Fails only if nothing was measured or the VM run failed (a kernel splat
# included); targets that are missed are reported as MISSED, not failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
srcu_config_load_env

t_start=$(date +%s)
build=${BUILD:-$root/build}
export BUILD=$build
out=${BENCH_OUT:-$build/bench/results.json}
quick=${BENCH_QUICK:-0}
[ "$quick" = 0 ] || quick=1
kernels=${BENCH_KERNELS:-6.12 deb13-7.3}
mkdir -p "$build/bench" "$(dirname "$out")" "$build/logs"

# Debian's interpreter: python3-matplotlib is installed for it.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# How QEMU is run: software emulation (qemu-run.sh never asks for KVM).
accel=tcg
vcpus=${BENCH_VCPUS:-2}
case $vcpus in '' | *[!0-9]* | 0 | 0*) echo "bench: BENCH_VCPUS must be a count" >&2; exit 2 ;; esac
export_dir=${BENCH_EXPORT:-}
logs_dir=${BENCH_LOGS:-}

fail_log() {
	tail -n 30 "$1"
	exit 1
}

# --- build -----------------------------------------------------------------
# The product module, and what only the benchmark uses (bench/Makefile):
# srcu_config_bench.ko, and the device built over an rwsem and over a
# mutex for the device-level comparison.
# One kernel: $1 its name (6.12, deb13-7.3), $2 its release, $3 where
# its JSON goes, and a baseline JSON to compare the update side with.
bench_kernel() {
local name=$1 kver=$2 out=$3 baseline=${4:-}
local bench=$build/bench
[ "$name" = 6.12 ] || bench=$build/bench/$name
local stage=$bench/stage log=$build/logs/bench-$kver.log
local blog=$build/logs/bench-build-$name.log
local kbuild module benchmod guards extra f g timeout profile
mkdir -p "$bench" "$(dirname "$out")"
echo "bench: building the module, srcu_config_bench.ko, the rwsem and mutex devices and the load driver for $kver"
make -C "$root" --no-print-directory -s tool >"$blog" 2>&1 || fail_log "$blog"
make -C "$root/bench" --no-print-directory -s OUTPUT="$build/bench/bin" >>"$blog" 2>&1 ||
	fail_log "$blog"
# 7.3's modules are built in the Debian 13 build chroot, with its own
# copy of Debian's headers (lib.sh's srcu_config_kbuild); the commands are
# the same as 6.12's on the host.
kbuild=$build/bench/kernel/linux-headers-$kver
srcu_config_kbuild_headers "$kver" >>"$blog" 2>&1 || fail_log "$blog"
srcu_config_kbuild "$kver" make -C "$root" --no-print-directory -s module \
	KVER="$kver" BUILD="$build" SRCU_CONFIG_CACHE="$SRCU_CONFIG_CACHE" \
	>>"$blog" 2>&1 || fail_log "$blog"
# 7.3: the device with normal SRCU readers too (bench/Makefile).
extra=
[ "$name" = 6.12 ] || extra=guard-srcu_normal
srcu_config_kbuild "$kver" make -C "$root/bench" --no-print-directory -s modules \
	KDIR="/usr/src/linux-headers-$kver" MODULE_BUILD="$kbuild" EXTRA="$extra" \
	>>"$blog" 2>&1 || fail_log "$blog"
module=$build/srcu_config-linux-headers-$kver.ko
benchmod=$kbuild/bench/kernel
guards="rwsem mutex${extra:+ srcu_normal}"
for f in "$module" "$benchmod/srcu_config_bench.ko" "$build/bench/bin/srcu-config-bench" \
	$(for g in $guards; do echo "$kbuild/guard-$g/srcu_config.ko"; done); do
	[ -r "$f" ] || { echo "bench: $f was not built" >&2; exit 1; }
done

# --- disassembly of the reader loops -----------------------------------------
local disasm=$bench/disasm
rm -rf "$disasm"
mkdir -p "$disasm"
loop_disasm() {
	# awk reads to the end: an early exit would SIGPIPE objdump.
	objdump -dr --no-show-raw-insn "$1" |
		awk -v f="<$2>:" '$2 == f { p = 1 } p && /^$/ { p = 0 } p' |
		grep -v -E '^ +[0-9a-f]+:\s+nop$'
}
loop_disasm "$benchmod/bench_cxx.o" bench_cxx_guard_loop >"$disasm/cxx_guard.txt"
loop_disasm "$benchmod/bench_main.o" bench_c_srcu_loop >"$disasm/c_srcu.txt"
loop_disasm "$benchmod/bench_cxx.o" bench_cxx_config_read_loop >"$disasm/cxx_config_read.txt"
loop_disasm "$benchmod/bench_main.o" bench_c_config_read_loop >"$disasm/c_config_read.txt"
loop_disasm "$benchmod/bench_cxx.o" bench_cxx_guard_barrier_inside_loop >"$disasm/cxx_guard_barrier_inside.txt"
# SRCU-fast: only where the kernel has it (the loops exist only there).
if objdump -t "$benchmod/bench_cxx.o" | grep -q 'bench_cxx_fast_guard_loop$'; then
	loop_disasm "$benchmod/bench_cxx.o" bench_cxx_fast_guard_loop >"$disasm/cxx_fast_guard.txt"
	loop_disasm "$benchmod/bench_cxx.o" bench_cxx_module_fast_guard_loop \
		>"$disasm/cxx_module_fast_guard.txt"
	loop_disasm "$benchmod/bench_main.o" bench_c_fast_srcu_loop >"$disasm/c_fast_srcu.txt"
	loop_disasm "$benchmod/bench_cxx.o" bench_cxx_fast_config_read_loop \
		>"$disasm/cxx_fast_config_read.txt"
	loop_disasm "$benchmod/bench_main.o" bench_c_fast_config_read_loop \
		>"$disasm/c_fast_config_read.txt"
fi
for f in "$disasm"/*.txt; do
	[ -s "$f" ] || { echo "bench: no disassembly in $f" >&2; exit 1; }
done

# --- what the VM runs --------------------------------------------------------
rm -rf "$stage"
mkdir -p "$stage"
cp "$root/bench/mode-bench.sh" "$stage/mode-bench.sh"
cp "$benchmod/srcu_config_bench.ko" "$stage/srcu_config_bench.ko"
# The same device, srcu_config, over the comparison guards.
for g in $guards; do
	cp "$kbuild/guard-$g/srcu_config.ko" "$stage/srcu_config-$g.ko"
done
cp "$build/bench/bin/srcu-config-bench" "$stage/srcu-config-bench"
profile=full
[ "$quick" = 1 ] && profile=quick
{
	cat "$root/bench/$profile.conf" &&
		echo "READ_READERS=$vcpus"
} >"$stage/bench.conf" || exit 1
timeout=$(sed -n 's/^TIMEOUT=//p' "$stage/bench.conf")
[ -n "$timeout" ] || { echo "bench: no TIMEOUT in bench/$profile.conf" >&2; exit 1; }
[ -z "${BENCH_PHASES:-}" ] || echo "PHASES=\"$BENCH_PHASES\"" >>"$stage/bench.conf"
[ -z "${BENCH_READ_REPS:-}" ] || echo "READ_REPS=$BENCH_READ_REPS" >>"$stage/bench.conf"
# The normal-reader device's update and read phases come on top, and
# each reader count beyond two adds a round of the read side.
case $guards in *srcu_normal*) timeout=$((timeout * 3 / 2)) ;; esac
timeout=$((timeout + 60 * (vcpus - 2)))

if [ -n "$export_dir" ]; then
	"$here/qemu-run.sh" --mode bench --name "bench-$kver" --extra "$stage" \
		--kernel "$(srcu_config_image_dir "$kver")/vmlinuz" --module "$module" \
		--memory 1024 --smp "$vcpus" --export "$export_dir/$name" || exit 1
	return 0
fi

# --- run -----------------------------------------------------------------------
local t_vm vm_status=0 vm_seconds=0 splats
# One boot of this kernel: NAME, the stage it runs, its console log.
boot_bench() {
	"$here/qemu-run.sh" --mode bench --name "$1" --extra "$2" \
		--kernel "$(srcu_config_image_dir "$kver")/vmlinuz" --module "$module" \
		--log "$3" --timeout "$timeout" --memory 1024 --smp "$vcpus"
}
if [ -n "$logs_dir" ]; then
	# Its console for splats, its data port's file for the records, as
	# qemu-run.sh would have kept them.
	local elsewhere=$logs_dir/$name
	tr -d '\r' <"$elsewhere/console.log" >"$log" &&
		tr -d '\r' <"$elsewhere/vm.data" | grep -E '^[A-Za-z0-9_.-]+=' >"$log.result" ||
		{ echo "bench: cannot read $elsewhere/console.log and vm.data" >&2; exit 1; }
	[ "$(srcu_config_result "$log.result" done)" = 1 ] ||
		{ echo "bench: $elsewhere: the VM did not finish (no done=1 in vm.data)" >&2; exit 1; }
	echo "bench: reporting from $elsewhere (run elsewhere), copied to $log and $log.result"
else
	echo "bench: booting $kver under QEMU -smp $vcpus (software emulation, no KVM); console log: $log"
	t_vm=$(date +%s)
	boot_bench "bench-$kver" "$stage" "$log" || vm_status=$?
	vm_seconds=$(($(date +%s) - t_vm))
	if [ "$vm_status" -ne 0 ]; then
		echo "bench: the VM run failed; no results" >&2
		exit 1
	fi
fi
# The floor and the in-kernel read side once more in each of BOOTS - 1
# boots of their own (bench/full.conf), the read side BOOT_READ_REPS
# times: both vary more between boots than within one, so the boot is
# the unit their intervals are taken over (bench/report.py). Only the
# phases the main boot ran.
local boots boot_reps boot_results=() boot_phases= i blog
boots=$(sed -n 's/^BOOTS=//p' "$stage/bench.conf")
boot_reps=$(sed -n 's/^BOOT_READ_REPS=//p' "$stage/bench.conf")
rm -f "$build/logs/bench-$kver-boot-"*
for i in floor read; do
	if grep -q "^bench=phase name=$i " "$log.result"; then
		boot_phases="$boot_phases${boot_phases:+ }$i"
	fi
done
if [ -z "$logs_dir" ] && [ "${boots:-1}" -gt 1 ] && [ -n "$boot_phases" ]; then
	echo "bench: $boot_phases in $((boots - 1)) more boots"
	rm -rf "$stage-boot"
	cp -a "$stage" "$stage-boot" &&
		printf 'PHASES="%s"\nREAD_REPS=%s\n' "$boot_phases" "${boot_reps:-3}" \
			>>"$stage-boot/bench.conf" || exit 1
	for i in $(seq 2 "$boots"); do
		blog=$build/logs/bench-$kver-boot-$i.log
		boot_bench "bench-$kver-boot-$i" "$stage-boot" "$blog" ||
			{ echo "bench: boot $i failed (log: $blog); no results" >&2; exit 1; }
		boot_results+=(--boot-result "$blog.result")
	done
	vm_seconds=$(($(date +%s) - t_vm))
fi
# qemu-run.sh fails on these already; a benchmark must never report over one.
if splats=$(grep -n -E "$SRCU_CONFIG_SPLAT_RE" "$log" "$build/logs/bench-$kver-boot-"*.log 2>/dev/null); then
	echo "bench: kernel splat in $log; no results:" >&2
	echo "$splats" | head -n 20 >&2
	exit 1
fi

"$py" "$root/bench/report.py" --result "$log.result" "${boot_results[@]}" --out "$out" --kernel "$kver" \
	--accel "$accel" --smp "$vcpus" --quick "$quick" \
	--qemu "$(qemu-system-x86_64 --version | head -n1)" \
	--disasm "$disasm" --vm-seconds "$vm_seconds" \
	${baseline:+--baseline "$baseline"} \
	--wall-seconds "$(($(date +%s) - t_start))" || exit 1
}

# --- the kernels -------------------------------------------------------------
base=
for name in $kernels; do
	case $name in
	6.12)
		bench_kernel 6.12 "$KVER_612" "$out"
		base=$out
		;;
	deb13-7.3)
		# The packages layer keeps the 7.3 image (a few seconds when
		# cached) and says which release it is.
		plog=$build/logs/bench-prepare-deb13-7.3.log
		"$here/packages-check.sh" --prepare deb13-7.3 >"$plog" 2>&1 ||
			{ cat "$plog"; exit 1; }
		kver73=$(srcu_config_result "$build/logs/packages/prepare-deb13-7.3.result" kernel)
		[ -n "$kver73" ] || { cat "$plog"; echo "bench: no 7.3 kernel prepared" >&2; exit 1; }
		[ -n "$base" ] || { [ -r "$out" ] && base=$out; }
		bench_kernel deb13-7.3 "$kver73" \
			"$(dirname "$out")/deb13-7.3/results.json" "$base"
		;;
	*)
		echo "bench: no such kernel: $name (6.12, deb13-7.3)" >&2
		exit 1
		;;
	esac
done
