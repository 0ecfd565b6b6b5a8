#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the KUnit suites through the kernel's own kunit.py.
#
# The tree is placed into the cached linux-source-6.12 as
# drivers/misc/srcu_config (a copy that keeps timestamps, so unchanged
# files are not rebuilt) and the kernel is built in a cache directory, so a
# second run rebuilds only what changed.
#
# Fails on a failed or missing case and on any kernel splat in the log,
# even when every case passed. Ends with "kunit: N passed, N failed, N skipped".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"

ksrc=$(srcu_config_ksrc)
build_dir=$SRCU_CONFIG_CACHE/kunit-build
timeout=${KUNIT_TIMEOUT:-900}
log_dir=${BUILD:-$root/build}/logs
mkdir -p "$log_dir" "$build_dir"

[ -x "$ksrc/tools/testing/kunit/kunit.py" ] || {
	echo "kunit: $ksrc is not a kernel source tree; run scripts/setup.sh" >&2
	exit 1
}

# --- place the tree ------------------------------------------------------
dest=$ksrc/drivers/misc/srcu_config
mkdir -p "$dest"
(cd "$root" && rsync -a --delete Kbuild Kconfig core module kunit "$dest/")
grep -qx 'obj-y += srcu_config/' "$ksrc/drivers/misc/Makefile" ||
	echo 'obj-y += srcu_config/' >>"$ksrc/drivers/misc/Makefile"
grep -qx 'source "drivers/misc/srcu_config/Kconfig"' "$ksrc/drivers/misc/Kconfig" ||
	echo 'source "drivers/misc/srcu_config/Kconfig"' >>"$ksrc/drivers/misc/Kconfig"

# --- build and run ---------------------------------------------------------
log=$log_dir/kunit.log
json=$log_dir/kunit.json
rm -f "$json"
(cd "$ksrc" && python3 tools/testing/kunit/kunit.py run \
	--arch=x86_64 \
	--kunitconfig="$dest/kunit/.kunitconfig" \
	--build_dir="$build_dir" \
	--jobs="$(nproc)" \
	--qemu_args='-smp 2' \
	--timeout="$timeout" \
	--json="$json" \
	'srcu*') >"$log" 2>&1
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

for p in "${problems[@]}"; do echo "kunit: FAIL: $p"; done
[ ${#problems[@]} -eq 0 ] || fail=$((fail + 1))
echo "kunit: $pass passed, $fail failed, $skip skipped"
[ ${#problems[@]} -eq 0 ]
