// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a protected_ptr of a fast-updown domain dereferenced
 * with a fast domain's (task-bound) guard.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

struct config {
	int value;
};

int read(srcu_cxx::fast_domain &d,
	 const srcu_cxx::protected_ptr<config, srcu_cxx::fast_updown_domain_ref> &slot)
{
	auto guard = d.read_lock();
	// expect-error: no matching function for call to .*get\(srcu_cxx::fast_read_guard&\)
	return slot.get(guard)->value;
}
