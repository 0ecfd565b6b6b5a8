#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What `make run` shows, inside the VM, through the srcu-config tool: a
# watcher waiting for changes, a reader sleeping inside its SRCU
# read-side critical section, a writer whose change waits for that reader
# before freeing the old copy, and one that defers the free instead.

params=/sys/module/srcu_config/parameters
say() { printf '\n== %s\n' "$1"; shift; [ $# -eq 0 ] || printf '   %s\n' "$@"; }

# A reader that sleeps $1 ms inside its critical section (test hook
# test_read_delay_ms; in production a reader sleeps when copy_to_user
# faults), in the background, reporting into $2.
sleeping_reader() {
	echo "$1" >$params/test_read_delay_ms
	srcu-config -v get --read >"$2.out" 2>"$2.err" &
	reader=$!
	sleep 1
	# Later reads must not sleep: this reader already took its delay.
	echo 0 >$params/test_read_delay_ms
}

say "srcu_config is loaded; /dev/srcu_config holds:"
srcu-config get

say "A watcher waits for new generations (poll(2), EPOLLPRI):"
srcu-config watch --count 2 --timeout 60 >/tmp/watch.out 2>&1 &
watcher=$!
sleep 1

say "A reader opens the device and sleeps 3 s inside its read-side critical section."
sleeping_reader 3000 /tmp/first

say "One second later a writer swaps in a new configuration (normal grace period):"
printf 'generation two: written while a reader slept\n' | srcu-config -v set
say "The writer returned only once the reader had left its critical section:" \
	"synchronize_srcu() waited for it, and only then was the old copy freed."
wait $reader
say "The sleeping reader got the configuration it started with, intact:"
cat /tmp/first.out /tmp/first.err

say "Again, but the writer defers the free (call_srcu) and returns at once:"
sleeping_reader 3000 /tmp/second
printf 'generation three: the old copy is freed by a callback\n' | srcu-config -v set --deferred
srcu-config info | grep -E 'generation|deferred'
wait $reader
say "The reader still got generation two, intact, and the deferred free has run:"
cat /tmp/second.out /tmp/second.err
sleep 1
srcu-config info | grep -E 'deferred'

wait $watcher
say "What the watcher saw:"
cat /tmp/watch.out

say "A reader arriving now sees the newest configuration:"
srcu-config get

say "The device behaves like a file: cp installs a whole file as one generation" \
	"(it writes 64 KiB at a time; close(2) installs them together)."
seq 1 30000 >/tmp/big.conf
srcu-config info | grep -E '^generation'
cp /tmp/big.conf /dev/srcu_config
srcu-config info | grep -E '^(generation|size)'
say "cat reads it back whole, in several read(2) calls from one generation:"
cat /dev/srcu_config | cmp - /tmp/big.conf && echo "   identical to /tmp/big.conf"
