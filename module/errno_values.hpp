/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The errno values the store returns: srcu_cxx's, and three of its own,
 * generated from the kernel's headers (kernel_constants.c).
 */
#ifndef SRCU_CONFIG_ERRNO_VALUES_HPP
#define SRCU_CONFIG_ERRNO_VALUES_HPP

#include "srcu_cxx/backend.hpp"
#include "kernel_constants.h"

namespace srcu_config::errno_values {

using namespace srcu_cxx::errno_values;

inline constexpr int too_big = SRCU_CONFIG_E2BIG;
inline constexpr int no_space = SRCU_CONFIG_ENOSPC;
inline constexpr int stale = SRCU_CONFIG_ESTALE;

} // namespace srcu_config::errno_values

#endif
