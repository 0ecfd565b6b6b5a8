#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under QEMU with a busybox initramfs holding srcu_config.ko,
# the selftests, the tool, vm/'s helpers and GNU coreutils' cp, cat, tee
# and dd (at /gnu/bin); insmod, run, rmmod, power off.
#
#   qemu-run.sh --kernel VMLINUZ --module KO --name NAME
#               [--mode tests|demo|MODE] [--timeout SECONDS] [--log FILE]
#               [--extra DIR] [--memory MB] [--append "ARGS"] [--smp N]
#               [--tcg-thread single|multi] [--export DIR]
#
# --extra DIR copies DIR's contents into the initramfs root; a mode other
# than tests or demo runs /mode-MODE.sh from there (between insmod and
# rmmod). --append adds ARGS to the kernel command line. --smp gives the
# VM N vCPUs (default 2). --tcg-thread single emulates them all on one
# host thread, in turns: about a quarter less CPU time for a VM that
# checks behaviour; multi (the default) gives each vCPU a host thread of
# its own, for the VMs that race readers against writers on purpose
# (Documentation/testing.rst, "Selftests in QEMU"). --export DIR boots
# nothing: it leaves the kernel, the initramfs and run.sh (the same QEMU
# command line, console to stdout, the data port to DIR/vm.data) in DIR,
# to run on another machine (Documentation/benchmarks.rst, "Many cores").
#
# The VM has two serial ports: the console (ttyS0, the log LOG) and a
# data port (ttyS1), on which its scripts write KEY=VALUE lines
# (vm/vm-result). Beside LOG it writes LOG.result, the VM's verdict as
# data for whoever reads it (lib.sh's srcu_config_result): the data
# port's lines, among them kernel (the release it booted), insmod,
# rmmod, tainted, exit.<test>=<status> for each test run and whatever a
# mode's script wrote (seconds.<what> and cpu.<what> for boot, total
# and each test: vm/vm-clock); then its own name, boots (2 when the first boot
# was retried, below), host.wall_s and host.cpu_s (what the boots cost
# the host: wall time, and QEMU's user plus system CPU time), passed,
# failed and skipped.
#
# Fails on: a test failure, insmod or rmmod failure, a kernel splat in the
# console log, a taint other than out-of-tree/unsigned, or a hang past the
# timeout. In tests mode, prints the selftests' KTAP and ends with
# "NAME: N passed, N failed, N skipped".

set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

kernel= module= name=vm mode=tests timeout=600 log= extra= memory=1024 cmdline=
smp=2 tcg_thread=multi export=
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift ;;
	--module) module=$2; shift ;;
	--name) name=$2; shift ;;
	--mode) mode=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--log) log=$2; shift ;;
	--extra) extra=$2; shift ;;
	--memory) memory=$2; shift ;;
	--append) cmdline=$2; shift ;;
	--smp) smp=$2; shift ;;
	--tcg-thread) tcg_thread=$2; shift ;;
	--export) export=$2; shift ;;
	*) echo "qemu-run: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
case $tcg_thread in
single | multi) ;;
*) echo "qemu-run: --tcg-thread is single or multi, not $tcg_thread" >&2; exit 2 ;;
esac
[ -r "$kernel" ] && [ -r "$module" ] || {
	echo "qemu-run: need --kernel and --module" >&2
	exit 2
}

build=${BUILD:-$root/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=${log:-$build/logs/$name.log}
mkdir -p "$(dirname "$log")"

# --- initramfs --------------------------------------------------------------
# GNU coreutils' cp, cat, tee and dd from this host, at /gnu/bin, with
# each library ldd names and the dynamic loader at their own paths, so
# that they run unmodified beside busybox's applets (the selftests drive
# /dev/srcu_config with both). Any of them missing fails the run.
stage_gnu_tools() {
	local t libs lib
	mkdir -p "$rootfs/gnu/bin" || return 1
	for t in cp cat tee dd; do
		cp "/usr/bin/$t" "$rootfs/gnu/bin/$t" || return 1
		libs=$(ldd "/usr/bin/$t") || { echo "qemu-run: ldd /usr/bin/$t failed" >&2; return 1; }
		if grep -q 'not found' <<<"$libs"; then
			echo "qemu-run: /usr/bin/$t: $(grep 'not found' <<<"$libs")" >&2
			return 1
		fi
		# "libc.so.6 => /lib/.../libc.so.6 (0x...)", "/lib64/ld-linux-x86-64.so.2 (0x...)"
		while read -r lib; do
			[ -e "$rootfs$lib" ] && continue
			mkdir -p "$rootfs$(dirname "$lib")" && cp -L "$lib" "$rootfs$lib" || return 1
		done < <(sed -n -e 's|.*=> \(/[^ ]*\) (.*|\1|p' \
			-e 's|^[[:space:]]*\(/[^ ]*\) (.*|\1|p' <<<"$libs")
	done
	[ -e "$rootfs/lib64/ld-linux-x86-64.so.2" ] ||
		{ echo "qemu-run: no dynamic loader staged" >&2; return 1; }
}

rootfs=$work/rootfs
mkdir -p "$rootfs"/{bin,dev,proc,sys,tmp,tests} &&
	cp /bin/busybox "$rootfs/bin/busybox" &&
	install -m 755 "$here/vm/init" "$rootfs/init" &&
	cp "$here/vm/demo.sh" "$rootfs/demo.sh" &&
	install -m 755 "$here/vm"/{vm-result,vm-run-tests,vm-clock} "$rootfs/bin/" ||
	{ echo "qemu-run: cannot stage busybox and the guest's scripts in $rootfs" >&2; exit 2; }
cp "$module" "$rootfs/srcu_config.ko" &&
	cp "$build/tools/srcu-config" "$rootfs/bin/srcu-config" ||
	{ echo "qemu-run: cannot stage $module and the tool (make tool)" >&2; exit 2; }
for t in "$build"/selftests/*; do
	[ -x "$t" ] || continue
	cp "$t" "$rootfs/tests/" || { echo "qemu-run: cannot stage $t" >&2; exit 2; }
done
stage_gnu_tools || { echo "qemu-run: cannot stage GNU tools under /gnu/bin" >&2; exit 2; }
if [ -n "$extra" ]; then
	cp -a "$extra"/. "$rootfs"/ || { echo "qemu-run: cannot stage $extra" >&2; exit 2; }
fi
(cd "$rootfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.gz" ||
	{ echo "qemu-run: cannot pack the initramfs" >&2; exit 2; }

# --- boot ------------------------------------------------------------------
append="console=ttyS0 panic=-1 oops=panic SRCU_MODE=$mode"
[ "$mode" = demo ] && append="$append quiet"
[ -n "${SRCU_MODULE_ARGS:-}" ] && append="$append SRCU_MODULE_ARGS=${SRCU_MODULE_ARGS}"
[ -n "$cmdline" ] && append="$append $cmdline"

# Everything but the binary, the files and the data port's file; run.sh
# of --export reuses it. The console is the first serial port, on stdio
# as -nographic alone would put it; the data port is the second.
qemu_args=(-nographic -serial mon:stdio -no-reboot -m "$memory" -smp "$smp" -net none
	-accel "tcg,thread=$tcg_thread" -bios qboot.rom "${SRCU_CONFIG_QEMU_MACHINE[@]}")

if [ -n "$export" ]; then
	mkdir -p "$export" &&
		cp "$kernel" "$export/vmlinuz" &&
		cp "$work/initramfs.gz" "$export/initramfs.gz" || exit 2
	{
		echo '#!/bin/bash'
		echo '# Boots what qemu-run.sh staged; $QEMU and extra arguments from the caller.'
		echo 'cd "$(dirname "$0")" || exit 2'
		printf 'exec "${QEMU:-qemu-system-x86_64}"'
		printf ' %q' "${qemu_args[@]}" -serial file:vm.data \
			-kernel vmlinuz -initrd initramfs.gz -append "$append"
		echo ' "$@" </dev/null'
	} >"$export/run.sh" && chmod +x "$export/run.sh" || exit 2
	echo "$name: staged in $export (run.sh)"
	exit 0
fi

data=$work/data
# The host's cost of each boot, "WALL USER SYS" seconds, appended to
# $work/cost (bash's time: QEMU is its child), summed into LOG.result.
run_qemu() {
	local TIMEFORMAT='%R %U %S'
	rm -f "$data"
	{ time timeout --kill-after=10 "$timeout" qemu-system-x86_64 "${qemu_args[@]}" \
		-serial "file:$data" -kernel "$kernel" -initrd "$work/initramfs.gz" \
		-append "$append" </dev/null 2>&1; } 2>>"$work/cost"
}

# Debian's kernels under software emulation now and then oops while
# booting, before init runs (seen: int3 in sched_clock_cpu as static keys
# are patched, on a secondary CPU). Nothing of ours has run then: boot
# once more, in every mode, and keep the first console log beside the
# second, and name the retry in $SRCU_CONFIG_RETRY_LOG when set (make
# check prints it). A failure once init has run is never retried.
boot() {
	if [ "$mode" = demo ]; then
		# The person watching sees the VM's own words, not the boot noise.
		run_qemu 2>&1 | tr -d '\r' | tee "$log" |
			grep --line-buffered -v -E '^@@ |^\[ *[0-9.]+\]'
		qemu_rc=${PIPESTATUS[0]}
	else
		run_qemu >"$log" 2>&1
		qemu_rc=$?
	fi
}
boot
boots=1
# Once more, and only once, when the first boot never reached init, or
# failed by nothing but the emulator's int3 Oops in the kernel's own code
# (lib.sh's srcu_config_tcg_int3_only), wherever it happened: a splat
# with anything of the project on its stack, or a second one, is never
# retried. Counted, never hidden: make check names every retried VM.
retry=
if ! grep -q "^@@ kernel" "$log"; then
	retry="first boot did not reach init"
elif srcu_config_tcg_int3_only "$log"; then
	retry="first boot's only splat was the emulator's int3 Oops in the kernel's own code"
fi
if [ -n "$retry" ]; then
	mv -f "$log" "$log.boot-1"
	echo "$name: $retry (log: $log.boot-1); booting again" >&2
	why=$(grep -m1 -E "$SRCU_CONFIG_SPLAT_RE|int3: |Kernel panic" "$log.boot-1" |
		sed -e 's/\r$//' -e 's/^\[ *[0-9.]*\] //')
	rip=$(grep -m1 'RIP: ' "$log.boot-1" | sed -e 's/\r$//' -e 's/.*RIP: [0-9a-f]*://')
	[ -z "${SRCU_CONFIG_RETRY_LOG:-}" ] ||
		echo "$name: booted twice; $retry (${why:-no splat}${rip:+ at $rip}; $log.boot-1)" \
			>>"$SRCU_CONFIG_RETRY_LOG"
	boot
	boots=2
fi
sed -i 's/\r$//' "$log"
# The guest's tty ends lines with CR LF. Only KEY=VALUE lines are kept,
# and none of the keys this script writes itself.
sed 's/\r$//' "$data" 2>/dev/null |
	grep -E '^[A-Za-z0-9_.-]+=' | grep -v -E '^(name|boots|host\.[a-z_]+|passed|failed|skipped)=' >"$work/vm.result"

# --- verdict ---------------------------------------------------------------
problems=()
field() { srcu_config_result "$work/vm.result" "$1"; }

if [ "$(field "done")" != 1 ]; then
	if grep -q '^@@ done' "$log"; then
		problems+=("the VM finished but its data port (ttyS1) has no done=1: see @@ result-error in the log")
	else
		problems+=("VM did not finish (qemu exit $qemu_rc; hang, panic or timeout after ${timeout}s)")
	fi
fi
for step in insmod rmmod; do
	rc=$(field $step)
	[ "$rc" = 0 ] || problems+=("$step failed: ${rc:-no $step= in the data}")
done

splats=$(grep -n -E "$SRCU_CONFIG_SPLAT_RE" "$log" | head -n 20)
[ -z "$splats" ] || problems+=("kernel splat:
$splats")

tainted=$(field tainted)
# Allowed: O (out-of-tree module, 4096) and E (unsigned module, 8192).
if [ -n "$tainted" ] && [ $((tainted & ~(4096 | 8192))) -ne 0 ]; then
	problems+=("kernel tainted: $tainted")
fi

pass=0 fail=0 skip=0
if [ "$mode" = tests ]; then
	# The selftests' own KTAP, as they printed it, for people; the
	# figures are the VM's (vm/vm-run-tests).
	sed -n '/^@@ run /,/^@@ exit /p' "$log" | grep -v '^@@ ' | grep -v -E '^\[ *[0-9.]+\]'
	pass=$(field tests.passed) fail=$(field tests.failed) skip=$(field tests.skipped)
	pass=${pass:-0} fail=${fail:-0} skip=${skip:-0}
	# A test binary that failed without saying so in KTAP still fails.
	bad=$(field tests.bad_exit)
	[ -z "$bad" ] || [ "$fail" -gt 0 ] || problems+=("selftests exited non-zero: $bad")
	ran=$(field tests.ran)
	[ "${ran:-0}" -gt 0 ] || problems+=("no selftest ran")
fi

if [ ${#problems[@]} -gt 0 ]; then
	for p in "${problems[@]}"; do echo "$name: FAIL: $p"; done
	echo "$name: console log: $log"
	fail=$((fail + 1))
fi
[ "$mode" = tests ] && echo "$name: $pass passed, $fail failed, $skip skipped"
{
	cat "$work/vm.result"
	echo "name=$name"
	echo "boots=$boots"
	awk '{ w += $1; c += $2 + $3 } END { printf "host.wall_s=%d\nhost.cpu_s=%d\n", w, c }' "$work/cost"
	echo "passed=$pass"
	echo "failed=$fail"
	echo "skipped=$skip"
} >"$log.result"
[ ${#problems[@]} -eq 0 ]
