#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload srcu_config.ko over and over, inside the debug-kernel
# VM, with srcu_config loaded by init. Each cycle: readers run against the
# device, one of them asleep inside its critical section (through
# test_read_delay_ms) while deferred frees are queued, so that they wait
# for it; the readers are waited for (rmmod needs them gone); then
# srcu-config-unload queues more and unloads at once, with those frees
# still queued: the module's teardown must wait for them (srcu_barrier());
# then insmod. rmmod while the device is open must fail and change
# nothing. Afterwards kmemleak must find nothing; the host checks the
# console for splats. Prints "@@ lifecycle ..." and writes the same
# figures as data (lifecycle.cycles, ...).

. /torture-lib.sh
# LIFECYCLE_CYCLES from the host's /torture.conf (scripts/reliability.sh).
[ -r /torture.conf ] && . /torture.conf
cycles=${LIFECYCLE_CYCLES:-50}
params=/sys/module/srcu_config/parameters
sysfs=/sys/class/misc/srcu_config
status=0 held=0 in_flight=0 busy_refused=0

kmemleak_baseline

# rmmod while open: refused, the open file still works.
busy_rmmod() {
	exec 3</dev/srcu_config
	if rmmod srcu_config 2>/dev/null; then
		echo "@@ lifecycle-error rmmod succeeded with the device open"
		status=1
		exec 3<&-
		insmod /srcu_config.ko $SRCU_MODULE_ARGS
		return
	fi
	if ! module_loaded || ! head -c 1 <&3 >/dev/null; then
		echo "@@ lifecycle-error the refused rmmod changed something"
		status=1
	fi
	exec 3<&-
	busy_refused=$((busy_refused + 1))
}

busy_rmmod
i=1
while [ $i -le $cycles ]; do
	# A reader asleep inside its critical section holds the grace period
	# up: deferred frees queued meanwhile cannot run before it leaves.
	echo 600 >$params/test_read_delay_ms
	srcu-config get --read >/dev/null &
	usleep 200000
	echo 0 >$params/test_read_delay_ms
	for r in 1 2; do
		(for k in 1 2 3; do srcu-config get --read >/dev/null || exit 1; done) &
	done
	for k in 1 2 3; do
		printf 'cycle %d deferred %d\n' $i $k | srcu-config set --deferred || status=1
		[ $k -gt 1 ] && continue
		read queued <$sysfs/deferred_pending
		[ "$queued" -gt 0 ] && held=$((held + 1))
	done
	# Every third cycle a change that waits for the sleeper, too.
	if [ $((i % 3)) -eq 0 ]; then
		printf 'cycle %d\n' $i | srcu-config set || status=1
	fi
	# Readers gone (rmmod needs them gone); then more deferred frees
	# and the unload at once, from one process: frees still queued.
	wait || status=1
	set -- $(srcu-config-unload 3)
	if [ "$1" != 0 ]; then
		echo "@@ lifecycle-error cycle $i: unload failed (errno $2)"
		status=1
		break
	fi
	[ "$3" -gt 0 ] && in_flight=$((in_flight + 1))
	if ! insmod /srcu_config.ko $SRCU_MODULE_ARGS; then
		echo "@@ lifecycle-error cycle $i: insmod failed"
		status=1
		break
	fi
	[ $((i % 25)) -eq 0 ] && busy_rmmod
	i=$((i + 1))
done

set -- "cycles=$((i - 1))" "frees_held_by_sleeping_reader=$held" \
	"frees_in_flight_at_rmmod=$in_flight" "busy_rmmod_refused=$busy_refused"
echo "@@ lifecycle $*"
vm-result -p lifecycle. "$@" || status=1
# Whatever the unloads leaked is unreferenced now.
kmemleak_check lifecycle || status=1
exit $status
