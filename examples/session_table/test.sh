#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# The session-table example in the VM, loaded as its user would load it:
# the load-time workload must pass (no torn or freed chain seen, sessions
# found, both ways of freeing used), rmmod's default teardown must return
# with readers gone, a bad parameter must be refused, and the module must
# load again. Prints KTAP. Run from /tests with the module at /examples.

ko=/examples/srcu_session_table.ko
total=0 failed=0

# check DESCRIPTION COMMAND...: one KTAP line for the command's status.
check() {
	what=$1
	shift
	total=$((total + 1))
	if "$@"; then
		echo "ok $total session_table: $what"
	else
		echo "not ok $total session_table: $what"
		failed=$((failed + 1))
	fi
}

# The last value of field $1 in the load-time report.
field() {
	dmesg | sed -n "s/.*srcu_session_table: lookups=.* $1=\([0-9]*\).*/\1/p" | tail -n1
}

positive() {
	[ "${1:-0}" -gt 0 ] 2>/dev/null
}

both_freeing_ways_used() {
	positive "$(field synchronized)" && positive "$(field retired)"
}

refuses_then_reloads() {
	! insmod $ko ids=8 2>/dev/null &&
		insmod $ko run_ms=500 readers=1 && rmmod srcu_session_table
}

echo "TAP version 13"
echo "1..7"
check "the workload saw no torn or freed chain (insmod succeeds)" \
	insmod $ko run_ms=2000 readers=4 sleep_ms=3
check "bad_chains=0 reported" [ "$(field bad_chains)" = 0 ]
check "lookups found open sessions ($(field found))" positive "$(field found)"
check "readers slept inside their critical sections ($(field sleeps))" \
	positive "$(field sleeps)"
check "chains freed by synchronize ($(field synchronized)) and retire ($(field retired))" \
	both_freeing_ways_used
check "rmmod runs the default teardown and returns" rmmod srcu_session_table
check "a bad parameter is refused, then it loads and unloads again" \
	refuses_then_reloads

echo "# Totals: pass:$((total - failed)) fail:$failed xfail:0 xpass:0 skip:0 error:0"
[ "$failed" -eq 0 ]
