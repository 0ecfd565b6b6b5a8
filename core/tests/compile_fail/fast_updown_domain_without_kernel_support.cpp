// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: naming fast_updown_domain where the kernel has no
 * SRCU-fast-updown (6.1, 6.12). The type itself does not exist there.
 */
// compile-flags: -I@dir@/backends/old_kernel
#include "srcu_cxx/domain.hpp"

// expect-error: 'fast_updown_domain' in namespace 'srcu_cxx' does not name a type
using fast_updown = srcu_cxx::fast_updown_domain;
