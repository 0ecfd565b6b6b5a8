#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A failed C++ compile must fail the build, every time: in a throwaway
# copy of the tree, build the module once as it is, then break one .cpp
# (a static_assert that cannot hold) and build it twice more. Each broken
# build must exit non-zero, name the error and produce no .ko (a rule
# that chained its commands with && used to hide the failure under
# kbuild's set -e and link the stale object).
#
#   check-broken-build.sh KVER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
kver=${1:?usage: check-broken-build.sh KVER}

tmp=$(mktemp -d /tmp/srcu-config-broken.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/tree
mkdir -p "$tree"
(cd "$root" && tar -cf - --exclude=./build --exclude=./.git .) | tar -xf - -C "$tree" ||
	exit 1

build() {
	make -C "$tree" --no-print-directory module KVER="$kver" BUILD="$tmp/build" \
		>"$tmp/build-$1.log" 2>&1
}

modbuild=$tmp/build/module/linux-headers-$kver
ko=$tmp/build/srcu_config-linux-headers-$kver.ko

if ! build good; then
	echo "the unbroken tree does not build:"
	tail -n 20 "$tmp/build-good.log"
	exit 1
fi
rm -f "$ko" "$modbuild/srcu_config.ko"
echo 'static_assert(false, "deliberately broken");' >>"$tree/module/config.cpp"

status=0
for run in 1 2; do
	if build "broken-$run"; then
		echo "broken build $run: make exited 0"
		status=1
	fi
	grep -q 'deliberately broken' "$tmp/build-broken-$run.log" ||
		{ echo "broken build $run: the error was not reported"; status=1; }
	[ ! -e "$ko" ] && [ ! -e "$modbuild/srcu_config.ko" ] ||
		{ echo "broken build $run: a .ko was produced"; status=1; }
done
[ $status -eq 0 ] && echo "a broken .cpp fails the build, twice, and leaves no .ko"
exit $status
