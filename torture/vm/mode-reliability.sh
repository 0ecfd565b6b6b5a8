#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# One debug-kernel boot for several reliability phases, in order: the
# torture (mode-torture.sh), module init failure injection
# (mode-faults.sh) and load/unload cycles (mode-lifecycle.sh). Each
# reports "@@ phase NAME STATUS"; a phase that fails does not stop the
# others.

status=0
for phase in torture faults lifecycle; do
	sh /mode-$phase.sh
	rc=$?
	echo "@@ phase $phase $rc"
	[ $rc -eq 0 ] || status=1
	# Whatever happened, init expects the device's module loaded.
	[ -d /sys/module/srcu_config ] || insmod /srcu_config.ko $SRCU_MODULE_ARGS
done
exit $status
