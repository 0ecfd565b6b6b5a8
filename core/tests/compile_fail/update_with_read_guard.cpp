// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader replaces the pointer. Publishing takes the
 * writer lock's mutex_guard as proof; a read_guard is no such proof.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

config *swap_in(srcu_cxx::domain &d,
		srcu_cxx::protected_ptr<config> &slot, config *next)
{
	auto guard = d.read_lock();

	// expect-error: cannot convert 'srcu_cxx::read_guard' to 'const srcu_cxx::protected_ptr<config>::writer_guard_type&'
	return slot.replace(next, guard);
}
