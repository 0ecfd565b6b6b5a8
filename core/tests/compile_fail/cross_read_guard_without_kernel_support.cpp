// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: naming cross_read_guard where the kernel has no
 * srcu_down_read(). The type itself does not exist there.
 */
#include "host/backend.hpp"
#include "srcu/cross_read_guard.hpp"

struct old_kernel_backend : srcu_cxx::host_backend {
	static constexpr bool has_cross_context_readers = false;
};

// expect-error: template constraint failure for .*class srcu_cxx::cross_read_guard
using handed_over = srcu_cxx::cross_read_guard<old_kernel_backend>;
