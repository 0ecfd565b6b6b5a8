// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader dereferences a protected_ptr without showing
 * a read_guard. There is no get() without one: only a guard (or the
 * writer's mutex_guard) opens the pointer.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

int peek(const srcu_cxx::protected_ptr<config> &slot)
{
	// expect-error: no matching function for call to .*protected_ptr<config>::get\(\)
	return slot.get()->value;
}
