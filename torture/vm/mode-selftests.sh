#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# Every selftest, as init runs them in tests mode, on the debug kernel;
# then srcu_config is unloaded (so that anything it leaked is
# unreferenced), kmemleak must find nothing, and it is loaded again for
# init's own rmmod.

. /torture-lib.sh
status=0

# The debug kernels exercise the write-through under KASAN and lockdep
# at three sizes; every production kernel runs all five (1 MiB through
# dd bs=4k is minutes here).
export SRCU_CONFIG_FILE_TOOLS_SIZES="1 65537 307200"
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
