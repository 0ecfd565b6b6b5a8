/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy of the benchmark's build of the device whose store has
 * normal SRCU readers on a kernel with SRCU-fast (guard.kbuild names it
 * to module/store_protection.hpp): what the product's choice of
 * store_domain costs and gains, measured in one boot.
 */
#ifndef SRCU_CONFIG_BENCH_STORE_PROTECTION_SRCU_NORMAL_HPP
#define SRCU_CONFIG_BENCH_STORE_PROTECTION_SRCU_NORMAL_HPP

#include "module/protection.hpp"

namespace srcu_config {

using store_protection = basic_srcu_protection<srcu_cxx::domain>;

} // namespace srcu_config

#endif
