#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run: build the module for Debian's 6.12 kernel, boot it in QEMU and
# show a reader sleeping in its critical section while a writer swaps.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
srcu_config_load_env

make -C "$root" --no-print-directory -s module tool selftests KVER="$KVER_612" >/dev/null
echo "Booting Debian $KVER_612 under QEMU (software emulation, a few seconds)..."
"$here/qemu-run.sh" --mode demo --name run-$KVER_612 \
	--kernel "$(srcu_config_image_dir "$KVER_612")/vmlinuz" \
	--module "$root/build/srcu_config-linux-headers-$KVER_612.ko"
echo
echo "Done: module loaded, demonstrated, unloaded cleanly; no kernel warnings."
