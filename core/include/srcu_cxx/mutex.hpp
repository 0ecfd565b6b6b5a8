/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mutex and mutex_guard: the kernel's sleeping mutex, and a scoped hold of
 * it. A mutex_guard is also the proof an updater shows a protected_ptr:
 * only code that holds the writer lock can name one.
 */
#ifndef SRCU_CXX_SYNC_MUTEX_HPP
#define SRCU_CXX_SYNC_MUTEX_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/lock_class.hpp"

namespace srcu_cxx {

class mutex_guard;

class mutex : pinned {
public:
	using state_type = backend::mutex_state;

	constexpr mutex() noexcept = default;

	~mutex()
	{
		if (initialised_)
			backend::mutex_destroy(state_);
	}

	/* Pass `[] {}` as site: one lockdep class per call site. */
	template <typename Site>
	void init(const char *name, Site) noexcept
	{
		backend::mutex_init(state_, name,
				    class_key<Site>::key);
		initialised_ = true;
	}

	[[nodiscard]] mutex_guard lock() noexcept;

	/*
	 * Sleep for the lock unless a signal arrives: then the guard holds
	 * nothing and *@err is -EINTR.
	 */
	[[nodiscard]] mutex_guard lock_interruptible(int *err) noexcept;

	[[nodiscard]] state_type &state() noexcept { return state_; }

private:
	state_type state_{};
	bool initialised_ = false;
};

class [[nodiscard]] mutex_guard {
public:
	mutex_guard(const mutex_guard &) = delete;
	mutex_guard &operator=(const mutex_guard &) = delete;
	mutex_guard &operator=(mutex_guard &&) = delete;

	mutex_guard(mutex_guard &&other) noexcept
		: lock_(exchange(other.lock_, nullptr))
	{
	}

	~mutex_guard()
	{
		if (lock_)
			backend::mutex_unlock(lock_->state());
	}

	[[nodiscard]] bool holds(const mutex &lock) const noexcept
	{
		return lock_ == &lock;
	}

	[[nodiscard]] explicit operator bool() const noexcept { return lock_; }

	[[nodiscard]] mutex &lock() const noexcept { return *lock_; }

private:
	friend class mutex;

	explicit mutex_guard(mutex *lock) noexcept : lock_(lock) {}

	mutex *lock_;
};

inline mutex_guard mutex::lock() noexcept
{
	backend::mutex_lock(state_);
	return mutex_guard(this);
}

inline mutex_guard mutex::lock_interruptible(int *err) noexcept
{
	*err = backend::mutex_lock_interruptible(state_);
	return mutex_guard(*err ? nullptr : this);
}

} // namespace srcu_cxx

#endif
