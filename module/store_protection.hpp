/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The protection policy of the device's store (config_store.cpp): SRCU.
 * The one place that names it, so that a build of the device over another
 * policy replaces this file and nothing else.
 */
#ifndef SRCU_CONFIG_STORE_PROTECTION_HPP
#define SRCU_CONFIG_STORE_PROTECTION_HPP

#include "module/protection.hpp"

namespace srcu_config {

using store_protection = srcu_protection;

} // namespace srcu_config

#endif
