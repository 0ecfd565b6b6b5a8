#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check a built srcu_config.ko for what C++ could smuggle into a module:
# global constructors (the kernel never runs .init_array or .ctors) and
# references to a C++ runtime the kernel does not have (__cxa_*,
# __gxx_personality, _Unwind_*, typeinfo). Prints the C++ runtime symbols
# the module defines for itself.
set -uo pipefail
ko=$1
[ -r "$ko" ] || { echo "check-ko: $ko missing" >&2; exit 1; }
status=0

sections=$(readelf -SW "$ko" | grep -oE '\.(init_array|ctors|fini_array|dtors|eh_frame|gcc_except_table)[^ ]*' | sort -u)
if [ -n "$sections" ]; then
	echo "check-ko: $ko has sections the kernel does not handle:"
	echo "$sections"
	status=1
fi

# C++ sections the kernel's linker scripts would not place (see Kbuild).
stray=$(readelf -SW "$ko" | grep -oE '\.(text|data|rodata|bss)\._Z[^ ]*' | head -n 5)
if [ -n "$stray" ]; then
	echo "check-ko: $ko has unfolded C++ sections:"
	echo "$stray"
	status=1
fi

bad=$(nm -u "$ko" | awk '{print $2}' | grep -E '^(__cxa_|__gxx_|_Unwind_|_ZTI|_ZTV|_ZTS|__dso_handle|_Zn|_Zd)')
if [ -n "$bad" ]; then
	echo "check-ko: $ko needs C++ runtime symbols the kernel lacks:"
	echo "$bad"
	status=1
fi

echo "C++ runtime provided by the module itself:"
nm "$ko" | awk '$2 ~ /[TtWw]/ && $3 ~ /^(_Zn|_Zd|__cxa_)/ {print "  " $3}' | sort -u |
	c++filt
exit $status
