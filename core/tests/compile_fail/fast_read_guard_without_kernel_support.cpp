// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: naming fast_read_guard where the kernel has no
 * SRCU-fast. The type itself does not exist there.
 */
// compile-flags: -I@dir@/backends/old_kernel
#include "srcu_cxx/fast_read_guard.hpp"

// expect-error: 'fast_read_guard' in namespace 'srcu_cxx' does not name a type
using guard = srcu_cxx::fast_read_guard;
