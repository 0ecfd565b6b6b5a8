// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: naming module_fast_domain where the kernel has no
 * SRCU-fast (6.1, 6.12). The type itself does not exist there.
 */
// compile-flags: -I@dir@/backends/old_kernel
#include "srcu_cxx/module_domain.hpp"

// expect-error: 'module_fast_domain' in namespace 'srcu_cxx' does not name a type
using fast = srcu_cxx::module_fast_domain;
