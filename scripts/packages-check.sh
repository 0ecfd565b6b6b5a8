#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The packages layer: our .deb packages where users install them. For each
# Debian release in the table below, in a clean chroot of that release
# (mmdebstrap --variant=buildd, with its own compiler and kernel headers):
# install every package of make deb with dpkg, let DKMS build the module
# for every kernel of the table in that release, run the packaged tool,
# build the examples against the installed srcu_cxx and a client against
# the installed library, purge them all and check that nothing is left.
# Then boot Debian's own image of each kernel under QEMU with the
# DKMS-built module and run the selftests (scripts/qemu-run.sh --mode
# tests: insmod, every selftest, rmmod, no splat, no taint but O/E).
#
# Cached in $SRCU_CONFIG_CACHE (outside the clone), created only when
# missing: chroots/<release>/ (the chroot, with the kernel headers),
# chroots/<release>.state/ (its sources and the kernel each meta package
# resolved to) and kernels/<release>/vmlinuz (the image, as setup.sh
# keeps it). Each run installs the packages into a throw-away overlay of
# the cached chroot, so DKMS really builds the module from this tree's
# sources every time and the cache never sees the packages. Delete
# chroots/<release>* to follow a newer kernel of a meta package.
#
#   packages-check.sh [NAME...]   only these lines of the table
#   packages-check.sh --prepare NAME...
#                                 only make sure the chroot and the named
#                                 kernels' headers and images are cached
#                                 (for make bench); no test runs. Writes
#                                 prepare-NAME.result (kernel=<release>)
#                                 in the layer's logs
#
# Runs as root. One result line per kernel, "pkg-<name>: N passed, N
# failed, N skipped", and last "packages: N passed, N failed, N skipped";
# the exit status is non-zero on any failure.

set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

# One line per kernel series:
#   name     result line pkg-<name>
#   release  the Debian release whose chroot builds it
#   suite    where its packages come from: the release itself (with its
#            updates and security suites) or another suite (apt-get -t)
#   headers  the headers meta package; the kernel release is what it
#            depends on (linux-headers-<kver>)
#   image    package(s) holding boot/vmlinuz-<kver>, first found wins
#            ({kver} is replaced; 7.x ships the image in linux-binary-*)
kernel_table='
deb12-6.1   bookworm  bookworm          linux-headers-amd64       linux-image-{kver}-unsigned|linux-image-{kver}
deb12-6.12  bookworm  bookworm          linux-headers-6.12-amd64  linux-image-{kver}-unsigned|linux-image-{kver}
deb13-6.12  trixie    trixie            linux-headers-amd64       linux-image-{kver}-unsigned|linux-image-{kver}
deb13-7.3   trixie    trixie-backports  linux-headers-amd64       linux-binary-{kver}|linux-image-{kver}-unsigned
deb13-rt    trixie    trixie            linux-headers-rt-amd64    linux-image-{kver}-unsigned|linux-image-{kver}
'

pass=0 fail=0 skip=0
summary() { srcu_config_summary packages; }
die() {
	echo "packages-check: $*" >&2
	fail=$((fail + 1))
	summary
	exit 1
}
# Show a log, indented as a KTAP diagnostic.
show() { tail -n "${2:-40}" "$1" | sed 's/^/#   /'; }

[ "$(id -u)" -eq 0 ] || die "must run as root (chroot, mount)"
for tool in mmdebstrap unshare qemu-system-x86_64 dpkg-buildpackage; do
	command -v "$tool" >/dev/null || die "$tool is not installed: run 'make setup'"
done
srcu_config_load_env || die "no kernels.env: run 'make setup'"

build=${BUILD:-$root/build}
export BUILD=$build
logs=$build/logs/packages
mkdir -p "$logs"
chroots=$SRCU_CONFIG_CACHE/chroots
mkdir -p "$chroots" "$SRCU_CONFIG_CACHE/kernels"
tmp=$(mktemp -d /tmp/srcu-config-packages.XXXXXX) || die "mktemp failed"
# Interrupted, it ends its VMs too.
trap 'srcu_config_end_descendants; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The host's Debian mirror (lib.sh), for the other suites too;
# SRCU_CONFIG_MIRROR and SRCU_CONFIG_SECURITY_MIRROR override.
mirror=${SRCU_CONFIG_MIRROR:-$(srcu_config_host_uri debian)}
security=${SRCU_CONFIG_SECURITY_MIRROR:-$(srcu_config_host_uri debian-security)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${security:-http://deb.debian.org/debian-security}

prepare=0
if [ "${1:-}" = --prepare ]; then
	prepare=1
	shift
	[ $# -gt 0 ] || die "--prepare needs the names of the kernels"
fi

# --- the table --------------------------------------------------------------
names=()
declare -A k_release k_suite k_headers k_image k_kver k_ko
while read -r name release suite headers image; do
	[ -n "$name" ] || continue
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qxF "$name"; then
		continue
	fi
	names+=("$name")
	k_release[$name]=$release k_suite[$name]=$suite
	k_headers[$name]=$headers k_image[$name]=$image
done <<<"$kernel_table"
[ ${#names[@]} -gt 0 ] || die "no such kernel in the table: $*"
releases=$(for n in "${names[@]}"; do echo "${k_release[$n]}"; done | awk '!seen[$0]++')

# The chroot's sources: the release, its updates and security suites, and
# every other suite a kernel of the table comes from.
sources_of() {
	local release=$1 n
	echo "deb $mirror $release main"
	echo "deb $mirror $release-updates main"
	echo "deb $security $release-security main"
	for n in "${names[@]}"; do
		[ "${k_release[$n]}" = "$release" ] || continue
		case ${k_suite[$n]} in
		"$release" | "$release-updates" | "$release-security") ;;
		*) echo "deb $mirror ${k_suite[$n]} main" ;;
		esac
	done | awk '!seen[$0]++'
}

# Create the chroot of a release if missing, and bring its sources and
# package lists up to date when the table asks for other suites.
ensure_chroot() {
	local release=$1 dir=$chroots/$1 state=$chroots/$1.state log=$logs/chroot-$1.log
	sources_of "$release" >"$tmp/sources-$release"
	if [ ! -x "$dir/usr/bin/dpkg" ]; then
		echo "# creating the $release chroot (mmdebstrap --variant=buildd)"
		rm -rf "$dir.tmp" "$state"
		local srcs=()
		mapfile -t srcs <"$tmp/sources-$release"
		if ! mmdebstrap --variant=buildd --mode=root \
			--include=dkms,kmod,xz-utils,openssl,pkgconf \
			"$release" "$dir.tmp" "${srcs[@]}" >"$log" 2>&1; then
			show "$log"
			rm -rf "$dir.tmp"
			return 1
		fi
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
	fi
	mkdir -p "$state"
	if ! cmp -s "$tmp/sources-$release" "$state/sources" ||
	   ! compgen -G "$dir/var/lib/apt/lists/*_Packages*" >/dev/null; then
		echo "# updating the $release chroot's package lists"
		rm -f "$dir/etc/apt/sources.list.d/"*
		cp "$tmp/sources-$release" "$dir/etc/apt/sources.list"
		# Keep the lists: resolving meta packages needs them.
		rm -f "$dir/etc/apt/apt.conf.d/"*mmdebstrap*
		srcu_config_in_root "$dir" "$tmp" apt-get update -qq >>"$log" 2>&1 || { show "$log"; return 1; }
		cp "$tmp/sources-$release" "$state/sources"
		rm -f "$state"/*.kver
	fi
	# pkg-config builds the library's client (a chroot made before it
	# was in --include gets it once).
	if [ ! -x "$dir/usr/bin/pkg-config" ]; then
		echo "# installing pkgconf in the $release chroot"
		srcu_config_in_root "$dir" "$tmp" apt-get install -y -qq pkgconf >>"$log" 2>&1 ||
			{ show "$log"; return 1; }
	fi
}

# apt's -t for a kernel from a suite other than its release's own (with
# -t bookworm, bookworm-security's newer kernel would lose to bookworm's):
# sets the array targ.
set_target() {
	targ=()
	[ "${k_suite[$1]}" = "${k_release[$1]}" ] || targ=(-t "${k_suite[$1]}")
}

# The kernel release a headers meta package stands for, resolved once.
resolve_kver() {
	local name=$1 dir=$chroots/${k_release[$1]} state=$chroots/${k_release[$1]}.state kver
	if [ -s "$state/$name.kver" ]; then
		cat "$state/$name.kver"
		return
	fi
	set_target "$name"
	kver=$(srcu_config_in_root "$dir" "$tmp" apt-cache "${targ[@]}" depends "${k_headers[$name]}" |
		sed -n 's/^ *Depends: linux-headers-\([0-9][^ ]*\)$/\1/p' | head -n1)
	[ -n "$kver" ] || return 1
	echo "$kver" >"$state/$name.kver"
	echo "$kver"
}

# Headers in the cached chroot, image in the cache: fetched once.
ensure_kernel() {
	local name=$1 kver=$2 dir=$chroots/${k_release[$1]} log=$logs/kernel-$1.log
	local img
	img=$(srcu_config_image_dir "$kver")
	set_target "$name"
	if [ "$(srcu_config_in_root "$dir" "$tmp" dpkg-query -W -f='${Status}' "linux-headers-$kver" 2>/dev/null)" != \
	     "install ok installed" ]; then
		echo "# installing linux-headers-$kver in the ${k_release[$name]} chroot"
		# An interrupted earlier run may have left packages unconfigured.
		{ srcu_config_in_root "$dir" "$tmp" dpkg --configure -a &&
		  srcu_config_in_root "$dir" "$tmp" apt-get install -y -qq --no-install-recommends \
			"${targ[@]}" "linux-headers-$kver"; } >"$log" 2>&1 ||
			{ show "$log"; return 1; }
		srcu_config_in_root "$dir" "$tmp" apt-get clean >/dev/null 2>&1
	fi
	[ -s "$img/vmlinuz" ] && return 0
	local dl=$tmp/dl-$name pkg candidate
	mkdir -p "$dl"
	for candidate in ${k_image[$name]//|/ }; do
		pkg=${candidate//\{kver\}/$kver}
		echo "# downloading $pkg"
		srcu_config_in_root "$dir" "$dl" sh -c 'cd /srv/xfer && exec apt-get download -qq "$@"' \
			sh "${targ[@]}" "$pkg" >>"$log" 2>&1 && break
		pkg=
	done
	[ -n "$pkg" ] || { show "$log"; return 1; }
	mkdir -p "$dl/x" "$img"
	dpkg-deb -x "$dl"/*.deb "$dl/x" >>"$log" 2>&1 || { show "$log"; return 1; }
	# 6.x: /boot/vmlinuz-<kver>; 7.x: /usr/lib/modules/<kver>/vmlinuz.
	local f vmlinuz=
	for f in "$dl/x/boot/vmlinuz-$kver" "$dl/x/usr/lib/modules/$kver/vmlinuz"; do
		[ -s "$f" ] && vmlinuz=$f && break
	done
	[ -n "$vmlinuz" ] || { echo "# no vmlinuz of $kver in $pkg"; return 1; }
	for f in "$dl/x/boot/config-$kver" "$dl/x/usr/lib/modules/$kver/config"; do
		[ -s "$f" ] && cp "$f" "$img/config" && break
	done
	cp "$vmlinuz" "$img/vmlinuz.tmp" && mv "$img/vmlinuz.tmp" "$img/vmlinuz"
	rm -rf "$dl"
}

# In a throw-away overlay of the release's chroot: install our packages,
# collect what DKMS built for each kernel, run the tool, purge. Writes
# $out/<kver>.ko and prints ok/not ok lines; returns non-zero on failure.
test_release() {
	local release=$1 out=$2
	shift 2
	local kvers=("$@") ov=$tmp/overlay-$release log=$logs/install-$release.log
	mkdir -p "$ov"/{upper,work,merged} "$out"
	cp "$build"/deb/*.deb "$out/" && rm -f "$out"/*-dbgsym_*.deb || return 1
	# The examples, to build against the installed srcu_cxx, and a
	# client of the installed library.
	cp -r "$root/examples" "$out/examples" || return 1
	cat >"$out/client.c" <<'EOF'
#include <stdio.h>
#include <srcu-config.h>

/* The library's checksum of "abc", and its UAPI header's device name. */
int main(void)
{
	printf("%s %08x\n", SRCU_CONFIG_DEVICE,
	       (unsigned int)srcu_config_checksum("abc", 3));
	return 0;
}
EOF
	cat >"$out/run.sh" <<'EOF'
set -u
cd /srv/xfer
rc=0
echo "@@ dpkg -i"
dpkg -i srcu-config-dkms_*.deb srcu-config_*_amd64.deb libsrcu-config1_*.deb \
	libsrcu-config-dev_*.deb srcu-cxx-dev_*.deb || rc=1
echo "@@ dpkg -i rc=$rc"
dkms status srcu-config
for kver in "$@"; do
	ko=$(ls /lib/modules/"$kver"/updates/dkms/srcu_config.ko* 2>/dev/null | head -n1)
	if [ -z "$ko" ]; then
		echo "@@ module $kver missing"
		cat /var/lib/dkms/srcu-config/*/build/make.log 2>/dev/null | tail -n 60
		continue
	fi
	case $ko in
	*.xz) xz -dc "$ko" >"$kver.ko" ;;
	*.zst) zstd -qdc "$ko" >"$kver.ko" ;;
	*.gz) gzip -dc "$ko" >"$kver.ko" ;;
	*) cp "$ko" "$kver.ko" ;;
	esac
	echo "@@ module $kver $(modinfo -F vermagic "$kver.ko" | cut -d' ' -f1) $ko"
done
if srcu-config --help >tool.out 2>&1 && grep -q '^usage: srcu-config' tool.out; then
	echo "@@ tool ok"
else
	echo "@@ tool failed"; cat tool.out
fi
# Each example, its Kbuild's include line pointing at the installed
# srcu_cxx (what Documentation/install.rst tells a module author to
# write), built W=1 for every kernel: no warning. The modules come back
# in examples-<kver>/, for that kernel's VM to run the examples' tests.
for k in "$@"; do
	for e in examples/*/; do
		e=$(basename "$e")
		d=/tmp/ex/$k/$e
		if mkdir -p "$d" "examples-$k/examples/$e" && cp examples/"$e"/* "$d/" &&
		   sed -i 's|^include .*srcu_cxx\.mk$|include /usr/src/srcu_cxx/srcu_cxx.mk|' "$d/Kbuild" &&
		   grep -q '^include /usr/src/srcu_cxx/srcu_cxx.mk$' "$d/Kbuild" &&
		   make -C "/usr/src/linux-headers-$k" M="$d" W=1 modules >"example-$e-$k.log" 2>&1 &&
		   ! grep -q 'warning:' "example-$e-$k.log" && cp "$d"/*.ko "examples-$k/examples/$e/"; then
			echo "@@ example $e $k ok"
		else
			echo "@@ example $e $k failed"; tail -n 30 "example-$e-$k.log"
		fi
	done
done
if cc -o client client.c $(pkg-config --cflags --libs libsrcu-config) >client.log 2>&1 &&
   ./client >client.out 2>>client.log &&
   [ "$(cat client.out)" = "/dev/srcu_config 1a47e90b" ]; then
	echo "@@ client ok"
else
	echo "@@ client failed"; cat client.log client.out 2>/dev/null
fi
dpkg --purge srcu-config srcu-config-dkms libsrcu-config-dev libsrcu-config1 srcu-cxx-dev || rc=1
left=$(ls -d /usr/src/srcu-config-* /usr/src/srcu_cxx /var/lib/dkms/srcu-config \
	/lib/modules/*/updates/dkms/srcu_config.ko* /usr/lib/*/libsrcu-config* \
	/usr/include/srcu-config.h 2>/dev/null)
if [ -z "$left" ]; then echo "@@ purge ok"; else echo "@@ purge left: $left"; fi
echo "@@ rc $rc"
EOF
	srcu_config_in_root --overlay "$ov" "$chroots/$release" "$out" /bin/sh /srv/xfer/run.sh "${kvers[@]}" >"$log" 2>&1
	local rc=$? bad=0 kver line
	rm -rf "$ov"
	if [ $rc -ne 0 ] || ! grep -q '^@@ rc 0$' "$log"; then
		not_ok "$release: dpkg -i of every package (log: $log)"
		show "$log" 60
		bad=1
	else
		ok "$release: dpkg -i of every package"
	fi
	for kver in "${kvers[@]}"; do
		line=$(grep "^@@ module $kver " "$log")
		if [ "$(echo "$line" | cut -d' ' -f4)" = "$kver" ] && [ -s "$out/$kver.ko" ]; then
			ok "$release: DKMS built srcu_config.ko for $kver"
		else
			not_ok "$release: DKMS built srcu_config.ko for $kver (${line:-no result})"
			[ $bad -eq 1 ] || show "$log" 60
			rm -f "$out/$kver.ko"
			bad=1
		fi
	done
	if grep -q '^@@ tool ok$' "$log"; then
		ok "$release: the packaged srcu-config runs"
	else
		not_ok "$release: the packaged srcu-config runs"
		bad=1
	fi
	for kver in "${kvers[@]}"; do
		for e in "$root"/examples/*/; do
			e=$(basename "$e")
			if grep -q "^@@ example $e $kver ok$" "$log"; then
				ok "$release: examples/$e builds for $kver against the installed srcu_cxx"
			else
				not_ok "$release: examples/$e builds for $kver against the installed srcu_cxx"
				bad=1
			fi
		done
		# Staged for the VM that boots $kver, which runs their tests.
		if [ -d "$out/examples-$kver" ] && ! srcu_config_stage_examples \
			"$out/examples-$kver" "$(srcu_config_examples_stage "$kver")"; then
			not_ok "$release: examples for $kver staged for its VM"
			bad=1
		fi
	done
	if grep -q '^@@ client ok$' "$log"; then
		ok "$release: a client built with pkg-config's libsrcu-config runs"
	else
		not_ok "$release: a client built with pkg-config's libsrcu-config runs"
		bad=1
	fi
	if grep -q '^@@ purge ok$' "$log"; then
		ok "$release: dpkg --purge removes the sources, the library and every built module"
	else
		not_ok "$release: dpkg --purge: $(grep '^@@ purge' "$log")"
		bad=1
	fi
	return $bad
}

# --- --prepare: the chroot, headers and images only ---------------------------
if [ $prepare -eq 1 ]; then
	bad=0
	for release in $releases; do
		ensure_chroot "$release" || { echo "# $release chroot failed"; bad=1; continue; }
		for name in "${names[@]}"; do
			[ "${k_release[$name]}" = "$release" ] || continue
			rm -f "$logs/prepare-$name.result"
			if ! kver=$(resolve_kver "$name"); then
				echo "# $name: ${k_headers[$name]} resolves to no kernel"
				bad=1
			elif ! ensure_kernel "$name" "$kver"; then
				echo "# $name: headers and image of $kver failed"
				bad=1
			else
				echo "# $name: $kver ready"
				echo "kernel=$kver" >"$logs/prepare-$name.result"
			fi
		done
	done
	exit $bad
fi

# --- run --------------------------------------------------------------------
t0=$SECONDS
echo "# packages: make deb, selftests, tool"
if make -C "$root" --no-print-directory deb >"$logs/deb.log" 2>&1; then
	ok "make deb (lintian: $(grep -c -E '^[EW]: ' "$logs/deb.log") tags)"
else
	not_ok "make deb"
	show "$logs/deb.log"
	summary
	exit 1
fi
make -C "$root" --no-print-directory selftests tool >"$logs/userspace.log" 2>&1 ||
	{ show "$logs/userspace.log"; die "make selftests tool failed"; }

# The selftests on every kernel, SRCU_CONFIG_VM_JOBS at a time (lib.sh),
# each release's as soon as DKMS has built its modules, beside the next
# release's install; reported in the table's order. The examples ride
# along on every kernel they were staged for (lib.sh's
# srcu_config_examples_stage): by test_release, built in the chroot
# against the installed srcu_cxx, or by make examples: k_examples.
declare -A k_examples
pkg_vm() {
	local name=$1 t=$SECONDS
	srcu_config_vm_tests "pkg-$name" \
		"$(srcu_config_image_dir "${k_kver[$name]}")/vmlinuz" "${k_ko[$name]}" \
		"$logs/vm-$name.log" "$logs/vm-$name.out" "${k_examples[$name]:-}"
	echo "$((SECONDS - t))" >"$tmp/vm-$name.seconds"
}
start_vms() {
	local name stage
	for name in "$@"; do
		[ -n "${k_ko[$name]:-}" ] || continue
		stage=$(srcu_config_examples_stage "${k_kver[$name]}")
		[ -d "$stage/examples" ] && k_examples[$name]=$stage
		rm -f "$logs/vm-$name.out" "$logs/vm-$name.log.result"
		srcu_config_vm_start pkg_vm "$name"
	done
}
t_vms=

for release in $releases; do
	echo "# packages: $release"
	t=$SECONDS
	kvers=() mine=()
	ready=1
	ensure_chroot "$release" || { not_ok "$release chroot"; ready=0; }
	for name in "${names[@]}"; do
		[ "${k_release[$name]}" = "$release" ] || continue
		mine+=("$name")
		[ $ready -eq 1 ] || continue
		if ! kver=$(resolve_kver "$name"); then
			not_ok "$name: ${k_headers[$name]} from ${k_suite[$name]} resolves to no kernel"
			continue
		fi
		if ensure_kernel "$name" "$kver"; then
			k_kver[$name]=$kver
			kvers+=("$kver")
		else
			not_ok "$name: headers and image of $kver"
		fi
	done
	echo "# $release: chroot, headers and images ready: $((SECONDS - t)) s"
	out=$tmp/out-$release
	if [ ${#kvers[@]} -gt 0 ]; then
		t=$SECONDS
		test_release "$release" "$out" "${kvers[@]}"
		echo "# $release: install, DKMS build for ${#kvers[@]} kernels, purge: $((SECONDS - t)) s"
	fi
	for name in "${mine[@]}"; do
		kver=${k_kver[$name]:-}
		[ -n "$kver" ] && [ -s "$out/$kver.ko" ] && k_ko[$name]=$out/$kver.ko
	done
	t_vms=${t_vms:-$SECONDS}
	start_vms "${mine[@]}"
done

srcu_config_vm_wait
echo "# packages: VMs, $SRCU_CONFIG_VM_JOBS at a time: $((SECONDS - t_vms)) s from the first"
for name in "${names[@]}"; do
	if [ -z "${k_ko[$name]:-}" ]; then
		echo "pkg-$name: 0 passed, 1 failed, 0 skipped"
		fail=$((fail + 1))
		continue
	fi
	vm=$logs/vm-$name.out
	echo "# pkg-$name: ${k_kver[$name]}"
	[ -n "${k_examples[$name]:-}" ] &&
		echo "# pkg-$name: with the examples of ${k_examples[$name]}"
	srcu_config_ktap_failures "$vm"
	grep -E '^pkg-' "$vm"
	echo "# pkg-$name: VM $(cat "$tmp/vm-$name.seconds" 2>/dev/null || echo ?) s"
	# The VM's counts, from its result file (qemu-run.sh).
	result=$logs/vm-$name.log.result
	p=$(srcu_config_result "$result" passed)
	f=$(srcu_config_result "$result" failed)
	s=$(srcu_config_result "$result" skipped)
	if [ -z "$p" ] || [ -z "$f" ] || [ -z "$s" ]; then
		not_ok "pkg-$name: no result from qemu-run.sh ($result)"
		continue
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done

echo "# packages: $((SECONDS - t0)) s in all"
summary
[ "$fail" -eq 0 ]
