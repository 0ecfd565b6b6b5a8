// SPDX-License-Identifier: GPL-2.0
/*
 * The core's C shims, compiled once more as an object of
 * srcu_config_torture alone: an object linked into two modules makes
 * kbuild warn, and its KBUILD_MODNAME would name only one of them.
 */
#include "../core/kernel/shim.c"
