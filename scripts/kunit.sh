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
# Debian 13 chroot; kunit.py exec boots it here).
#
# Fails on a failed or missing case and on any kernel splat in the log,
# even when every case passed. Ends with
# "kunit-<series>: N passed, N failed, N skipped".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

series=${1:-6.12}
ksrc=$(srcu_config_ksrc "$series")
build_dir=$(srcu_config_debug_build "$series")
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
# kunit.py asks QEMU for KVM first. Under this nested KVM the 7.3 image
# hangs in its decompressor (QEMU warns the host lacks CPUID pni), while
# under TCG it boots and runs the suites in about a minute, as qemu-run.sh
# boots Debian's 7.3 image. So for 7.x, a qemu-system-x86_64 first in PATH
# that drops kunit.py's "-accel kvm" and "-accel hvf".
path=$PATH
case $series in
7.*)
	real_qemu=$(command -v qemu-system-x86_64) || {
		echo "kunit-$series: qemu-system-x86_64 is not installed"
		echo "kunit-$series: 0 passed, 1 failed, 0 skipped"
		exit 1
	}
	wrap=$log_dir/kunit-$series-qemu
	mkdir -p "$wrap" &&
	cat >"$wrap/qemu-system-x86_64" <<WRAP &&
#!/bin/sh
# Written by scripts/kunit.sh: QEMU under TCG only.
n=\$#
while [ "\$n" -gt 0 ]; do
	a=\$1; shift; n=\$((n - 1))
	if [ "\$a" = -accel ] && { [ "\$1" = kvm ] || [ "\$1" = hvf ]; }; then
		shift; n=\$((n - 1)); continue
	fi
	set -- "\$@" "\$a"
done
exec "$real_qemu" "\$@"
WRAP
	chmod +x "$wrap/qemu-system-x86_64" || {
		echo "kunit-$series: cannot write $wrap/qemu-system-x86_64"
		echo "kunit-$series: 0 passed, 1 failed, 0 skipped"
		exit 1
	}
	path=$wrap:$PATH
	;;
esac
(cd "$ksrc" && PATH=$path python3 tools/testing/kunit/kunit.py exec \
	--arch=x86_64 \
	--build_dir="$build_dir" \
	--qemu_args='-smp 2' \
	--timeout="$timeout" \
	--json="$json" \
	'srcu*') >>"$log" 2>&1
rc=$?

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
splats=$(grep -n -E "$SRCU_CONFIG_SPLAT_RE" "$build_dir/test.log" 2>/dev/null | head -n 20)
[ -z "$splats" ] || problems+=("kernel splat:
$splats")

for p in "${problems[@]}"; do echo "kunit-$series: FAIL: $p"; done
[ ${#problems[@]} -eq 0 ] || fail=$((fail + 1))
echo "kunit-$series: $pass passed, $fail failed, $skip skipped"
[ ${#problems[@]} -eq 0 ]
