/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fast_cross_read_guard: an SRCU-fast read-side critical section that may
 * end in another task or context (srcu_down_read_fast()/
 * srcu_up_read_fast(), on a domain of the SRCU-fast-updown flavour).
 *
 * Obtained only from a fast_updown_domain's down_read(), and the only
 * guard a protected_ptr of such a domain accepts. Like cross_read_guard
 * it is move-only, untracked by lockdep, and not for NMI context; like
 * fast_read_guard it carries the per-CPU counter it incremented, which
 * the unlock decrements on whatever CPU it then runs.
 *
 * On kernels without SRCU-fast-updown the type does not exist
 * (SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS comes from the backend,
 * which probes the kernel headers at build time).
 */
#ifndef SRCU_CXX_SRCU_FAST_CROSS_READ_GUARD_HPP
#define SRCU_CXX_SRCU_FAST_CROSS_READ_GUARD_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/read_section.hpp"

#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS

namespace srcu_cxx {

class [[nodiscard]] fast_cross_read_guard
	: public read_section<&backend::fast_down_read, &backend::fast_up_read,
			      basic_domain_ref<fast_cross_read_guard>,
			      reader_kind{.fast = true, .cross_context = true}> {
	using read_section::read_section;
};

} // namespace srcu_cxx

#endif /* SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS */

#endif
