/* SPDX-License-Identifier: GPL-2.0 */
/*
 * read_guard: an SRCU read-side critical section as an object.
 *
 * Obtained only from domain::read_lock(). Holding one is what entitles the
 * caller to dereference a protected_ptr of the same domain, and it may be
 * held across sleeps. It is move-only (one unlock per lock), carries the
 * index srcu_read_unlock() needs, and can be released early with unlock().
 * It must be released in the task that took it; see cross_read_guard for
 * the kind that may not.
 */
#ifndef SRCU_CXX_SRCU_READ_GUARD_HPP
#define SRCU_CXX_SRCU_READ_GUARD_HPP

#include "base/utility.hpp"

namespace srcu_cxx {

template <typename Backend> class domain;

template <typename Backend>
class [[nodiscard]] read_guard {
public:
	using srcu_state = typename Backend::srcu_state;

	read_guard(const read_guard &) = delete;
	read_guard &operator=(const read_guard &) = delete;
	read_guard &operator=(read_guard &&) = delete;

	read_guard(read_guard &&other) noexcept
		: state_(exchange(other.state_, nullptr)), index_(other.index_)
	{
	}

	~read_guard() { unlock(); }

	/* Leave the critical section now rather than at end of scope. */
	void unlock() noexcept
	{
		if (state_)
			Backend::read_unlock(*exchange(state_, nullptr), index_);
	}

	[[nodiscard]] bool holds(const srcu_state &state) const noexcept
	{
		return state_ == &state;
	}

	[[nodiscard]] int index() const noexcept { return index_; }

private:
	friend class domain<Backend>;

	explicit read_guard(srcu_state &state) noexcept
		: state_(&state), index_(Backend::read_lock(state))
	{
	}

	srcu_state *state_;
	int index_;
};

} // namespace srcu_cxx

#endif
