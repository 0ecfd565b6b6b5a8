/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy of the benchmark's build of the device over an rwsem
 * (guard.kbuild names this file to module/store_protection.hpp): the
 * product's store, guarded by an rwsem.
 */
#ifndef SRCU_CONFIG_BENCH_STORE_PROTECTION_RWSEM_HPP
#define SRCU_CONFIG_BENCH_STORE_PROTECTION_RWSEM_HPP

#include "bench/kernel/lock_protection.hpp"

namespace srcu_config {

using store_protection = srcu_config_bench::rwsem_protection;

} // namespace srcu_config

#endif
