#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# The torture, inside the debug-kernel VM (qemu-run.sh --mode torture
# --extra <stage>), with srcu_config loaded by init:
#
#   - srcu_config_torture.ko tortures its own store (kthread readers,
#     some sleeping inside their critical sections, writers in every
#     reclamation mode and compare-and-swap) for $DURATION seconds;
#   - at the same time srcu-config-hammer hammers /dev/srcu_config from
#     userspace, switching the test_read_delay_ms hook on and off;
#   - then the torture module is unloaded and kmemleak must find nothing.
#
# Its results are data (vm-result): torture.KEY for each of the torture
# module's end figures (its debugfs file results: reads, ...,
# impossible_age, leaked, reader_pipe, result=SUCCESS|FAILURE), and
# hammer.KEY for each of the hammer's (its "@@ hammer ... result=" line),
# with torture.insmod, torture.rmmod and hammer.exit, the exit statuses.
#
# With MUTANT set (no_grace_period, no_barrier) it tortures that broken
# store alone and is expected to fail; the module is left loaded (the
# broken teardown may have left callbacks pointing into it).
#
# Settings come from /torture.conf: DURATION, MUTANT, TORTURE_ARGS,
# HAMMER_ARGS.

. /torture.conf
. /torture-lib.sh
mutant=${MUTANT:-none}
status=0

results=/sys/kernel/debug/srcu_config_torture/results

kmemleak_baseline
# Written first: a mutant may kill the kernel before the results exist.
vm-result "torture.mutant=$mutant" || status=1
if [ "$mutant" = none ]; then
	srcu-config-hammer -d "$DURATION" $HAMMER_ARGS >/tmp/hammer.out 2>&1 &
	hammer=$!
fi

insmod /srcu_config_torture.ko duration="$DURATION" mutant="$mutant" $TORTURE_ARGS
rc=$?
echo "@@ torture-insmod $rc"
vm-result "torture.insmod=$rc" || status=1
# The module's figures, as it left them for us until rmmod.
if [ -r $results ]; then
	vm-result -p torture. <$results || status=1
else
	echo "@@ torture-error no $results"
	status=1
fi

if [ "$mutant" = none ]; then
	wait $hammer
	rc=$?
	cat /tmp/hammer.out
	echo "@@ hammer-exit $rc"
	vm-result "hammer.exit=$rc" || status=1
	[ $rc -eq 0 ] || status=1
	# "@@ hammer reads=N ... result=SUCCESS": one key=value a word.
	sed -n 's/^@@ hammer \(.*result=.*\)$/\1/p' /tmp/hammer.out | tail -n 1 |
		tr ' ' '\n' | vm-result -p hammer. || status=1
	rmmod srcu_config_torture
	rc=$?
	echo "@@ torture-rmmod $rc"
	vm-result "torture.rmmod=$rc" || status=1
	[ $rc -eq 0 ] || status=1
	kmemleak_check torture || status=1
else
	# Late consequences (callbacks after teardown) get time to show.
	sleep 5
	kmemleak_check "mutant-$mutant"
fi
exit $status
