// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: the guard is a temporary, so the critical section
 * ends at the semicolon and the pointer is used after it. The rvalue
 * overload of get() is deleted for exactly this.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

int peek(srcu_cxx::domain &d,
	 const srcu_cxx::protected_ptr<config> &slot)
{
	// expect-error: use of deleted function .*::get\(const read_guard_type&&\) const
	const config *c = slot.get(d.read_lock());

	return c->value;
}
