/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mutex and mutex_guard: the kernel's sleeping mutex, and a scoped hold of
 * it. A mutex_guard is also the proof an updater shows a protected_ptr:
 * only code that holds the writer lock can name one.
 */
#ifndef SRCU_CXX_SYNC_MUTEX_HPP
#define SRCU_CXX_SYNC_MUTEX_HPP

#include "base/utility.hpp"
#include "srcu/lock_class.hpp"

namespace srcu_cxx {

template <typename Backend> class mutex_guard;

template <typename Backend>
class mutex : pinned {
public:
	using state_type = typename Backend::mutex_state;

	constexpr mutex() noexcept = default;

	~mutex()
	{
		if (initialised_)
			Backend::mutex_destroy(state_);
	}

	/* Pass `[] {}` as site: one lockdep class per call site. */
	template <typename Site>
	void init(const char *name, Site) noexcept
	{
		Backend::mutex_init(state_, name,
				    class_key<Backend, Site>::key);
		initialised_ = true;
	}

	[[nodiscard]] mutex_guard<Backend> lock() noexcept;

	/*
	 * Sleep for the lock unless a signal arrives: then the guard holds
	 * nothing and *@err is -EINTR.
	 */
	[[nodiscard]] mutex_guard<Backend> lock_interruptible(int *err) noexcept;

	[[nodiscard]] state_type &state() noexcept { return state_; }

private:
	state_type state_{};
	bool initialised_ = false;
};

template <typename Backend>
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
			Backend::mutex_unlock(lock_->state());
	}

	[[nodiscard]] bool holds(const mutex<Backend> &lock) const noexcept
	{
		return lock_ == &lock;
	}

	[[nodiscard]] explicit operator bool() const noexcept { return lock_; }

	[[nodiscard]] mutex<Backend> &lock() const noexcept { return *lock_; }

private:
	friend class mutex<Backend>;

	explicit mutex_guard(mutex<Backend> *lock) noexcept : lock_(lock) {}

	mutex<Backend> *lock_;
};

template <typename Backend>
mutex_guard<Backend> mutex<Backend>::lock() noexcept
{
	Backend::mutex_lock(state_);
	return mutex_guard<Backend>(this);
}

template <typename Backend>
mutex_guard<Backend> mutex<Backend>::lock_interruptible(int *err) noexcept
{
	*err = Backend::mutex_lock_interruptible(state_);
	return mutex_guard<Backend>(*err ? nullptr : this);
}

} // namespace srcu_cxx

#endif
