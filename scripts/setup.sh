#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything srcu-config needs on Debian 12, idempotently, as root:
# toolchain, headers of Debian's 6.12 and 6.1 kernels, their images
# (extracted into the cache, not installed), linux-source-6.12 and -6.1
# unpacked into the cache for kunit.py, QEMU and busybox, and what
# 'make deb' and the packages layer need (debhelper, dh-dkms, lintian,
# mmdebstrap; the chroots themselves are made by scripts/packages-check.sh).
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
src_version=$(dpkg-query -W -f='${Version}' linux-source-6.12)

cat >"$SRCU_CONFIG_ENV.tmp" <<ENV
KVER_612=$kver_612
KVER_61=$kver_61
KSRC_VERSION=$src_version
ENV
mv "$SRCU_CONFIG_ENV.tmp" "$SRCU_CONFIG_ENV"
log "ready: 6.12=$kver_612 6.1=$kver_61 source=$src_version cache=$SRCU_CONFIG_CACHE"
