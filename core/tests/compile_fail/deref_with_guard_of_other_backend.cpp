// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: the guard is of another type of domain (another
 * backend), so it cannot protect this pointer. (A guard of another domain
 * of the same type compiles; the debug check catches it at run time.)
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"
#include "srcu/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct other_backend : srcu_cxx::host_backend {};

struct config {
	int value;
};

int peek(srcu_cxx::domain<other_backend> &other,
	 const srcu_cxx::protected_ptr<config, backend> &slot)
{
	auto guard = other.read_lock();

	// expect-error: no matching function for call to .*::get\(srcu_cxx::read_guard<other_backend>&\)
	return slot.get(guard)->value;
}
