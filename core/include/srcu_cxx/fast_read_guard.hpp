/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fast_read_guard: an SRCU-fast read-side critical section as an object
 * (srcu_read_lock_fast()/srcu_read_unlock_fast()).
 *
 * Obtained only from a fast domain's read_lock(), and the only guard a
 * protected_ptr of a fast domain accepts. Like read_guard it may be held
 * across sleeps, is move-only, can be released early with unlock(), and
 * must be released by the task that took it. What it carries is not an
 * index but the per-CPU counter the lock incremented, which the unlock
 * decrements (on whatever CPU it then runs): an opaque pointer.
 *
 * On kernels without SRCU-fast the type does not exist
 * (SRCU_CXX_HAVE_FAST_READERS comes from the backend, which probes the
 * kernel headers at build time).
 */
#ifndef SRCU_CXX_SRCU_FAST_READ_GUARD_HPP
#define SRCU_CXX_SRCU_FAST_READ_GUARD_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/read_section.hpp"

#if SRCU_CXX_HAVE_FAST_READERS

namespace srcu_cxx {

class [[nodiscard]] fast_read_guard
	: public read_section<&backend::fast_read_lock, &backend::fast_read_unlock,
			      basic_domain_ref<fast_read_guard>,
			      reader_kind{.fast = true}> {
	using read_section::read_section;
};

} // namespace srcu_cxx

#endif /* SRCU_CXX_HAVE_FAST_READERS */

#endif
