#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every C++ code block of Documentation/*.rst (".. code-block:: c++")
# compiles: each block is extracted into a .cpp file of its own, with a
# #line directive pointing back at the .rst, and the blocks are built as
# one kernel module against the given kernel's headers, through
# core/srcu_cxx.mk as any user's module would be, warning-free. A block
# must be a whole translation unit: it includes what it uses.
#
#   check-docs.sh KDIR
#
# Prints one KTAP line per block and ends with
# "docs: N passed, N failed, N skipped".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
kdir=${1:?usage: check-docs.sh KDIR}
build=${BUILD:-$root/build}
out=$build/doctest/$(basename "$kdir")
log=$build/logs/docs-$(basename "$kdir").log
mkdir -p "$build/logs"
rm -rf "$out"
mkdir -p "$out/doctest"
cp -a "$root/core" "$out/"

# Extract: one file per block, named after its .rst and position.
python3 - "$root" "$out/doctest" <<'PY' || { echo "docs: 0 passed, 1 failed, 0 skipped"; exit 1; }
import os, re, sys
root, dest = sys.argv[1], sys.argv[2]
blocks = []
docs = os.path.join(root, "Documentation")
for name in sorted(os.listdir(docs)):
    if not name.endswith(".rst"):
        continue
    lines = open(os.path.join(docs, name)).read().split("\n")
    i = 0
    while i < len(lines):
        if re.match(r"^\s*\.\. code-block:: (c\+\+|cpp)\s*$", lines[i]):
            i += 1
            while i < len(lines) and re.match(r"^\s+:\w+:", lines[i]):
                i += 1
            while i < len(lines) and lines[i].strip() == "":
                i += 1
            start = i
            body = []
            while i < len(lines) and (lines[i].strip() == "" or lines[i].startswith("    ")):
                body.append(lines[i])
                i += 1
            while body and body[-1].strip() == "":
                body.pop()
            indent = min(len(l) - len(l.lstrip()) for l in body if l.strip())
            stem = "%s_%d" % (name[:-4].replace("-", "_"), start + 1)
            with open(os.path.join(dest, stem + ".cpp"), "w") as f:
                f.write('#line %d "Documentation/%s"\n' % (start + 1, name))
                f.write("\n".join(l[indent:] for l in body) + "\n")
            blocks.append(stem)
        else:
            i += 1
if not blocks:
    sys.exit("no C++ code block found in Documentation/")
with open(os.path.join(dest, "blocks"), "w") as f:
    f.write("\n".join(blocks) + "\n")
PY

blocks=$(cat "$out/doctest/blocks")
cat >"$out/doctest/doctest_main.c" <<'C'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

#include "srcu_cxx/module_domain.h"

SRCU_CXX_DEFINE_MODULE_DOMAIN();
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("The C++ blocks of Documentation/, compiled");
C
{
	echo "obj-m := srcu_cxx_doctest.o"
	echo "srcu_cxx_doctest-y := doctest_main.o $(echo "$blocks" | sed 's/$/.o/' | tr '\n' ' ')"
	echo 'include $(src)/../core/srcu_cxx.mk'
} >"$out/doctest/Kbuild"

pass=0 fail=0
make -C "$kdir" M="$out/doctest" -k modules >"$log" 2>&1
rc=$?
n=0
echo "TAP version 13"
echo "1..$(echo "$blocks" | wc -l)"
for b in $blocks; do
	n=$((n + 1))
	where=$(head -n1 "$out/doctest/$b.cpp" | sed 's/#line \([0-9]*\) "\(.*\)"/\2:\1/')
	if [ -s "$out/doctest/$b.o" ] && ! grep -q "^${where%%:*}:" "$log" &&
		! grep -q "doctest/$b\.cpp" "$log"; then
		echo "ok $n $where compiles"
		pass=$((pass + 1))
	else
		echo "not ok $n $where (log: $log)"
		grep -E "^${where%%:*}:|$b\.cpp" "$log" | head -n 5 | sed 's/^/#   /'
		fail=$((fail + 1))
	fi
done
if [ $rc -ne 0 ] && [ $fail -eq 0 ]; then
	echo "not ok $((n + 1)) the module of the blocks links (log: $log)"
	tail -n 5 "$log" | sed 's/^/#   /'
	fail=$((fail + 1))
fi
echo "docs: $pass passed, $fail failed, 0 skipped"
[ $fail -eq 0 ]
