#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark, inside the VM: run by init (qemu-run.sh --mode bench)
# after it loaded srcu_config.ko; srcu_config is loaded again when this
# returns (init unloads it and checks that). Every result is a record
# "<kind> key=value ...": on the console as "@@ bench <kind> ..." for
# people, and on the data port as "bench=<kind> ..." (vm-result, in
# LOG.result) for scripts/bench.sh and bench/report.py.
#
#   floor    35-byte pread(2) of the device against /dev/zero and /dev/null
#   read_through  a 300 KiB read-through in 128 KiB read(2)s (as cat
#            does) against one pread(2) of the whole configuration
#   read     srcu_config_bench.ko: read-side cost per critical section
#   update   latency of SET, per reclamation mode, with and without readers
#            asleep in their critical sections; again as update_srcu_normal
#            over /srcu_config-srcu_normal.ko where that is staged (7.3:
#            the store's readers normal SRCU ones rather than SRCU-fast)
#   reads    pread(2) throughput and latency per guard (the device as
#            built over srcu, /srcu_config.ko, and over an rwsem and a
#            mutex, /srcu_config-<guard>.ko), readers, writer on/off, and
#            with sleeping readers
#
# Parameters come from /bench.conf (bench/full.conf or quick.conf, with
# what scripts/bench.sh adds); PHASES there names the phases to run (all
# of the above by default).

. /bench.conf
PHASES=${PHASES:-floor read_through read update reads}

# Whether phase $1 is to run; a skipped one says so.
phase() {
	case " $PHASES " in
	*" $1 "*) say "phase name=$1 uptime_s=$(uptime_s)" ;;
	*) say "not-measured phase=$1 reason=not_in_PHASES"; return 1 ;;
	esac
}

status=0

say() {
	echo "@@ bench $*"
	vm-result "bench=$*"
}
# Lines on stdin (the driver's output, the bench module's kernel log
# lines) on the console as they are; those that are records,
# "@@ bench <kind> ...", on the data port too, as say() writes them.
records() {
	cat >/tmp/records
	cat /tmp/records
	sed -n 's/^@@ bench /bench=/p' /tmp/records | vm-result
}
# The userspace driver, its records as say() writes them.
drv() {
	/srcu-config-bench "$@" >/tmp/drv.out
	rc=$?
	records </tmp/drv.out || rc=1
	return $rc
}
uptime_s() { cut -d' ' -f1 /proc/uptime; }

# Reload srcu_config from the .ko file $1, with the parameters after it.
reload_ko() {
	ko=$1
	shift
	rmmod srcu_config || return 1
	insmod "$ko" "$@"
}
reload() { reload_ko /srcu_config.ko "$@"; }

# --- the machine -------------------------------------------------------------
cpus=$(grep -c '^processor' /proc/cpuinfo)
clock=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1 | tr ' ' '_')
hyp=none
dmesg | grep -q 'Hypervisor detected: KVM' && hyp=kvm
say "vm kernel=$(uname -r) cpus=$cpus clocksource=$clock cpu_model=$model hypervisor=$hyp quick=$QUICK"

# QEMU's TSC is a good counter, but the kernel's calibration of it under
# emulation is a few tenths of a percent off, and the clocksource watchdog,
# comparing it with the HPET, then moves timekeeping to the HPET mid-run
# (every clock read becoming an emulated MMIO access). Unbinding the HPET
# and ACPI PM clocksources leaves the watchdog only jiffies to compare
# with, whose margin that error stays well within.
cs=/sys/devices/system/clocksource/clocksource0
unbound=
for c in acpi_pm hpet; do
	grep -qw $c $cs/available_clocksource || continue
	if echo $c >$cs/unbind_clocksource; then
		unbound=$unbound${unbound:+,}$c
	else
		say "note what=unbind_clocksource_failed clocksource=$c"
	fi
done

# The kernel moves from tsc-early to tsc a moment after boot: not mid-run.
waited=0
while [ "$(cat $cs/current_clocksource)" = tsc-early ] &&
	[ $waited -lt 20 ]; do
	sleep 0.5
	waited=$((waited + 1))
done
say "clock clocksource=$(cat $cs/current_clocksource) unbound=${unbound:-none}"

# --- the read floor -----------------------------------------------------------
# A 35-byte pread of the default configuration against one of /dev/zero,
# first, on a freshly loaded module (its default configuration is 35
# bytes).
if phase floor; then
	# shellcheck disable=SC2086
	if reload $SRCU_MODULE_ARGS; then
		drv floor --count "$FLOOR_PASSES" --calls "$FLOOR_CALLS" || status=1
	else
		say "error phase=floor what=insmod"
		status=1
	fi
fi

# --- read-through against one pread --------------------------------------------
# With a 300 KiB configuration installed (SET), a read-through in 128 KiB
# read(2)s as GNU cat does (lseek to 0, read until 0: the first call pins
# the generation, the last lets go of it) against one pread(2) of all of
# it. A hundredth of the floor's calls per pass (each copies 300 KiB);
# the driver puts the 35-byte configuration back.
if phase read_through; then
	drv read-through --count "${THROUGH_PASSES:-$FLOOR_PASSES}" \
		--calls "${THROUGH_CALLS:-$((FLOOR_CALLS / 100))}" || status=1
fi

# --- read side (in-kernel) ---------------------------------------------------
if ! phase read; then
	:
elif insmod /srcu_config_bench.ko loops="$READ_LOOPS" reps="$READ_REPS" \
	max_readers="$READ_READERS"; then
	dmesg | sed -n 's/^.*srcu_config_bench: \(@@ bench .*\)$/\1/p' | records || status=1
	rmmod srcu_config_bench || status=1
else
	say "error phase=read what=insmod"
	status=1
fi

# --- update side ----------------------------------------------------------------
update_phase() {
	for mode in normal expedited deferred; do
		drv update --mode $mode --count "$UPDATE_COUNT" || status=1
		sleep 1
	done
	for mode in normal expedited deferred; do
		drv update --mode $mode --count "$UPDATE_SLEEPING_COUNT" \
			--readers "$UPDATE_READERS" --delay-ms "$UPDATE_DELAY_MS" || status=1
		sleep 1
	done
}
if phase update; then
	update_phase
	if [ -r /srcu_config-srcu_normal.ko ]; then
		say "phase name=update_srcu_normal uptime_s=$(uptime_s)"
		if reload_ko /srcu_config-srcu_normal.ko; then
			update_phase
		else
			say "error phase=update_srcu_normal what=insmod"
			status=1
		fi
		# shellcheck disable=SC2086
		reload $SRCU_MODULE_ARGS || status=1
	fi
fi

# --- device reads per guard ---------------------------------------------------
# Repetitions go round the guards, so that drift on the host hits all alike.
phase reads || READS_REPS=0
guards=srcu
for guard in rwsem mutex srcu_normal; do
	if [ -r /srcu_config-$guard.ko ]; then
		guards="$guards $guard"
	elif [ $guard != srcu_normal ]; then
		say "not-measured guards=$guard reason=no_srcu_config-$guard.ko"
	fi
done
rep=1
while [ $rep -le "$READS_REPS" ]; do
	for guard in $guards; do
		ko=/srcu_config-$guard.ko
		[ "$guard" = srcu ] && ko=/srcu_config.ko
		if ! reload_ko "$ko"; then
			say "error phase=reads guard=$guard what=insmod"
			status=1
			continue
		fi
		for threads in $READS_THREADS; do
			for writer in "" --writer; do
				drv reads --guard "$guard" --threads "$threads" \
					--seconds "$READS_SECONDS" $writer || status=1
			done
		done
		for writer in "" --writer; do
			drv reads --guard "$guard" --threads "$SLEEP_READERS" \
				--seconds "$SLEEP_SECONDS" \
				--delay-ms "$SLEEP_DELAY_MS" $writer || status=1
		done
	done
	rep=$((rep + 1))
done

# Leave srcu_config as init loaded it.
# shellcheck disable=SC2086
reload $SRCU_MODULE_ARGS || status=1
# Whether the watchdog gave up on the TSC all the same (the userspace
# driver times with the TSC either way), and when.
unstable=$(dmesg | sed -n "s/^\[ *\([0-9.]*\)\].*Marking clocksource 'tsc' as unstable.*/\1/p" | head -n1)
say "clock-end clocksource=$(cat $cs/current_clocksource) tsc_unstable_at_s=${unstable:-never} uptime_s=$(uptime_s)"
say "end status=$status"
exit $status
