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
#include "srcu_cxx/base/utility.hpp"

#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS

namespace srcu_cxx {

class domain_ref;

class [[nodiscard]] cross_read_guard {
public:
	using srcu_pointer = backend::srcu_pointer;

	cross_read_guard(const cross_read_guard &) = delete;
	cross_read_guard &operator=(const cross_read_guard &) = delete;
	cross_read_guard &operator=(cross_read_guard &&) = delete;

	cross_read_guard(cross_read_guard &&other) noexcept
		: srcu_(exchange(other.srcu_, nullptr)), index_(other.index_)
	{
	}

	~cross_read_guard() { unlock(); }

	/* May run in a different task or context from the one that locked. */
	void unlock() noexcept
	{
		if (srcu_)
			backend::up_read(exchange(srcu_, nullptr), index_);
	}

	[[nodiscard]] bool holds(srcu_pointer srcu) const noexcept
	{
		return srcu_ && srcu_ == srcu;
	}

private:
	friend class domain_ref;

	explicit cross_read_guard(srcu_pointer srcu) noexcept
		: srcu_(srcu), index_(backend::down_read(srcu))
	{
	}

	srcu_pointer srcu_;
	int index_;
};

} // namespace srcu_cxx

#endif /* SRCU_CXX_HAVE_CROSS_CONTEXT_READERS */

#endif
