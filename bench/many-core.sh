#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark's VMs on a many-core x86-64 machine that has no QEMU, for
# the read-side scaling curve (Documentation/benchmarks.rst, "Many
# cores"). Two steps, one on each machine:
#
#   many-core.sh pack DIR    here: put this host's qemu-system-x86_64, the
#                            libraries it loads (glibc's own excepted: the
#                            other machine's newer one runs them), its TCG
#                            module, its firmware and this script in
#                            DIR/qemu; the VMs come from
#                            BENCH_EXPORT=DIR make bench
#   many-core.sh run DIR     there: boot each VM staged in DIR/NAME, one
#                            after the other on all the host's CPUs,
#                            console to DIR/NAME/console.log, records
#                            to DIR/NAME/vm.data (the data port)
#
# Then, here, BENCH_LOGS=DIR make bench reports from those logs.
#   RUN_TIMEOUT   seconds per VM (default 900)
set -euo pipefail

pack() {
	local dir=$1 q lib
	q=$(command -v qemu-system-x86_64) || { echo "many-core: no qemu-system-x86_64" >&2; exit 1; }
	rm -rf "$dir/qemu"
	mkdir -p "$dir/qemu/lib" "$dir/qemu/modules" "$dir/qemu/firmware"
	cp "$q" "$dir/qemu/qemu-system-x86_64"
	# "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)"
	while read -r lib; do
		case ${lib##*/} in
		libc.so.* | libm.so.* | ld-linux*) ;;
		*) cp -L "$lib" "$dir/qemu/lib/" ;;
		esac
	done < <(ldd "$q" | sed -n 's|.*=> \(/[^ ]*\) (.*|\1|p')
	# Without it: "could not load module for type 'tcg-accel-ops'".
	cp /usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so "$dir/qemu/modules/"
	for f in qboot.rom linuxboot_dma.bin kvmvapic.bin; do
		cp -L "/usr/share/qemu/$f" "$dir/qemu/firmware/"
	done
	cp "$0" "$dir/many-core.sh"
	echo "many-core: packed $("$q" --version | head -n1) in $dir/qemu"
}

run() {
	local dir=$1 vm cpus status=0 rc
	dir=$(cd "$dir" && pwd)
	cpus=$(nproc)
	for vm in "$dir"/*/run.sh; do
		[ -e "$vm" ] || { echo "many-core: no VM staged in $dir" >&2; exit 1; }
		vm=$(dirname "$vm")
		echo "many-core: booting $(basename "$vm") on $cpus host CPUs"
		rc=0
		LD_LIBRARY_PATH=$dir/qemu/lib QEMU_MODULE_DIR=$dir/qemu/modules \
			QEMU=$dir/qemu/qemu-system-x86_64 \
			timeout --kill-after=10 "${RUN_TIMEOUT:-900}" \
			"$vm/run.sh" -L "$dir/qemu/firmware" -vga none \
			>"$vm/console.log" 2>&1 || rc=$?
		grep -q '^done=1' "$vm/vm.data" 2>/dev/null || rc=${rc/#0/1}
		echo "many-core: $(basename "$vm"): exit $rc, $(grep -c '^bench=read ' "$vm/vm.data" 2>/dev/null || true) read-side records"
		[ "$rc" = 0 ] || status=1
	done
	return $status
}

case ${1:-} in
pack) [ $# = 2 ] || { echo "usage: many-core.sh pack DIR" >&2; exit 2; }; pack "$2" ;;
run) [ $# = 2 ] || { echo "usage: many-core.sh run DIR" >&2; exit 2; }; run "$2" ;;
*) echo "usage: many-core.sh pack|run DIR" >&2; exit 2 ;;
esac
