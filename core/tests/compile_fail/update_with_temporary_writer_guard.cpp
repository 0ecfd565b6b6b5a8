// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: the updater's view with a temporary mutex_guard, which
 * unlocks the writer lock before the pointer is used.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/mutex.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

int peek(srcu_cxx::mutex &writer,
	 const srcu_cxx::protected_ptr<config> &slot)
{
	// expect-error: use of deleted function .*::get\(const writer_guard_type&&\) const
	return slot.get(writer.lock())->value;
}
