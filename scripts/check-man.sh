#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The man pages build from their reST (make man) and man(1) renders each
# without a warning: groff's and man's diagnostics on stderr must be
# empty. Fails if a page is missing, does not build, or warns.
#
#   check-man.sh [BUILD]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-${BUILD:-$root/build}}

make -C "$root" --no-print-directory BUILD="$build" man || exit 1
command -v man >/dev/null || { echo "check-man: man(1) missing (man-db)"; exit 1; }

rc=0 n=0
for src in "$root"/Documentation/man/*.rst; do
	page=$build/man/$(basename "$src" .rst)
	n=$((n + 1))
	if [ ! -s "$page" ]; then
		echo "not ok - $page: not built"
		rc=1
		continue
	fi
	# stdout (the page) goes away; what is left is the warnings.
	warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	if [ -n "$warnings" ]; then
		echo "not ok - $page renders with warnings:"
		echo "$warnings" | sed 's/^/#   /'
		rc=1
	elif ! MANWIDTH=80 man -l "$page" 2>/dev/null | grep -q '^SYNOPSIS'; then
		echo "not ok - $page: no SYNOPSIS in the rendered page"
		rc=1
	else
		echo "ok - $page"
	fi
done
[ "$n" -ge 3 ] || { echo "check-man: expected 3 man pages, found $n"; rc=1; }
exit $rc
