#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# Every selftest, as init runs them in tests mode, on the debug kernel;
# then srcu_config is unloaded (so that anything it leaked is
# unreferenced), kmemleak must find nothing, and it is loaded again for
# init's own rmmod.

. /torture-lib.sh
status=0

kmemleak_baseline
for t in /tests/*; do
	name=${t##*/}
	echo "@@ run $name"
	"$t"
	echo "@@ exit $name $?"
done
rmmod srcu_config || status=1
kmemleak_check selftests || status=1
insmod /srcu_config.ko $SRCU_MODULE_ARGS || status=1
exit $status
