#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What `make run` shows, inside the VM: a reader sleeping inside its SRCU
# read-side critical section while a writer swaps the configuration and
# waits for that reader before freeing the old copy.

params=/sys/module/srcu_config/parameters
say() { printf '\n== %s\n' "$1"; shift; [ $# -eq 0 ] || printf '   %s\n' "$@"; }

say "srcu_config is loaded; /dev/srcu_config holds:"
srcu-config get

say "A reader opens the device and sleeps 3 s inside its read-side critical section" \
	"(test hook test_read_delay_ms; in production a reader sleeps when copy_to_user faults)"
echo 3000 >$params/test_read_delay_ms
srcu-config -v get >/tmp/reader.out 2>/tmp/reader.err &
reader=$!
sleep 1
# Later reads must not sleep; the sleeping reader already took its delay.
echo 0 >$params/test_read_delay_ms

say "One second later a writer swaps in a new configuration:"
printf 'generation two: written while a reader slept\n' | srcu-config -v set
say "The writer returned only once the reader had left its critical section:" \
	"synchronize_srcu() waited for it, and only then was the old copy freed."

wait $reader
say "The sleeping reader got the configuration it started with, intact:"
cat /tmp/reader.out
cat /tmp/reader.err

say "A reader arriving now sees the new configuration:"
srcu-config get
