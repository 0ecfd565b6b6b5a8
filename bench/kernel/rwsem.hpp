/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rwsem, with scoped read and write holds: the kernel's read-write
 * semaphore. The core's SRCU types do not need it; it is here so that
 * code can be written once over either kind of reader protection (the
 * configuration store's benchmark modes compare them).
 */
#ifndef SRCU_CXX_SYNC_RWSEM_HPP
#define SRCU_CXX_SYNC_RWSEM_HPP

#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/lock_class.hpp"

namespace srcu_cxx {

class rwsem;

/* Shared (Write == false) or exclusive (Write == true) hold of an rwsem. */
template <typename Backend, bool Write>
class [[nodiscard]] rwsem_guard {
public:
	rwsem_guard(const rwsem_guard &) = delete;
	rwsem_guard &operator=(const rwsem_guard &) = delete;
	rwsem_guard &operator=(rwsem_guard &&) = delete;

	rwsem_guard(rwsem_guard &&other) noexcept
		: sem_(exchange(other.sem_, nullptr))
	{
	}

	~rwsem_guard()
	{
		if (!sem_)
			return;
		if constexpr (Write)
			backend::rwsem_up_write(sem_->state());
		else
			backend::rwsem_up_read(sem_->state());
	}

	[[nodiscard]] bool holds(const rwsem &sem) const noexcept
	{
		return sem_ == &sem;
	}

	[[nodiscard]] explicit operator bool() const noexcept { return sem_; }

private:
	friend class rwsem;

	explicit rwsem_guard(rwsem *sem) noexcept : sem_(sem) {}

	rwsem *sem_;
};

class rwsem : pinned {
public:
	using state_type = backend::rwsem_state;

	constexpr rwsem() noexcept = default;

	/* Pass `[] {}` as site: one lockdep class per call site. */
	template <typename Site>
	void init(const char *name, Site) noexcept
	{
		backend::rwsem_init(state_, name, class_key<Site>::key);
	}

	[[nodiscard]] rwsem_guard<Backend, false> read() noexcept
	{
		backend::rwsem_down_read(state_);
		return rwsem_guard<Backend, false>(this);
	}

	[[nodiscard]] rwsem_guard<Backend, true> write() noexcept
	{
		backend::rwsem_down_write(state_);
		return rwsem_guard<Backend, true>(this);
	}

	/* On a fatal signal the guard holds nothing and *@err is -EINTR. */
	[[nodiscard]] rwsem_guard<Backend, true> write_killable(int *err) noexcept
	{
		*err = backend::rwsem_down_write_killable(state_);
		return rwsem_guard<Backend, true>(*err ? nullptr : this);
	}

	[[nodiscard]] state_type &state() noexcept { return state_; }

private:
	state_type state_{};
};

} // namespace srcu_cxx

#endif
