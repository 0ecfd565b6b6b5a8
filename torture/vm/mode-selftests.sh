#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# Every selftest, as init runs them in tests mode (vm-run-tests: each
# one's exit status and the KTAP totals as data), on the debug kernel;
# then srcu_config is unloaded (so that anything it leaked is
# unreferenced), kmemleak must find nothing, and it is loaded again for
# init's own rmmod. The figures of fault_test and fuzz_test, which they
# log in their KTAP, are data too: selftests.fault_points (summed over
# the device calls covered), .fault_failed, .fault_absorbed, and
# selftests.fuzz_steps, .fuzz_changes, .fuzz_errnos.

. /torture-lib.sh
status=0

# The debug kernels exercise the write-through under KASAN and lockdep
# at three sizes; every production kernel runs all five (1 MiB through
# dd bs=4k is minutes here).
export SRCU_CONFIG_FILE_TOOLS_SIZES="1 65537 307200"
kmemleak_baseline
vm-run-tests || status=1

# "# <test>:<line>:<case>:<call>: fault_points=N failed=N absorbed=N"
set -- $(cat /tmp/tests/*.out | grep -oE 'fault_points=[0-9]+ failed=[0-9]+ absorbed=[0-9]+' |
	tr '=' ' ' | awk '{ p += $2; f += $4; a += $6 } END { print p + 0, f + 0, a + 0 }')
vm-result -p selftests. "fault_points=$1" "fault_failed=$2" "fault_absorbed=$3" || status=1
# "# ...: fuzz_steps=N changes=N distinct_errnos=E,E,..."
set -- $(cat /tmp/tests/*.out | grep -oE 'fuzz_steps=[0-9]+ changes=[0-9]+ distinct_errnos=[^ ]*' |
	tail -n 1 | tr '=' ' ')
[ $# -eq 6 ] || set -- fuzz_steps 0 changes 0 distinct_errnos ''
vm-result -p selftests. "fuzz_steps=$2" "fuzz_changes=$4" "fuzz_errnos=$6" || status=1

rmmod srcu_config || status=1
kmemleak_check selftests || status=1
insmod /srcu_config.ko $SRCU_MODULE_ARGS || status=1
exit $status
