#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check that DKMS builds srcu_config.ko from this tree, with dkms.conf,
# for Debian's 6.12 and 6.1 kernels: dkms add, dkms build for each, check
# the module, dkms remove --all.
#
# It runs on the module's sources as 'make dkms-source' stages them (what
# the srcu-config-dkms package ships): srcu-config-<version> in a temporary
# source tree (what /usr/src is to DKMS), with a temporary DKMS tree (what
# /var/lib/dkms is) and a temporary module signing key: nothing is added to
# /usr/src, /var/lib/dkms or /lib/modules, an srcu-config installed there
# is left alone, and everything is removed on exit. Runs as root.
#
# Last line: "dkms: N passed, N failed, N skipped" (a kernel without
# headers is skipped); the exit status is non-zero on any failure.

set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

pass=0 fail=0 skip=0
die() {
	echo "dkms-check: $*" >&2
	fail=$((fail + 1))
	srcu_config_summary dkms
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "must run as root (dkms builds as root)"
command -v dkms >/dev/null || die "dkms is not installed: run 'make setup'"
srcu_config_load_env || die "no kernels.env"

conf=$root/dkms.conf
name=$("$here/dkms-conf.sh" PACKAGE_NAME) &&
	version=$("$here/dkms-conf.sh" PACKAGE_VERSION) &&
	module=$("$here/dkms-conf.sh" 'BUILT_MODULE_NAME[0]') ||
	die "$conf: no PACKAGE_NAME, PACKAGE_VERSION or BUILT_MODULE_NAME[0]"

tmp=$(mktemp -d /tmp/srcu-config-dkms.XXXXXX) || die "mktemp failed"
src_tree=$tmp/src
dkms_tree=$tmp/dkms
# DKMS signs what it builds when the kernel supports module signatures,
# generating a key in /var/lib/dkms on first use: give it one of ours.
export mok_signing_key=$tmp/mok.key mok_certificate=$tmp/mok.pub

dkms_() {
	dkms "$@" --sourcetree "$src_tree" --dkmstree "$dkms_tree"
}

added=
cleanup() {
	[ -n "$added" ] && dkms_ remove -m "$name" -v "$version" --all >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "# dkms: $name $version, module $module"
mkdir -p "$src_tree" "$dkms_tree"
# The sources as the srcu-config-dkms package installs them in /usr/src
# (the Makefile's DKMS_SOURCES), and dkms.conf.
make -C "$root" --no-print-directory dkms-source \
	DKMS_SOURCE_DIR="$src_tree/$name-$version" >"$tmp/source.log" 2>&1 &&
	cp "$conf" "$src_tree/$name-$version/" || {
	cat "$tmp/source.log"
	die "make dkms-source failed"
}

if ! dkms_ add -m "$name" -v "$version" >"$tmp/add.log" 2>&1; then
	cat "$tmp/add.log"
	die "dkms add failed"
fi
added=1
ok "dkms add"

for kver in "$KVER_612" "$KVER_61"; do
	kdir=/usr/src/linux-headers-$kver
	if [ ! -d "$kdir" ]; then
		skipped "dkms build $kver" "no headers at $kdir"
		continue
	fi
	log=$tmp/build-$kver.log
	if ! dkms_ build -m "$name" -v "$version" -k "$kver" \
		--kernelsourcedir "$kdir" >"$log" 2>&1; then
		not_ok "dkms build $kver"
		sed 's/^/#   /' "$log"
		make_log=$dkms_tree/$name/$version/build/make.log
		[ -r "$make_log" ] && tail -n 40 "$make_log" | sed 's/^/#   /'
		continue
	fi
	ko=$(find "$dkms_tree/$name/$version/$kver" -path '*/module/*' \
		-name "$module.ko*" | head -n1)
	vermagic=
	[ -n "$ko" ] && vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null)
	if [ -z "$ko" ]; then
		not_ok "dkms build $kver: no $module.ko in the DKMS tree"
	elif [ "${vermagic%% *}" != "$kver" ]; then
		not_ok "dkms build $kver: $ko has vermagic '$vermagic'"
	else
		ok "dkms build $kver (${ko#"$dkms_tree"/})"
	fi
done

dkms_ status -m "$name" -v "$version" 2>/dev/null | sed 's/^/# /'
if dkms_ remove -m "$name" -v "$version" --all >"$tmp/remove.log" 2>&1 &&
   [ ! -e "$dkms_tree/$name/$version" ]; then
	added=
	ok "dkms remove --all"
else
	not_ok "dkms remove --all"
	sed 's/^/#   /' "$tmp/remove.log"
fi

srcu_config_summary dkms
[ "$fail" -eq 0 ]
