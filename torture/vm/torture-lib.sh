# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the reliability mode scripts, inside the test VM (busybox
# sh). Sourced, never run. Every result is data for
# scripts/reliability.sh, KEY=VALUE lines through vm-result (qemu-run.sh's
# data port, merged into LOG.result); the same figures are printed on the
# console as "@@ <what> ..." lines for people reading the log.

kmemleak=/sys/kernel/debug/kmemleak
failslab=/sys/kernel/debug/failslab

# KMEMLEAK_ONCE=1: a caller running several phases in one boot
# (mode-reliability.sh) checks once for all of them, and the phases'
# own baselines and checks do nothing: each check costs 8 s of waiting
# and two scans.

# Forget what boot and earlier phases left behind: only leaks made from
# here on are reported.
kmemleak_baseline() {
	[ -z "${KMEMLEAK_ONCE:-}" ] || return 0
	[ -w $kmemleak ] || return 0
	echo scan >$kmemleak
	echo clear >$kmemleak
}

# Scan twice with a pause (kmemleak reports an object only once it is
# 5 s old, and a second scan drops transient false positives), print the
# report and "@@ kmemleak PHASE N", write kmemleak.PHASE=N; then clear,
# so that the next phase starts afresh. Fails when N > 0 or kmemleak is
# missing (kmemleak.PHASE=unavailable).
kmemleak_check() {
	[ -z "${KMEMLEAK_ONCE:-}" ] || return 0
	if [ ! -w $kmemleak ]; then
		echo "@@ kmemleak $1 unavailable"
		vm-result "kmemleak.$1=unavailable"
		return 1
	fi
	sleep 6
	echo scan >$kmemleak
	sleep 2
	echo scan >$kmemleak
	n=$(grep -c '^unreferenced object' $kmemleak)
	[ "$n" -eq 0 ] || cat $kmemleak
	echo "@@ kmemleak $1 $n"
	echo clear >$kmemleak
	vm-result "kmemleak.$1=$n" && [ "$n" -eq 0 ]
}

# The device's module is loaded (init loads it; phases leave it so).
module_loaded() {
	[ -d /sys/module/srcu_config ]
}
