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
#include "srcu_cxx/base/utility.hpp"

#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS

namespace srcu_cxx {

class fast_updown_domain_ref;

class [[nodiscard]] fast_cross_read_guard {
public:
	using srcu_pointer = backend::srcu_pointer;
	using token_type = backend::fast_token;

	fast_cross_read_guard(const fast_cross_read_guard &) = delete;
	fast_cross_read_guard &operator=(const fast_cross_read_guard &) = delete;
	fast_cross_read_guard &operator=(fast_cross_read_guard &&) = delete;

	fast_cross_read_guard(fast_cross_read_guard &&other) noexcept
		: srcu_(exchange(other.srcu_, nullptr)), token_(other.token_)
	{
	}

	~fast_cross_read_guard() { unlock(); }

	/* May run in a different task or context from the one that locked. */
	void unlock() noexcept
	{
		if (srcu_)
			backend::fast_up_read(exchange(srcu_, nullptr), token_);
	}

	[[nodiscard]] bool holds(srcu_pointer srcu) const noexcept
	{
		return srcu_ && srcu_ == srcu;
	}

private:
	friend class fast_updown_domain_ref;

	explicit fast_cross_read_guard(srcu_pointer srcu) noexcept
		: srcu_(srcu), token_(backend::fast_down_read(srcu))
	{
	}

	srcu_pointer srcu_;
	token_type token_;
};

} // namespace srcu_cxx

#endif /* SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS */

#endif
