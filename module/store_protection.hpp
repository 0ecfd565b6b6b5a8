/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The protection policy of the device's store (config_store_c.cpp): SRCU.
 * A build of the device over another policy names a header that defines
 * srcu_config::store_protection in SRCU_CONFIG_STORE_PROTECTION_HEADER
 * (the benchmark's comparison devices, bench/kernel/guard.kbuild); the
 * product's build names none. Either way the policy must be a
 * protection_policy (module/protection.hpp).
 */
#ifndef SRCU_CONFIG_STORE_PROTECTION_HPP
#define SRCU_CONFIG_STORE_PROTECTION_HPP

#ifdef SRCU_CONFIG_STORE_PROTECTION_HEADER
#include SRCU_CONFIG_STORE_PROTECTION_HEADER
#else
#include "module/protection.hpp"

namespace srcu_config {

using store_protection = srcu_protection;

} // namespace srcu_config
#endif

static_assert(srcu_config::protection_policy<srcu_config::store_protection>);

#endif
