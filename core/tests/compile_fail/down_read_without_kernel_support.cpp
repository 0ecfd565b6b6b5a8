// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: down_read() where the kernel has no srcu_down_read().
 * The member is absent, a compile error rather than a stub that fails at
 * run time.
 */
// compile-flags: -I@dir@/backends/old_kernel
#include "srcu_cxx/domain.hpp"

void enter(srcu_cxx::domain &d)
{
	// expect-error: no matching function for call to 'srcu_cxx::domain::down_read\(\)'
	auto guard = d.down_read();
}
