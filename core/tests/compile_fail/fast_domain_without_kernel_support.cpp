// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: naming fast_domain where the kernel has no SRCU-fast
 * (6.1, 6.12). The type itself does not exist there.
 */
// compile-flags: -I@dir@/backends/old_kernel
#include "srcu_cxx/domain.hpp"

// expect-error: 'fast_domain' in namespace 'srcu_cxx' does not name a type
using fast = srcu_cxx::fast_domain;
