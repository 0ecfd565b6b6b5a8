#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms-conf.sh FIELD: print dkms.conf's FIELD (PACKAGE_NAME,
# PACKAGE_VERSION, BUILT_MODULE_NAME[0], ...) as DKMS itself reads it, by
# sourcing the file. The one reader of dkms.conf for the Makefile,
# debian/rules and scripts/dkms-check.sh. Fails if the field is empty.
field=${1:-}
[[ $field =~ ^[A-Z_]+(\[[0-9]+\])?$ ]] || {
	echo "dkms-conf: not a dkms.conf field: '$field'" >&2
	exit 2
}
conf=$(cd "$(dirname "$0")/.." && pwd)/dkms.conf
# dkms.conf names DKMS's variables (kernel_source_dir, dkms_tree) in
# strings it does not use here: unset, they expand to nothing.
# shellcheck disable=SC1090
. "$conf" || exit 1
eval "value=\${$field-}"
[ -n "$value" ] || { echo "dkms-conf: $conf has no $field" >&2; exit 1; }
echo "$value"
