#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install: the module through kbuild's modules_install, the UAPI
# header and the tool. The Makefile runs it after building both; it takes
# the same variables, from the environment or make's command line:
#
#   KVER, KDIR        the kernel (default: Debian's 6.12 from set-up)
#   BUILD             the build directory (default: build/ in the clone)
#   DESTDIR           staging root for everything (default: none, i.e. /)
#   INSTALL_MOD_PATH  root for the module (default: $DESTDIR)
#   INSTALL_MOD_DIR   directory under /lib/modules/<release>/ (default:
#                     kbuild's: updates/ on 6.12, extra/ on 6.1)
#
# Installs, under $DESTDIR:
#   /lib/modules/<release>/<INSTALL_MOD_DIR>/srcu_config.ko[.xz]
#   /usr/include/misc/srcu_config.h
#   /usr/local/bin/srcu-config
#   /usr/local/lib/libsrcu-config.so.1.0.0, .so.1, .so, .a
#   /usr/local/lib/pkgconfig/libsrcu-config.pc
#   /usr/local/include/srcu-config.h
#   /usr/local/share/man/man{1,3,4}/: srcu-config.1, libsrcu-config.3,
#                                     srcu_config.4
# and runs depmod when the module went to the running system's root.

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

die() { echo "install: $*" >&2; exit 1; }
log() { echo "install: $*"; }

# Same defaults as the Makefile.
if [ -z "${KVER:-}" ] && [ -r "$SRCU_CONFIG_ENV" ]; then
	# shellcheck disable=SC1090
	. "$SRCU_CONFIG_ENV"
	KVER=${KVER_612:-}
fi
KVER=${KVER:-}
KDIR=${KDIR:-/usr/src/linux-headers-$KVER}
BUILD=${BUILD:-$root/build}
DESTDIR=${DESTDIR:-}
INSTALL_MOD_PATH=${INSTALL_MOD_PATH-$DESTDIR}
module_build=$BUILD/module/$(basename "$KDIR")
tool=$BUILD/tools/srcu-config
lib=$BUILD/tools/lib
man=$BUILD/man

[ -d "$KDIR" ] || die "no kernel build tree at '$KDIR': pass KVER= or KDIR=, or run 'make setup'"
[ -r "$module_build/srcu_config.ko" ] ||
	die "$module_build/srcu_config.ko missing: run 'make module' for this kernel first"
[ -x "$tool" ] || die "$tool missing: run 'make tool' first"
for f in libsrcu-config.so.1.0.0 libsrcu-config.a libsrcu-config.pc; do
	[ -r "$lib/$f" ] || die "$lib/$f missing: run 'make tool' first"
done
for f in srcu-config.1 libsrcu-config.3 srcu_config.4; do
	[ -r "$man/$f" ] || die "$man/$f missing: run 'make man' first"
done

# The release the kernel reports (uname -r), which names /lib/modules/:
# Debian's 6.1 headers have another string in include/config/kernel.release.
release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' \
	"$KDIR/include/generated/utsrelease.h" 2>/dev/null || true)
release=${release:-$KVER}
[ -n "$release" ] || die "cannot tell the kernel release of $KDIR"

real_root=
case ${INSTALL_MOD_PATH%/} in
'') real_root=1 ;;
esac
if [ -n "$real_root" ] || [ -z "$DESTDIR" ]; then
	[ "$(id -u)" -eq 0 ] || die "installing into / needs root (or set DESTDIR=)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Only srcu_config.ko, whatever else a KUnit-enabled build may have put in
# the build directory. kbuild reads the list of modules to install from
# MODORDER.
grep -E '(^|/)srcu_config\.(o|ko)$' "$module_build/modules.order" >"$tmp/modules.order" ||
	die "srcu_config is not in $module_build/modules.order: rebuild with 'make module'"

kbuild_args=(-C "$KDIR" M="$module_build"
	     MODORDER="$tmp/modules.order" INSTALL_MOD_PATH="$INSTALL_MOD_PATH")

# modules_install signs modules when the kernel has CONFIG_MODULE_SIG_ALL,
# with the key of its build tree; distribution headers ship no key.
sig_key=$(sed -n 's/^CONFIG_MODULE_SIG_KEY="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' \
	"$KDIR/include/config/auto.conf" 2>/dev/null || true)
if [ -n "$sig_key" ] && [ "${sig_key#pkcs11:}" = "$sig_key" ]; then
	case $sig_key in
	/*) ;;
	*) sig_key=$KDIR/$sig_key ;;
	esac
	if [ ! -r "$sig_key" ]; then
		log "not signing the module: no signing key in $KDIR (load it unsigned, or sign it with your own key)"
		kbuild_args+=(CONFIG_MODULE_SIG_ALL=)
	fi
fi

log "module for $release into ${INSTALL_MOD_PATH:-/}"
make --no-print-directory "${kbuild_args[@]}" modules_install

install -D -m 0755 "$tool" "$DESTDIR/usr/local/bin/srcu-config"
log "tool: $DESTDIR/usr/local/bin/srcu-config"

libdir=$DESTDIR/usr/local/lib
make --no-print-directory -C "$root/tools" OUTPUT="$BUILD/tools" PREFIX=/usr/local \
	DESTDIR="$DESTDIR" install-lib
log "library: $libdir/libsrcu-config.so.1 (and .a, pkgconfig), $DESTDIR/usr/local/include/srcu-config.h, $DESTDIR/usr/include/misc/srcu_config.h"
for page in srcu-config.1 libsrcu-config.3 srcu_config.4; do
	install -D -m 0644 "$man/$page" "$DESTDIR/usr/local/share/man/man${page##*.}/$page"
done
log "man pages: $DESTDIR/usr/local/share/man/man{1,3,4}/"

# kbuild's own depmod step needs System.map, which headers packages lack.
if [ -n "$real_root" ]; then
	depmod -a "$release"
	ldconfig
	log "depmod -a $release: 'modprobe srcu_config' loads it when $release runs"
else
	log "not running depmod for a staging root; run 'depmod -a $release' once installed"
fi
