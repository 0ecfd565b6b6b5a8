#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# One debug-kernel boot for several reliability phases, in order: the
# torture (mode-torture.sh), module init failure injection
# (mode-faults.sh) and load/unload cycles (mode-lifecycle.sh). Each
# phase's verdict is data, phase.NAME=STATUS (0: passed), and a console
# line "@@ phase NAME STATUS"; a phase that fails does not stop the
# others. kmemleak is checked once, after the last: a leak in any phase
# is unreferenced by then, and its report names the allocation's stack.

. /torture-lib.sh
status=0
kmemleak_baseline
export KMEMLEAK_ONCE=1
for phase in torture faults lifecycle; do
	t0=$(vm-clock)
	sh /mode-$phase.sh
	rc=$?
	echo "@@ phase $phase $rc"
	vm-result "phase.$phase=$rc" && vm-clock "$t0" "phase.$phase" || status=1
	[ $rc -eq 0 ] || status=1
	# Whatever happened, init expects the device's module loaded.
	module_loaded || insmod /srcu_config.ko $SRCU_MODULE_ARGS
done
unset KMEMLEAK_ONCE
kmemleak_check torture-faults-lifecycle || status=1
exit $status
