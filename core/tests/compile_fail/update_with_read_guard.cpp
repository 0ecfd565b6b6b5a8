// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader replaces the pointer. Publishing takes the
 * writer lock's mutex_guard as proof; a read_guard is no such proof.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"
#include "srcu/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

config *swap_in(srcu_cxx::domain<backend> &d,
		srcu_cxx::protected_ptr<config, backend> &slot, config *next)
{
	auto guard = d.read_lock();

	// expect-error: cannot convert 'srcu_cxx::read_guard<srcu_cxx::host_backend>' to 'const srcu_cxx::protected_ptr<config, srcu_cxx::host_backend>::writer_guard_type&'
	return slot.replace(next, guard);
}
