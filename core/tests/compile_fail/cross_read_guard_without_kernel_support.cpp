// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: naming cross_read_guard where the kernel has no
 * srcu_down_read(). The type itself does not exist there.
 */
// compile-flags: -I@dir@/backends/old_kernel
#include "srcu_cxx/cross_read_guard.hpp"

// expect-error: 'cross_read_guard' in namespace 'srcu_cxx' does not name a type
using handed_over = srcu_cxx::cross_read_guard;
