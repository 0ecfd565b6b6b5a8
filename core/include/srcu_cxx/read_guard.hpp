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
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/read_section.hpp"

namespace srcu_cxx {

class domain_ref;

class [[nodiscard]] read_guard
	: public read_section<int, &backend::read_unlock> {
public:
	using srcu_pointer = backend::srcu_pointer;

	read_guard(read_guard &&) noexcept = default;
	/* Declared, so that errors name this type rather than the base. */
	read_guard(const read_guard &) = delete;
	read_guard &operator=(const read_guard &) = delete;
	read_guard &operator=(read_guard &&) = delete;

	[[nodiscard]] int index() const noexcept { return token(); }

private:
	friend class domain_ref;

	explicit read_guard(srcu_pointer srcu) noexcept
		: read_section(srcu, backend::read_lock(srcu))
	{
	}
};

} // namespace srcu_cxx

#endif
