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

namespace srcu_cxx {

class domain_ref;

class [[nodiscard]] read_guard {
public:
	using srcu_pointer = backend::srcu_pointer;

	read_guard(const read_guard &) = delete;
	read_guard &operator=(const read_guard &) = delete;
	read_guard &operator=(read_guard &&) = delete;

	read_guard(read_guard &&other) noexcept
		: srcu_(exchange(other.srcu_, nullptr)), index_(other.index_)
	{
	}

	~read_guard() { unlock(); }

	/* Leave the critical section now rather than at end of scope. */
	void unlock() noexcept
	{
		if (srcu_)
			backend::read_unlock(exchange(srcu_, nullptr), index_);
	}

	[[nodiscard]] bool holds(srcu_pointer srcu) const noexcept
	{
		return srcu_ && srcu_ == srcu;
	}

	[[nodiscard]] int index() const noexcept { return index_; }

private:
	friend class domain_ref;

	explicit read_guard(srcu_pointer srcu) noexcept
		: srcu_(srcu), index_(backend::read_lock(srcu))
	{
	}

	srcu_pointer srcu_;
	int index_;
};

} // namespace srcu_cxx

#endif
