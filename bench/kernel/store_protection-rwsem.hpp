/* SPDX-License-Identifier: GPL-2.0 */
/*
 * module/store_protection.hpp in the benchmark's build of the device over
 * an rwsem (bench/Makefile): the product's store, guarded by an rwsem.
 */
#ifndef SRCU_CONFIG_STORE_PROTECTION_HPP
#define SRCU_CONFIG_STORE_PROTECTION_HPP

#include "bench/kernel/lock_protection.hpp"

namespace srcu_config {

using store_protection = srcu_config_bench::rwsem_protection;

} // namespace srcu_config

#endif
