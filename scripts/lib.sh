# SPDX-License-Identifier: GPL-2.0
# Shared paths for the srcu-config scripts. Sourced, never run.
#
# Everything large (kernel images, the unpacked kernel source, the KUnit
# kernel build) lives in a cache outside the clone so that a second clone,
# or a second run, reuses it.

SRCU_CONFIG_CACHE=${SRCU_CONFIG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/srcu-config}
export SRCU_CONFIG_CACHE

# Written by setup.sh: KVER_612, KVER_61, KSRC_VERSION.
SRCU_CONFIG_ENV=$SRCU_CONFIG_CACHE/kernels.env

# A layer's results: one "ok - ..." or "not ok - ..." line per check,
# counted in the caller's pass, fail and skip (it sets them to 0), and its
# closing line "<layer>: N passed, N failed, N skipped", which check.sh
# tallies.
ok() { echo "ok - $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $*"; fail=$((fail + 1)); }
skipped() { echo "ok - $1 # SKIP $2"; skip=$((skip + 1)); }
srcu_config_summary() { echo "$1: $pass passed, $fail failed, $skip skipped"; }

# What a script's steps cost the host, as data: srcu_config_cost FILE NAME
# [MINUS] appends NAME.wall_s and NAME.cpu_s (user plus system time of
# this shell and of the children it has reaped, less MINUS seconds) since
# its previous call, or since srcu_config_cost_start FILE. `times` runs in this shell: in a
# command substitution it would count only the subshell's children.
srcu_config_times_s() {
	awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } }
		END { printf "%d\n", s }' "$1"
}
srcu_config_cost_start() {
	times >"$1.times" || return 1
	cost_wall=$SECONDS cost_cpu=$(srcu_config_times_s "$1.times")
	rm -f "$1.times"
}
srcu_config_cost() {
	local cpu
	times >"$1.times" || return 1
	cpu=$(srcu_config_times_s "$1.times")
	rm -f "$1.times"
	printf '%s.wall_s=%d\n%s.cpu_s=%d\n' "$2" $((SECONDS - cost_wall)) "$2" \
		$((cpu - cost_cpu - ${3:-0})) >>"$1"
	cost_wall=$SECONDS cost_cpu=$cpu
}

# A layer's verdict as data: KEY=VALUE lines in a .result file beside its
# log (qemu-run.sh's LOG.result, packages-check.sh's pkg-NAME.result),
# which other scripts read instead of its console or its source.
# srcu_config_result FILE KEY prints the value (empty if none).
srcu_config_result() { sed -n "s/^$2=//p" "$1" 2>/dev/null | tail -n1; }

srcu_config_load_env() {
	if [ ! -r "$SRCU_CONFIG_ENV" ]; then
		echo "srcu-config: $SRCU_CONFIG_ENV missing; run scripts/setup.sh" >&2
		return 1
	fi
	# shellcheck disable=SC1090
	. "$SRCU_CONFIG_ENV"
}

# Directory holding vmlinuz and config of a kernel release.
srcu_config_image_dir() {
	echo "$SRCU_CONFIG_CACHE/kernels/$1"
}

# The unpacked linux-source-<series> (6.12 unless asked for another).
srcu_config_ksrc() {
	echo "$SRCU_CONFIG_CACHE/linux-source-${1:-6.12}"
}

# The debug kernel's build directory of a series.
srcu_config_debug_build() {
	if [ "${1:-6.12}" = 6.12 ]; then
		echo "$SRCU_CONFIG_CACHE/debug-build"
	else
		echo "$SRCU_CONFIG_CACHE/debug-build-$1"
	fi
}

# What debug-kernel.sh and kunit.sh know of a debug kernel: series ($1,
# 6.12 unless given), ksrc (its source: 7.3-kcsan, the KCSAN kernel of
# scripts/kcsan.sh, is built from 7.3's) and build_dir.
# shellcheck disable=SC2034 # set for the caller
srcu_config_debug_kernel() {
	series=${1:-6.12}
	ksrc=$(srcu_config_ksrc "${series%-kcsan}")
	build_dir=$(srcu_config_debug_build "$series")
}

# Kernel source series with a debug kernel: every KUnit suite and the
# reliability layers run on each.
# 6.1 has none any more (its build cost more of make check's hour than its
# KUnit run found; see Documentation/testing.rst), but setup.sh still
# unpacks it, so that scripts/kunit.sh 6.1 works by hand.
SRCU_CONFIG_DEBUG_SERIES="6.12 7.3"

# The one Debian 13 chroot where everything for a kernel Debian 12's tools
# cannot build for runs (7.3's build needs a newer gcc and glibc): its
# debug kernel, and modules for it and for Debian's 7.3
# (srcu_config_kbuild). Made by setup.sh; kept apart from the packages
# layer's clean chroots/trixie, which only installs packages.
SRCU_CONFIG_KBUILD_ROOT=$SRCU_CONFIG_CACHE/chroots/trixie-kbuild

# The host's apt URI of an archive (debian, debian-security), for chroots
# made from the same mirror; empty when the host has none.
srcu_config_host_uri() {
	local want=$1
	cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n 's/^URIs: *//p' | tr ' ' '\n' | grep -E "/$want/?\$" | head -n1 && return
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) .*/\2/p' | grep -E "/$want/?\$" | head -n1
}

# The chroot a series' kernel is built in, or nothing for the host.
srcu_config_build_root() {
	case ${1:-6.12} in
	7.*) echo "$SRCU_CONFIG_KBUILD_ROOT" ;;
	esac
}

# What a console log must never contain. Lockdep and PROVE_RCU reports
# start with WARNING: or BUG:, as KASAN's and the stall detectors' do.
SRCU_CONFIG_SPLAT_RE='BUG:|WARNING:|KASAN:|Unpatched return thunk|kernel BUG|Oops:|general protection fault|Call Trace:|INFO: task .* blocked|soft lockup|self-detected stall|rcu: INFO:|UBSAN:'

# Whether console log LOG failed only by the emulator's known fault:
# Debian's kernels under TCG now and then take an int3 Oops in the
# kernel's own code right after a static key was patched (seen in
# sched_clock_cpu at boot, and in urandom_read_iter as the CRNG became
# ready), a breakpoint of text_poke_bp() that the guest had already
# removed. True only if the first splat is that Oops, it is the only
# one (#1, no #2), and nothing of the project (its modules, the torture,
# the examples) is on its stack.
SRCU_CONFIG_OWN_MODULES_RE='\[(srcu_config|srcu_config_torture|srcu_config_bench|srcu_route_table|srcu_session_table)\]|srcu_cxx|srcu_config_'
srcu_config_tcg_int3_only() {
	local log=$1 first
	first=$(grep -m1 -E "$SRCU_CONFIG_SPLAT_RE|int3: [0-9a-f]+ \[#" "$log") || return 1
	[[ $first =~ int3:\ [0-9a-f]+\ \[#1\] ]] || return 1
	! grep -q -E '\[#2\]' "$log" || return 1
	# The Oops, from its first line to the panic it causes (oops=panic).
	! sed -n '/int3: [0-9a-f]* \[#1\]/,/Kernel panic\|end trace/p' "$log" |
		grep -q -E "$SRCU_CONFIG_OWN_MODULES_RE"
}

# The failed tests of a KTAP stream (a VM's output), each with the
# diagnostics its test printed before it (at most 8, indented "#   "),
# so that a failure in a summary says why without the log.
srcu_config_ktap_failures() {
	awk '/^(ok|not ok) / {
		if ($1 == "not") {
			for (i = (n > 8 ? n - 8 : 0); i < n; i++)
				print "#   " d[i % 8]
			print
		}
		n = 0
		next
	}
	/^(TAP version|1\.\.|# Totals|# (PASSED|FAILED):)/ { n = 0; next }
	/^# / { d[n % 8] = $0; n++ }' "$@"
}

# Where build_examples in check.sh stages the examples built for Debian's
# kernel KVER (BUILD set), for qemu-run.sh --extra.
srcu_config_examples_stage() {
	echo "$BUILD/examples/linux-headers-$1/stage"
}

# Stage the examples built in $1 (make examples: build/examples/<kdir>)
# for qemu-run.sh --extra: each module under /examples, its test under
# /tests, where the VM runs it with the selftests.
srcu_config_stage_examples() {
	local ebuild=$1 stage=$2 root e
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	rm -rf "$stage"
	mkdir -p "$stage/examples" "$stage/tests" || return 1
	for e in "$root"/examples/*/; do
		e=$(basename "$e")
		cp "$ebuild/examples/$e"/*.ko "$stage/examples/" || return 1
		install -m 0755 "$root/examples/$e/test.sh" \
			"$stage/tests/example_$e.sh" || return 1
	done
}

# Run a command inside the chroot DIR, in a private mount namespace (the
# mounts vanish with it), with XFER bind-mounted at /srv/xfer; each
# leading "--bind SRC DST" also mounts SRC at DST. With a leading
# "--overlay OV" the command runs in a throw-away overlay of DIR (OV: an
# empty directory for its layers), so that what it installs or builds
# never reaches the cached chroot.
srcu_config_in_root() {
	local binds=() ov=
	while :; do
		case ${1:-} in
		--bind) binds+=("$2" "$3"); shift 3 ;;
		--overlay) ov=$2; shift 2 ;;
		*) break ;;
		esac
	done
	local dir=$1 xfer=$2
	shift 2
	if [ -n "$ov" ]; then
		mkdir -p "$ov"/upper "$ov"/work "$ov"/merged || return 1
	fi
	unshare --mount --propagation private -- /bin/sh -c '
		dir=$1 xfer=$2 ov=$3 n=$4; shift 4
		if [ -n "$ov" ]; then
			mount -t overlay overlay \
				-o "lowerdir=$dir,upperdir=$ov/upper,workdir=$ov/work" \
				"$ov/merged" || exit 1
			dir=$ov/merged
		fi
		mount --rbind /dev "$dir/dev" &&
		mount -t proc proc "$dir/proc" &&
		mount -t sysfs sysfs "$dir/sys" &&
		mkdir -p "$dir/srv/xfer" && mount --bind "$xfer" "$dir/srv/xfer" || exit 1
		while [ "$n" -gt 0 ]; do
			mkdir -p "$dir$2" && mount --bind "$1" "$dir$2" || exit 1
			shift 2; n=$((n - 1))
		done
		exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"' \
		sh "$dir" "$xfer" "$ov" $((${#binds[@]} / 2)) "${binds[@]}" "$@"
}

# Run "$@" where modules for kernel release (or series) KVER are built:
# on the host, or, for a kernel whose kbuild tools need Debian 13 (7.x),
# in the one build chroot $SRCU_CONFIG_KBUILD_ROOT, with the clone, BUILD
# and the cache bind-mounted at their own paths, so that the command and
# its paths are the same either way. The chroot's environment is empty:
# pass what make needs (BUILD=, SRCU_CONFIG_CACHE=) as arguments.
srcu_config_kbuild() {
	local kver=$1 broot lib_root
	shift
	broot=$(srcu_config_build_root "$kver")
	if [ -z "$broot" ]; then
		"$@"
		return
	fi
	lib_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	srcu_config_in_root --bind "$lib_root" "$lib_root" \
		--bind "${BUILD:-$lib_root/build}" "${BUILD:-$lib_root/build}" \
		--bind "$SRCU_CONFIG_CACHE" "$SRCU_CONFIG_CACHE" \
		"$broot" "$SRCU_CONFIG_CACHE" "$@"
}

# Debian's headers of release KVER (a kernel of the build chroot's suite)
# installed in the build chroot, once: /usr/src/linux-headers-KVER there.
srcu_config_kbuild_headers() {
	local kver=$1 broot
	broot=$(srcu_config_build_root "$kver")
	[ -n "$broot" ] || return 0
	srcu_config_in_root "$broot" "$SRCU_CONFIG_CACHE" \
		dpkg-query -W -f='${Status}' "linux-headers-$kver" 2>/dev/null |
		grep -qx 'install ok installed' && return 0
	srcu_config_in_root "$broot" "$SRCU_CONFIG_CACHE" sh -c '
		apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends "linux-headers-$1" &&
		apt-get clean' sh "$kver"
}


# What every VM's QEMU gets beyond its own options (qemu-run.sh, and
# kunit.sh through kunit.py): the PC machine without ACPI hotplug on its
# root PCI bus. No VM plugs a device, and the hotplug methods in the
# ACPI tables were about a third of an emulated debug kernel's boot
# (Documentation/testing.rst, "How long it takes").
# shellcheck disable=SC2034 # for the scripts that source this
SRCU_CONFIG_QEMU_MACHINE=(-global PIIX4_PM.acpi-root-pci-hotplug=off)

# How many test VMs run at once. A selftest VM spends most of its time
# asleep (grace periods, read hooks, poll timeouts): two of them on the
# two CPUs take 41 s where one takes 34 (Documentation/testing.rst,
# "How long it takes"). Tests bound their waits for failure detection,
# never for speed, so they hold either way; 1 runs them one by one.
SRCU_CONFIG_VM_JOBS=${SRCU_CONFIG_VM_JOBS:-2}

# Run "$@" in the background once fewer than SRCU_CONFIG_VM_JOBS of the
# jobs started so are still running (other background jobs of the
# caller do not count); srcu_config_vm_wait waits for all. Each job
# reports through its own files: the caller reads them, in its own
# order, after the wait.
srcu_config_vm_pids=()
srcu_config_vm_start() {
	local pid live
	while :; do
		live=()
		for pid in "${srcu_config_vm_pids[@]}"; do
			kill -0 "$pid" 2>/dev/null && live+=("$pid")
		done
		srcu_config_vm_pids=("${live[@]}")
		[ ${#live[@]} -lt "$SRCU_CONFIG_VM_JOBS" ] && break
		wait -n || true
	done
	srcu_config_vm_slot "$@" &
	srcu_config_vm_pids+=($!)
}

# Run "$@" holding one of SRCU_CONFIG_VM_SLOTS slots, lock files in the
# directory SRCU_CONFIG_VM_SLOT_DIR, when that is set: make check sets it
# so that its two lanes together run at most that many VMs. With every
# VM multi-threaded, four took longer in all than three (a guest CPU
# spins on a lock whose holder's host thread is not running); with the
# selftests VMs single-threaded, four let the packages layer's VMs, which
# mostly sleep, run two at a time beside the reliability VMs: 571 s
# against 586 and 601 s (Documentation/testing.rst, "How long it takes").
SRCU_CONFIG_VM_SLOTS=${SRCU_CONFIG_VM_SLOTS:-4}
srcu_config_vm_slot() {
	local dir=${SRCU_CONFIG_VM_SLOT_DIR:-} i fd rc
	if [ -z "$dir" ]; then
		"$@"
		return
	fi
	while :; do
		for i in $(seq "$SRCU_CONFIG_VM_SLOTS"); do
			exec {fd}>"$dir/slot-$i" || return 1
			if flock -n "$fd"; then
				"$@"
				rc=$?
				exec {fd}>&-
				return $rc
			fi
			exec {fd}>&-
		done
		sleep 1
	done
}
srcu_config_vm_wait() { wait; }

# The selftests, and the tests of a stage (--extra), of MODULE under the
# kernel IMAGE, in a VM named NAME: its console in LOG, its verdict in
# LOG.result, its KTAP and closing line in OUT (qemu-run.sh --mode tests).
srcu_config_vm_tests() {
	local name=$1 image=$2 module=$3 log=$4 out=$5 extra=${6:-}
	"$(dirname "${BASH_SOURCE[0]}")/qemu-run.sh" --mode tests --name "$name" \
		--log "$log" --kernel "$image" --module "$module" --tcg-thread single \
		${extra:+--extra "$extra"} >"$out" 2>&1
}

# End every process this script started, however deep (a VM's timeout
# and QEMU run in process groups of their own): the whole tree is
# collected before anything is signalled, so none escapes because its
# parent died first. For an EXIT trap.
srcu_config_end_descendants() {
	local pids=() queue=("$$") p c
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do
			pids+=("$c")
			queue+=("$c")
		done
	done
	[ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null
	return 0
}
