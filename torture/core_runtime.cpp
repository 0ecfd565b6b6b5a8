// SPDX-License-Identifier: GPL-2.0
/*
 * The core's C++ runtime support, compiled once more as an object of
 * srcu_config_torture alone (see core_shim.c).
 */
#include "kernel/runtime.cpp"
