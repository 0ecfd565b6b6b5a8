#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the KUnit suites through the kernel's own kunit.py, on the debug
# kernel of scripts/debug-kernel.sh (KASAN, lockdep, PROVE_RCU, debug
# objects, kmemleak, fault injection), which has the suites built in: one
# cached kernel build serves the KUnit suites and the reliability layers.
# debug-kernel.sh rebuilds incrementally what changed; kunit.py exec then
# boots it and parses the results.
#
# With the argument 7.3 (or 6.1), the same on the kernel built from
# Debian's linux-source-7.3 (see debug-kernel.sh: 7.3's is built in a
# Debian 13 chroot; kunit.py exec boots it here). With 7.3-kcsan, on the
# KCSAN kernel: its data-race reports are scripts/kcsan.sh's to judge
# (the kernel has its own), every other splat fails here as anywhere.
#
# Fails on a failed or missing case and on any kernel splat in the log,
# even when every case passed. Ends with
# "kunit-<series>: N passed, N failed, N skipped".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

srcu_config_debug_kernel "${1:-}"
timeout=${KUNIT_TIMEOUT:-900}
log_dir=${BUILD:-$root/build}/logs
mkdir -p "$log_dir"

log=$log_dir/kunit-$series.log
json=$log_dir/kunit-$series.json
rm -f "$json"
if ! "$here/debug-kernel.sh" "$series" >/dev/null 2>"$log"; then
	cat "$log"
	echo "kunit-$series: 0 passed, 1 failed, 0 skipped"
	exit 1
fi

# --- run ------------------------------------------------------------------
# kunit.py runs QEMU through a wrapper first in PATH, which does two things:
# - kunit.py asks QEMU for KVM first. Under this nested KVM the 7.3 image
#   hangs in its decompressor (QEMU warns the host lacks CPUID pni), while
#   under TCG it boots and runs the suites in about a minute, as
#   qemu-run.sh boots Debian's 7.3 image. For 7.x it drops kunit.py's
#   "-accel kvm" and "-accel hvf".
# - Under software emulation a debug kernel now and then hangs in early
#   boot, before any of our code runs (seen on 7.3: the console stops
#   after "smp: Brought up 1 node, 2 CPUs"), and kunit.py would wait out
#   its whole timeout. The wrapper gives the boot $boot_s seconds to print
#   KUnit's "KTAP version" line, else stops QEMU saying so; kunit.sh then
#   boots once more and names the retry in $SRCU_CONFIG_RETRY_LOG (make
#   check prints it), as qemu-run.sh does for its VMs.
boot_s=${KUNIT_BOOT_TIMEOUT:-240}
hung_marker="srcu-config: KUnit did not start within"
real_qemu=$(command -v qemu-system-x86_64) || {
	echo "kunit-$series: qemu-system-x86_64 is not installed"
	echo "kunit-$series: 0 passed, 1 failed, 0 skipped"
	exit 1
}
drop_accel=
case $series in 7.*) drop_accel=1 ;; esac
wrap=$log_dir/kunit-$series-qemu
mkdir -p "$wrap" &&
cat >"$wrap/qemu-system-x86_64" <<WRAP &&
#!/bin/bash
# Written by scripts/kunit.sh: QEMU with a watchdog on the boot.
args=()
while [ \$# -gt 0 ]; do
	if [ -n "$drop_accel" ] && [ "\$1" = -accel ] &&
	   { [ "\$2" = kvm ] || [ "\$2" = hvf ]; }; then
		shift 2
		continue
	fi
	args+=("\$1")
	shift
done
console=\$(mktemp)
trap 'rm -f "\$console"' EXIT
"$real_qemu" "\${args[@]}" > >(tee "\$console") 2>&1 &
qemu=\$!
# kunit.py's own timeout stops this script: QEMU goes with it.
trap 'kill "\$qemu" 2>/dev/null' TERM INT
waited=0
while kill -0 "\$qemu" 2>/dev/null && ! grep -q 'KTAP version' "\$console"; do
	if [ "\$waited" -ge "$boot_s" ]; then
		echo "$hung_marker $boot_s s; stopping QEMU"
		kill "\$qemu"
		break
	fi
	sleep 1
	waited=\$((waited + 1))
done
wait "\$qemu"
WRAP
chmod +x "$wrap/qemu-system-x86_64" || {
	echo "kunit-$series: cannot write $wrap/qemu-system-x86_64"
	echo "kunit-$series: 0 passed, 1 failed, 0 skipped"
	exit 1
}

run_kunit() {
	(cd "$ksrc" && PATH=$wrap:$PATH python3 tools/testing/kunit/kunit.py exec \
		--arch=x86_64 \
		--build_dir="$build_dir" \
		--qemu_args="-smp 2 ${SRCU_CONFIG_QEMU_MACHINE[*]}" \
		--timeout="$timeout" \
		--json="$json" \
		'srcu*') >>"$log" 2>&1
}
run_kunit
rc=$?
if [ $rc -ne 0 ] && grep -q "^$hung_marker" "$build_dir/test.log" 2>/dev/null; then
	first=$log_dir/kunit-$series.boot-1.log
	cp "$build_dir/test.log" "$first"
	last=$(grep -v "^$hung_marker" "$first" | grep -v '^qemu-system' | tail -n1)
	echo "kunit-$series: the kernel did not reach KUnit in $boot_s s (console: $first); booting again"
	[ -z "${SRCU_CONFIG_RETRY_LOG:-}" ] ||
		echo "kunit-$series: booted twice; first boot did not reach KUnit (last console line: ${last:-none}; $first)" \
			>>"$SRCU_CONFIG_RETRY_LOG"
	rm -f "$json"
	run_kunit
	rc=$?
fi

# The parsed results, as kunit.py printed them.
sed -n '/=====/,$p' "$log" | grep -v '^\[.*\] Elapsed time' | head -n 200

problems=()
[ $rc -eq 0 ] || problems+=("kunit.py exited $rc (log: $log)")

# Count cases from the JSON kunit.py wrote: each leaf test once.
pass=0 fail=0 skip=0
if [ -s "$json" ]; then
	read -r pass fail skip < <(python3 - "$json" <<'PY'
import json, sys
counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
def walk(node):
    for sub in node.get("sub_groups", []):
        walk(sub)
    for case in node.get("test_cases", []):
        status = case.get("status")
        if status in counts:
            counts[status] += 1
        else:
            counts["FAIL"] += 1
walk(json.load(open(sys.argv[1])))
print(counts["PASS"], counts["FAIL"], counts["SKIP"])
PY
)
else
	problems+=("kunit.py wrote no results")
fi
[ $((pass + fail + skip)) -gt 0 ] || problems+=("no KUnit case ran")

# kunit.py keeps the whole console in the build directory.
console=$build_dir/test.log
case $series in
*-kcsan)
	console=$log_dir/kunit-$series.console
	awk -v mode=strip -f "$here/kcsan-reports.awk" "$build_dir/test.log" >"$console" ||
		problems+=("cannot read $build_dir/test.log")
	;;
esac
splats=$(grep -n -E "$SRCU_CONFIG_SPLAT_RE" "$console" 2>/dev/null | head -n 20)
[ -z "$splats" ] || problems+=("kernel splat:
$splats")

for p in "${problems[@]}"; do echo "kunit-$series: FAIL: $p"; done
[ ${#problems[@]} -eq 0 ] || fail=$((fail + 1))
echo "kunit-$series: $pass passed, $fail failed, $skip skipped"
[ ${#problems[@]} -eq 0 ]
