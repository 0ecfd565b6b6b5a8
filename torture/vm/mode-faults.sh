#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# Module init failure paths, inside the debug-kernel VM: load
# srcu_config.ko with its first, second, ... allocation failing
# (fail-nth on the loading thread, srcu-config-failload), until a load
# needs fewer allocations than the one armed. Only allocations made with
# module code on the stack are counted and failed (failslab's
# require-start above the kernel image): the module loader's own are not
# this module's to unwind.
#
# Each failed load must return an error, leave no module and no device
# behind; kmemleak must find nothing afterwards; no splat (the host
# checks the console). A load that succeeds although its fault was
# injected (the allocation had a fallback) must have registered the
# device; it is unloaded and counted as absorbed. Prints "@@ faults ..."
# and writes the same figures as data: faults.insmod_points,
# faults.failed_loads, faults.absorbed, faults.errnos.
# Leaves srcu_config loaded, as found.

. /torture-lib.sh
max=${FAULTS_MAX:-400}
status=0

if [ ! -e /proc/self/fail-nth ] || [ ! -w $failslab/ignore-gfp-wait ] ||
	[ ! -w $failslab/require-start ]; then
	echo "@@ faults unavailable (no fail-nth, failslab or its stack-trace filter)"
	exit 1
fi

rmmod srcu_config || exit 1
kmemleak_baseline

# Allocations that may sleep can fail too; no stack dump per injection.
echo N >$failslab/ignore-gfp-wait
echo 0 >$failslab/verbose
echo 32 >$failslab/stacktrace-depth
end=$(awk '$3 == "_end" { print $1; exit }' /proc/kallsyms)
echo "0x$end" >$failslab/require-start

n=1 failed=0 absorbed=0 errnos=" " covered=
while [ $n -le $max ]; do
	set -- $(srcu-config-failload /srcu_config.ko $n)
	rc=$1 err=$2 injected=$3
	if [ "$rc" = 0 ]; then
		if [ "$injected" = 0 ]; then
			covered=$((n - 1))
			break
		fi
		absorbed=$((absorbed + 1))
		if [ ! -d /sys/class/misc/srcu_config ]; then
			echo "@@ faults-error n=$n load succeeded without registering the device"
			status=1
		fi
		if ! rmmod srcu_config; then
			echo "@@ faults-error n=$n rmmod after an absorbed fault failed"
			status=1
			break
		fi
	else
		failed=$((failed + 1))
		case "$errnos" in *" $err "*) ;; *) errnos="$errnos$err " ;; esac
		if [ "$injected" != 1 ]; then
			echo "@@ faults-error n=$n load failed (errno $err) without an injected fault"
			status=1
		fi
		if module_loaded || [ -e /dev/srcu_config ]; then
			echo "@@ faults-error n=$n failed load left the module or its device behind"
			status=1
		fi
	fi
	n=$((n + 1))
done

# Back to failslab's defaults.
echo 0 >$failslab/require-start
echo Y >$failslab/ignore-gfp-wait
echo 2 >$failslab/verbose

if [ -z "$covered" ]; then
	echo "@@ faults-error still failing after $max fault points"
	covered=$max
	status=1
fi
errnos=$(echo $errnos | tr ' ' ',')
echo "@@ faults insmod_points=$covered failed_loads=$failed absorbed=$absorbed errnos=$errnos"
vm-result -p faults. "insmod_points=$covered" "failed_loads=$failed" \
	"absorbed=$absorbed" "errnos=$errnos" || status=1
kmemleak_check faults || status=1

if ! module_loaded; then
	insmod /srcu_config.ko $SRCU_MODULE_ARGS || status=1
fi
exit $status
