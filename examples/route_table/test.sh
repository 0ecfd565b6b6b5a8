#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# The example module in the VM, as its user would load it: the load-time
# workload must pass (no torn or freed table seen, every way of freeing
# used), the default teardown must return, and a second load must work.
# Prints KTAP. Run from /tests with the module at /examples.

ko=/examples/srcu_route_table.ko
n=0 pass=0 fail=0

result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n $2"
		pass=$((pass + 1))
	else
		echo "not ok $n $2"
		fail=$((fail + 1))
	fi
}

stat() {
	dmesg | sed -n "s/.*srcu_route_table: lookups=.* $1=\([0-9]*\).*/\1/p" | tail -n1
}

echo "TAP version 13"
echo "1..6"

insmod $ko run_ms=1500 readers=2 sleep_ms=2
result $? "route_table: the load-time workload saw no torn or freed table"
[ "$(stat bad_tables)" = 0 ]
result $? "route_table: bad_tables=0 reported"
[ "${stat_sleeps:=$(stat sleeps)}" -gt 0 ] 2>/dev/null
result $? "route_table: readers slept inside their critical sections ($stat_sleeps)"
r=$(stat retired) p=$(stat polled) s=$(stat synchronized)
[ "${r:-0}" -gt 0 ] && [ "${p:-0}" -gt 0 ] && [ "${s:-0}" -gt 0 ]
result $? "route_table: freed by synchronize ($s), polled cookie ($p) and retire ($r)"
rmmod srcu_route_table
result $? "route_table: rmmod runs the default teardown and returns"
insmod $ko run_ms=200 readers=1 && rmmod srcu_route_table
result $? "route_table: loads and unloads again"

echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
