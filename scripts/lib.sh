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

# The unpacked linux-source-<series> (6.12 unless asked for 6.1).
srcu_config_ksrc() {
	echo "$SRCU_CONFIG_CACHE/linux-source-${1:-6.12}"
}

# Kernel source series with a debug kernel: every KUnit suite runs on each.
SRCU_CONFIG_DEBUG_SERIES="6.12 6.1"

# What a console log must never contain. Lockdep and PROVE_RCU reports
# start with WARNING: or BUG:, as KASAN's and the stall detectors' do.
SRCU_CONFIG_SPLAT_RE='BUG:|WARNING:|KASAN:|Unpatched return thunk|kernel BUG|Oops:|general protection fault|Call Trace:|INFO: task .* blocked|soft lockup|self-detected stall|rcu: INFO:|UBSAN:'
