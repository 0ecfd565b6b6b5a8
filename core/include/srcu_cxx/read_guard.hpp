/* SPDX-License-Identifier: GPL-2.0 */
/*
 * read_guard: an SRCU read-side critical section as an object.
 *
 * Obtained only from a domain's read_lock(). Holding one is what entitles
 * the caller to dereference a protected_ptr of the same domain, and it may
 * be held across sleeps. It is move-only (one unlock per lock), carries
 * the index srcu_read_unlock() needs, and can be released early with
 * unlock(). It must be released by the task that took it (lockdep tracks
 * it as held by that task); cross_read_guard is the kind that need not.
 */
#ifndef SRCU_CXX_SRCU_READ_GUARD_HPP
#define SRCU_CXX_SRCU_READ_GUARD_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/read_section.hpp"

namespace srcu_cxx {

class [[nodiscard]] read_guard
	: public read_section<&backend::read_lock, &backend::read_unlock,
			      basic_domain_ref<read_guard>, reader_kind{}> {
	using read_section::read_section;

public:
	/* The index srcu_read_unlock() will be given. */
	[[nodiscard]] int index() const noexcept { return token(); }
};

} // namespace srcu_cxx

#endif
