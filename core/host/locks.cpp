// SPDX-License-Identifier: GPL-2.0
#include "host/locks.hpp"

#include <cerrno>

#include "host/diagnostics.hpp"
#include "host/faults.hpp"

namespace srcu_cxx::host {

const void *this_thread_tag() noexcept
{
	static thread_local const char tag = 0;

	return &tag;
}

void mutex_state::init(const char *name, const lock_class_key &key) noexcept
{
	name_ = name;
	key_ = &key;
}

void mutex_state::destroy() noexcept
{
	/* mutex_destroy() of a held mutex is what DEBUG_MUTEXES reports. */
	if (owner_.load() != nullptr)
		record_warning("mutex_destroy() of a held mutex", __FILE__, __LINE__);
}

void mutex_state::lock() noexcept
{
	lock_.lock();
	owner_.store(this_thread_tag());
}

int mutex_state::lock_interruptible() noexcept
{
	if (take_lock_interruption())
		return -EINTR;
	lock();
	return 0;
}

void mutex_state::unlock() noexcept
{
	if (!held_by_this_thread())
		record_warning("mutex_unlock() by a thread that does not hold it",
			       __FILE__, __LINE__);
	owner_.store(nullptr);
	lock_.unlock();
}

} // namespace srcu_cxx::host
