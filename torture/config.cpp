// SPDX-License-Identifier: GPL-2.0
/*
 * One generation of the configuration (module/config.cpp), compiled once
 * more as an object of srcu_config_torture alone (see core_shim.c): the
 * torture tortures the product's own config objects.
 */
#include "module/config.cpp"
