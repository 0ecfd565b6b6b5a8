// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: the updater's view with a temporary mutex_guard, which
 * unlocks the writer lock before the pointer is used.
 */
#include "host/backend.hpp"
#include "srcu/protected_ptr.hpp"
#include "sync/mutex.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

int peek(srcu_cxx::mutex<backend> &writer,
	 const srcu_cxx::protected_ptr<config, backend> &slot)
{
	// expect-error: use of deleted function .*::get\(const writer_guard_type&&\) const
	return slot.get(writer.lock())->value;
}
