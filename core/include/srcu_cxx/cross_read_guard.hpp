/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cross_read_guard: a read-side critical section that may end in another
 * context (srcu_down_read()/srcu_up_read(), Linux 6.3 and later).
 *
 * Start it in one task, move it into a work item, a completion handler or
 * another kthread, and release it there. Lockdep does not track it (the
 * kernel's srcu_down_read() does not either), so nothing catches a guard
 * released twice or never: it is move-only like read_guard. It may not be
 * used from NMI context. On kernels without the API the type does not
 * exist (SRCU_CXX_HAVE_CROSS_CONTEXT_READERS comes from the backend,
 * which probes the kernel headers at build time).
 */
#ifndef SRCU_CXX_SRCU_CROSS_READ_GUARD_HPP
#define SRCU_CXX_SRCU_CROSS_READ_GUARD_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/read_section.hpp"

#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS

namespace srcu_cxx {

/* An extra kind of reader of the normal flavour, entered by domain_ref. */
class domain_ref;

class [[nodiscard]] cross_read_guard
	: public read_section<&backend::down_read, &backend::up_read, domain_ref,
			      reader_kind{.cross_context = true}> {
	using read_section::read_section;
};

} // namespace srcu_cxx

#endif /* SRCU_CXX_HAVE_CROSS_CONTEXT_READERS */

#endif
