#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything srcu-config needs on Debian 12, idempotently, as root:
# toolchain, headers of Debian's 6.12 and 6.1 kernels, their images
# (extracted into the cache, not installed), linux-source-6.12 and -6.1
# unpacked into the cache for kunit.py, QEMU and busybox, and what
# 'make deb' and the packages layer need (debhelper, dh-dkms, lintian,
# mmdebstrap; the chroots themselves are made by scripts/packages-check.sh).
# Also a Debian 13 chroot with the kernel's build dependencies, which builds
# the 7.3 debug kernel (Debian 12's gcc and glibc are too old for it), and
# linux-source-7.3 from trixie-backports, installed there and unpacked into
# the cache like the others.
#
# Versions are resolved from Debian's meta packages at run time. A second
# run with everything present does no network access and takes seconds.

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

log() { printf 'setup: %s\n' "$*"; }

packages=(
	build-essential g++ make bc bison flex cpio kmod xz-utils rsync
	libelf-dev libssl-dev libdw-dev dwarves python3
	gcc-multilib g++-multilib libgtest-dev cmake
	python3-matplotlib dkms
	python3-docutils man-db groff-base
	debhelper dh-dkms lintian mmdebstrap
	qemu-system-x86 busybox-static
	linux-headers-6.12-amd64 linux-headers-amd64
	linux-source-6.12 linux-source-6.1
)

if [ "$(id -u)" -ne 0 ]; then
	echo "setup: must run as root (apt-get install)" >&2
	exit 1
fi

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	log "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The concrete package a Debian meta package points at, e.g.
# linux-headers-6.12-amd64 -> linux-headers-6.12.117+deb12-amd64.
resolve() {
	dpkg-query -W -f='${Depends}\n' "$1" | tr ',' '\n' |
		sed -n 's/^ *\(linux-headers-[^ ]*\).*/\1/p' | head -n1
}

kver_612=$(resolve linux-headers-6.12-amd64)
kver_612=${kver_612#linux-headers-}
kver_61=$(resolve linux-headers-amd64)
kver_61=${kver_61#linux-headers-}

# The image that matches the installed headers, unpacked from its .deb.
fetch_image() {
	local kver=$1 dir
	dir=$(srcu_config_image_dir "$kver")
	[ -s "$dir/vmlinuz" ] && return 0
	log "extracting linux-image-$kver"
	local tmp
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -qq "linux-image-$kver" >/dev/null 2>&1) ||
		(cd "$tmp" && apt-get download -qq "linux-image-$kver-unsigned")
	mkdir -p "$tmp/x"
	dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/x"
	mkdir -p "$dir"
	cp "$tmp/x/boot/vmlinuz-$kver" "$dir/vmlinuz.tmp"
	cp "$tmp/x/boot/config-$kver" "$dir/config"
	mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
	rm -rf "$tmp"
}

mkdir -p "$SRCU_CONFIG_CACHE/kernels"
fetch_image "$kver_612"
fetch_image "$kver_61"

# linux-source-<series>, unpacked once per package version.
unpack_source() {
	local series=$1 ksrc version tarball
	ksrc=$(srcu_config_ksrc "$series")
	version=$(dpkg-query -W -f='${Version}' "linux-source-$series")
	if [ "$(cat "$ksrc/.srcu-config-version" 2>/dev/null)" != "$version" ]; then
		log "unpacking linux-source-$series $version"
		tarball=$(ls /usr/src/linux-source-$series.tar.* | head -n1)
		rm -rf "$ksrc.tmp"
		mkdir -p "$ksrc.tmp"
		tar -xf "$tarball" -C "$ksrc.tmp" --strip-components=1
		echo "$version" >"$ksrc.tmp/.srcu-config-version"
		rm -rf "$ksrc"
		mv "$ksrc.tmp" "$ksrc"
	fi
}
unpack_source 6.12
unpack_source 6.1

# The kernel build chroot (Debian 13), created only when missing, through a
# .tmp directory so that a failed or interrupted mmdebstrap leaves nothing
# that looks complete.
kroot=$SRCU_CONFIG_KBUILD_ROOT
kroot_log=$SRCU_CONFIG_CACHE/chroots/trixie-kbuild.log
if [ ! -x "$kroot/usr/bin/gcc" ] || [ ! -x "$kroot/usr/bin/python3" ]; then
	mirror=${SRCU_CONFIG_MIRROR:-$(srcu_config_host_uri debian)}
	mirror=${mirror:-http://deb.debian.org/debian}
	log "creating the kernel build chroot $kroot (mmdebstrap, $mirror)"
	mkdir -p "$(dirname "$kroot")"
	rm -rf "$kroot.tmp"
	if ! mmdebstrap --variant=buildd --mode=root \
		--include=bc,bison,flex,libelf-dev,libssl-dev,python3,cpio,rsync,kmod,dwarves,xz-utils,ca-certificates \
		trixie "$kroot.tmp" \
		"deb $mirror trixie main" "deb $mirror trixie-backports main" \
		>"$kroot_log" 2>&1; then
		tail -n 20 "$kroot_log" >&2
		rm -rf "$kroot.tmp"
		echo "setup: mmdebstrap of the kernel build chroot failed (log: $kroot_log)" >&2
		exit 1
	fi
	rm -rf "$kroot"
	mv "$kroot.tmp" "$kroot"
fi

# linux-source-7.3 in that chroot (trixie-backports), then unpacked into
# the cache by unpack_source's rule: once per package version.
in_kroot() { srcu_config_in_root "$kroot" "$SRCU_CONFIG_CACHE" "$@"; }
if ! in_kroot dpkg-query -W -f='${Status}' linux-source-7.3 2>/dev/null |
	grep -qx 'install ok installed'; then
	log "installing linux-source-7.3 (trixie-backports) in $kroot"
	if ! in_kroot sh -c 'apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends -t trixie-backports linux-source-7.3' \
		>>"$kroot_log" 2>&1; then
		tail -n 20 "$kroot_log" >&2
		echo "setup: installing linux-source-7.3 in $kroot failed (log: $kroot_log)" >&2
		exit 1
	fi
fi
ksrc_73=$(srcu_config_ksrc 7.3)
version_73=$(in_kroot dpkg-query -W -f='${Version}' linux-source-7.3) || {
	echo "setup: no linux-source-7.3 version in $kroot" >&2
	exit 1
}
if [ "$(cat "$ksrc_73/.srcu-config-version" 2>/dev/null)" != "$version_73" ]; then
	log "unpacking linux-source-7.3 $version_73"
	tarball=$(ls "$kroot"/usr/src/linux-source-7.3.tar.* | head -n1)
	rm -rf "$ksrc_73.tmp"
	mkdir -p "$ksrc_73.tmp"
	tar -xf "$tarball" -C "$ksrc_73.tmp" --strip-components=1
	echo "$version_73" >"$ksrc_73.tmp/.srcu-config-version"
	rm -rf "$ksrc_73"
	mv "$ksrc_73.tmp" "$ksrc_73"
fi
src_version=$(dpkg-query -W -f='${Version}' linux-source-6.12)

cat >"$SRCU_CONFIG_ENV.tmp" <<ENV
KVER_612=$kver_612
KVER_61=$kver_61
KSRC_VERSION=$src_version
ENV
mv "$SRCU_CONFIG_ENV.tmp" "$SRCU_CONFIG_ENV"
log "ready: 6.12=$kver_612 6.1=$kver_61 source=$src_version 7.3-source=$version_73 cache=$SRCU_CONFIG_CACHE"
