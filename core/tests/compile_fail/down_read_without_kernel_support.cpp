// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: down_read() where the kernel has no srcu_down_read().
 * The member is constrained away, a compile error rather than a stub that
 * fails at run time.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

struct old_kernel_backend : srcu_cxx::host_backend {
	static constexpr bool has_cross_context_readers = false;
};

void enter(srcu_cxx::domain<old_kernel_backend> &d)
{
	// expect-error: no matching function for call to 'srcu_cxx::domain<old_kernel_backend>::down_read\(\)'
	auto guard = d.down_read();
}
