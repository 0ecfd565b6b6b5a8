#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check that srcu_config.ko holds the product alone: no symbol (function,
# object, template instantiation, module parameter) of the benchmark's
# or the torture's code, which are built as modules of their own
# (bench/kernel/, torture/).
#
#   check-product-symbols.sh path/to/srcu_config.ko
#
# Prints what it found; exits 1 if anything, 2 if it could not look.
set -uo pipefail
ko=${1:-}
if [ -z "$ko" ] || [ ! -r "$ko" ]; then
	echo "check-product-symbols: usage: $0 srcu_config.ko (${ko:-none given} not readable)" >&2
	exit 2
fi

# Names, demangled: bench and torture identifiers, their namespaces
# (srcu_config_bench::, srcu_config_torture::), the comparison guards
# and their shims, the mutants, and the torture's ageing (age, aged_*,
# *_age, age_*: whole words between separators, so that "page" or
# "usage" do not count).
patterns='bench|tortur|rwsem|rw_semaphore|mutex_protection|locked_pointer'
patterns+='|mutant|no_grace_period|no_barrier|fakewriter'
patterns+='|(^|[^[:alpha:]])aged?([^[:alpha:]]|$)'

if ! symbols=$(nm -C "$ko"); then
	echo "check-product-symbols: nm failed on $ko" >&2
	exit 2
fi
if ! params=$(modinfo -F parm "$ko"); then
	echo "check-product-symbols: modinfo failed on $ko" >&2
	exit 2
fi

# Symbol names only (nm's lines are "<16 hex digits or blanks> <type> <name>",
# and demangled names have blanks), then parameters.
found=$({
	cut -c20- <<<"$symbols"
	sed 's/^/parameter /' <<<"$params"
} | grep -iE -- "$patterns" | sort -u)

if [ -n "$found" ]; then
	echo "check-product-symbols: $ko holds benchmark or torture code:"
	sed 's/^/  /' <<<"$found" | head -n 40
	echo "check-product-symbols: FAIL ($(wc -l <<<"$found") symbols)"
	exit 1
fi
echo "check-product-symbols: $ko: $(wc -l <<<"$symbols") symbols, none of the benchmark or the torture: ok"
exit 0
