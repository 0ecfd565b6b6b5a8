#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel the reliability layers boot: kunit/.kunitconfig
# (KASAN, lockdep, PROVE_RCU, debug objects, the KUnit suites) plus
# scripts/debug-kernel.config (kmemleak, hung-task and soft-lockup
# detectors, failslab and fail-nth), with the kernel's own kunit.py, from
# the cached linux-source-6.12 into $SRCU_CONFIG_CACHE/debug-build, or,
# with the argument 7.3 (or 6.1), from linux-source-7.3 into
# debug-build-7.3: the KUnit suites run on each, the reliability layers
# on 6.12's and 7.3's ($SRCU_CONFIG_DEBUG_SERIES in lib.sh). 6.1's
# has kunit/.kunitconfig alone: 6.1 has no fault-injection stack-trace
# filter on x86_64, which the module init faults need.
#
# With 7.3-kcsan, the KCSAN kernel of scripts/kcsan.sh: 7.3's source and
# both fragments with scripts/debug-kernel-kcsan.config on top, whose
# settings replace theirs (KCSAN on, KASAN off: they exclude each
# other), into debug-build-7.3-kcsan.
#
# 7.3's build needs a newer gcc and glibc than Debian 12 has: it runs in
# the Debian 13 chroot $SRCU_CONFIG_KBUILD_ROOT (made by setup.sh), with
# the cache bind-mounted at /srv/xfer, so that the source and the build
# directory are the same files inside and out. The image boots on the host.
#
# Idempotent and incremental: the tree is placed in the kernel source as
# drivers/misc/srcu_config, copying only files whose content changed (so
# unchanged files do not rebuild), and when
# nothing that goes into the kernel changed since the last successful
# build, nothing runs at all. Prints the image's path on success.
#
# The KUnit suites are built in; boot with kunit.enable=0 so they do not
# run there. Modules for this kernel: make module KDIR=<build dir>.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

srcu_config_debug_kernel "${1:-}"
build_root=$(srcu_config_build_root "$series")
log_dir=${BUILD:-$root/build}/logs
log=$log_dir/debug-kernel-$series.log
fragments=("$root/kunit/.kunitconfig")
[ "$series" = 6.1 ] || fragments+=("$here/debug-kernel.config")
override=
case $series in
*-kcsan) override=$here/debug-kernel-kcsan.config ;;
esac
[ -z "$override" ] || fragments+=("$override")
image=$build_dir/arch/x86/boot/bzImage
stamp=$build_dir/.srcu-config-inputs
mkdir -p "$log_dir"

[ -x "$ksrc/tools/testing/kunit/kunit.py" ] || {
	echo "debug-kernel: $ksrc is not a kernel source tree; run scripts/setup.sh" >&2
	exit 1
}
# One run per source tree at a time: make check's debug lane asks for a
# kernel from kunit.sh and reliability.sh at once, and 7.3 and
# 7.3-kcsan share a tree. The second waits, then finds nothing to build.
exec {lock}>"$ksrc.srcu-config-lock" && flock "$lock" || {
	echo "debug-kernel: cannot lock $ksrc.srcu-config-lock" >&2
	exit 1
}

# --- place the tree (as scripts/kunit.sh does) ------------------------------
dest=$ksrc/drivers/misc/srcu_config
mkdir -p "$dest"
# By content, and a changed file gets the time of the copy: a file the
# clone holds with an older time than its object (edited while an older
# copy was being built) must still rebuild.
(cd "$root" && rsync -rlpc --delete Kbuild Kconfig core module kunit "$dest/")
grep -qx 'obj-y += srcu_config/' "$ksrc/drivers/misc/Makefile" ||
	echo 'obj-y += srcu_config/' >>"$ksrc/drivers/misc/Makefile"
grep -qx 'source "drivers/misc/srcu_config/Kconfig"' "$ksrc/drivers/misc/Kconfig" ||
	echo 'source "drivers/misc/srcu_config/Kconfig"' >>"$ksrc/drivers/misc/Kconfig"

# --- anything to do? -----------------------------------------------------------
inputs=$( {
	cat "$ksrc/.srcu-config-version" 2>/dev/null || true
	cat "${fragments[@]}"
	(cd "$dest" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha1sum)
} | sha1sum | cut -d' ' -f1)
if [ -s "$image" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
	echo "$image"
	exit 0
fi

# --- build ---------------------------------------------------------------------
echo "debug-kernel: building in $build_dir (log: $log); the first build takes a while" >&2
start=$(date +%s)
rm -f "$stamp"
kbuild() {
	local src=$1 out=$2
	shift 2
	(cd "$src" && python3 tools/testing/kunit/kunit.py build \
		--arch=x86_64 --build_dir="$out" "$@" --jobs="$(nproc)")
}
# The fragments as kunit.py gets them, next to the build dir (where the
# chroot sees them too): kunit.py refuses an option set twice, so those
# the override sets are taken out of the others.
frag_dir=$build_dir.fragments
rm -rf "$frag_dir"
mkdir -p "$frag_dir"
overridden=
[ -z "$override" ] ||
	overridden="^(# )?($(sed -n -E 's/^(# )?(CONFIG_[A-Za-z0-9_]+)(=.*| is not set)$/\2/p' \
		"$override" | paste -sd'|'))(=| is not set)"
frags=()
for f in "${fragments[@]}"; do
	if [ -z "$overridden" ] || [ "$f" = "$override" ]; then
		cp "$f" "$frag_dir/$(basename "$f")"
	else
		grep -v -E "$overridden" "$f" >"$frag_dir/$(basename "$f")"
	fi
	frags+=("$frag_dir/$(basename "$f")")
done
if [ -z "$build_root" ]; then
	build_cmd=(kbuild "$ksrc" "$build_dir" "${frags[@]/#/--kunitconfig=}")
else
	[ -x "$build_root/usr/bin/gcc" ] || {
		echo "debug-kernel: no build chroot $build_root; run scripts/setup.sh" >&2
		exit 1
	}
	[ "$(id -u)" -eq 0 ] || {
		echo "debug-kernel: building $series needs root (chroot $build_root)" >&2
		exit 1
	}
	in_root=()
	for f in "${frags[@]}"; do
		in_root+=("--kunitconfig=/srv/xfer/${f#"$SRCU_CONFIG_CACHE"/}")
	done
	build_cmd=(srcu_config_in_root "$build_root" "$SRCU_CONFIG_CACHE"
		/bin/sh -c 'cd "$1" && shift && exec python3 tools/testing/kunit/kunit.py build "$@"'
		sh "/srv/xfer/${ksrc#"$SRCU_CONFIG_CACHE"/}"
		--arch=x86_64 --build_dir="/srv/xfer/${build_dir#"$SRCU_CONFIG_CACHE"/}"
		"${in_root[@]}" --jobs="$(nproc)")
fi
if ! "${build_cmd[@]}" >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "debug-kernel: build failed (log: $log)" >&2
	exit 1
fi
[ -s "$image" ] || { echo "debug-kernel: no $image after the build" >&2; exit 1; }
echo "$inputs" >"$stamp"
echo "debug-kernel: built in $(($(date +%s) - start)) s" >&2
echo "$image"
