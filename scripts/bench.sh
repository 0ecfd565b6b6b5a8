#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: build the module, the benchmark's modules and the load driver,
# boot Debian's 6.12 kernel under QEMU (-smp 2, software emulation) once,
# run bench/mode-bench.sh there, and turn the console log into a table on
# stdout, JSON in $BENCH_OUT and plots next to it.
#
#   BENCH_QUICK=1   a fast smoke run (fewer loops, shorter runs)
#   BENCH_OUT       the JSON (default build/bench/results.json)
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
kver=$KVER_612
bench=$build/bench
stage=$bench/stage
log=$build/logs/bench-$kver.log
mkdir -p "$bench" "$(dirname "$out")" "$build/logs"

# Debian's interpreter: python3-matplotlib is installed for it.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# --- build -----------------------------------------------------------------
# The product module, and what only the benchmark uses (bench/Makefile):
# srcu_config_bench.ko, and the device built over an rwsem and over a
# mutex for the device-level comparison.
echo "bench: building the module, srcu_config_bench.ko, the rwsem and mutex devices and the load driver for $kver"
kbuild=$build/bench/kernel/linux-headers-$kver
make -C "$root" --no-print-directory -s module tool KVER="$kver" >"$build/logs/bench-build.log" 2>&1 || {
	tail -n 30 "$build/logs/bench-build.log"
	exit 1
}
make -C "$root/bench" --no-print-directory -s modules \
	KDIR="/usr/src/linux-headers-$kver" MODULE_BUILD="$kbuild" \
	>>"$build/logs/bench-build.log" 2>&1 || {
	tail -n 30 "$build/logs/bench-build.log"
	exit 1
}
make -C "$root/bench" --no-print-directory -s OUTPUT="$bench/bin" >>"$build/logs/bench-build.log" 2>&1 || {
	tail -n 30 "$build/logs/bench-build.log"
	exit 1
}
module=$build/srcu_config-linux-headers-$kver.ko
benchmod=$kbuild/bench/kernel
guards="rwsem mutex"
for f in "$module" "$benchmod/srcu_config_bench.ko" "$bench/bin/srcu-config-bench" \
	$(for g in $guards; do echo "$kbuild/guard-$g/srcu_config.ko"; done); do
	[ -r "$f" ] || { echo "bench: $f was not built" >&2; exit 1; }
done

# --- disassembly of the reader loops -----------------------------------------
disasm=$bench/disasm
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

# --- what the VM runs --------------------------------------------------------
rm -rf "$stage"
mkdir -p "$stage"
cp "$root/bench/mode-bench.sh" "$stage/mode-bench.sh"
cp "$benchmod/srcu_config_bench.ko" "$stage/srcu_config_bench.ko"
# The same device, srcu_config, over the comparison guards.
for g in $guards; do
	cp "$kbuild/guard-$g/srcu_config.ko" "$stage/srcu_config-$g.ko"
done
cp "$bench/bin/srcu-config-bench" "$stage/srcu-config-bench"
if [ "$quick" = 1 ]; then
	cat >"$stage/bench.conf" <<-EOF
	QUICK=1
	FLOOR_PASSES=5 FLOOR_CALLS=20000
	READ_LOOPS=50000 READ_REPS=3 READ_READERS=2
	UPDATE_COUNT=40 UPDATE_SLEEPING_COUNT=8 UPDATE_READERS=3 UPDATE_DELAY_MS=20
	READS_THREADS="1 2 4" READS_SECONDS=0.3 READS_REPS=1
	SLEEP_READERS=4 SLEEP_DELAY_MS=10 SLEEP_SECONDS=0.5
	EOF
	timeout=300
else
	cat >"$stage/bench.conf" <<-EOF
	QUICK=0
	FLOOR_PASSES=15 FLOOR_CALLS=100000
	READ_LOOPS=1000000 READ_REPS=15 READ_READERS=2
	UPDATE_COUNT=300 UPDATE_SLEEPING_COUNT=100 UPDATE_READERS=3 UPDATE_DELAY_MS=20
	READS_THREADS="1 2 4" READS_SECONDS=0.7 READS_REPS=5
	SLEEP_READERS=4 SLEEP_DELAY_MS=10 SLEEP_SECONDS=1
	EOF
	timeout=480
fi

# --- run -----------------------------------------------------------------------
echo "bench: booting $kver under QEMU -smp 2 (software emulation, no KVM); console log: $log"
t_vm=$(date +%s)
vm_status=0
"$here/qemu-run.sh" --mode bench --name "bench-$kver" --extra "$stage" \
	--kernel "$(srcu_config_image_dir "$kver")/vmlinuz" --module "$module" \
	--log "$log" --timeout "$timeout" --memory 1024 || vm_status=$?
vm_seconds=$(($(date +%s) - t_vm))
if [ "$vm_status" -ne 0 ]; then
	echo "bench: the VM run failed; no results" >&2
	exit 1
fi
# qemu-run.sh fails on these already; a benchmark must never report over one.
if splats=$(grep -n -E "$SRCU_CONFIG_SPLAT_RE" "$log"); then
	echo "bench: kernel splat in $log; no results:" >&2
	echo "$splats" | head -n 20 >&2
	exit 1
fi

# How QEMU was run: read from the runner itself rather than assumed.
accel=tcg
grep -q -E -- '-enable-kvm|accel[= ]kvm' "$here/qemu-run.sh" && accel=kvm
smp=$(sed -n 's/.*-smp \([0-9]*\).*/\1/p' "$here/qemu-run.sh" | head -n1)

"$py" "$root/bench/report.py" --log "$log" --out "$out" --kernel "$kver" \
	--accel "$accel" --smp "${smp:-2}" --quick "$quick" \
	--qemu "$(qemu-system-x86_64 --version | head -n1)" \
	--disasm "$disasm" --vm-seconds "$vm_seconds" \
	--wall-seconds "$(($(date +%s) - t_start))"
