/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The writer locks of the host backend: a mutex that knows its owner (so
 * that rcu_dereference_protected()'s lockdep_is_held() check has a host
 * counterpart), and the lockdep class key, which
 * here only has to be a distinct, constant-initialised static per site.
 */
#ifndef SRCU_CXX_HOST_LOCKS_HPP
#define SRCU_CXX_HOST_LOCKS_HPP

#include <atomic>
#include <mutex>

namespace srcu_cxx::host {

/* One per initialisation site; its address is the class. */
struct lock_class_key {
	unsigned char unused = 0;
};

/* An address unique to the calling thread while it runs. */
[[nodiscard]] const void *this_thread_tag() noexcept;

class mutex_state {
public:
	void init(const char *name, const lock_class_key &key) noexcept;
	void destroy() noexcept;
	void lock() noexcept;
	/* 0, or -EINTR when a fault is armed (faults.hpp). */
	[[nodiscard]] int lock_interruptible() noexcept;
	void unlock() noexcept;

	[[nodiscard]] bool held_by_this_thread() const noexcept
	{
		return owner_.load() == this_thread_tag();
	}

	[[nodiscard]] const char *name() const noexcept { return name_; }
	[[nodiscard]] const lock_class_key *key() const noexcept { return key_; }

private:
	std::mutex lock_;
	std::atomic<const void *> owner_{nullptr};
	const char *name_ = "";
	const lock_class_key *key_ = nullptr;
};


} // namespace srcu_cxx::host

#endif
