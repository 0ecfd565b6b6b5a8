// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a protected_ptr of a fast domain dereferenced with a
 * normal domain's guard (and so, in the other direction, for
 * protected_ptr<T>, whose domain is a normal one).
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

struct config {
	int value;
};

int read(srcu_cxx::domain &d,
	 const srcu_cxx::protected_ptr<config, srcu_cxx::fast_domain_ref> &slot)
{
	auto guard = d.read_lock();
	// expect-error: no matching function for call to .*get\(srcu_cxx::read_guard&\)
	return slot.get(guard)->value;
}
