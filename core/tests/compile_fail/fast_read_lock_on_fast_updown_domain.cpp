// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a task-bound reader (srcu_read_lock() or
 * srcu_read_lock_fast()) on a domain of the SRCU-fast-updown flavour,
 * whose readers are srcu_down_read_fast() only.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

void enter(srcu_cxx::fast_updown_domain &d)
{
	// expect-error: no matching function for call to 'srcu_cxx::fast_updown_domain::read_lock\(\)'
	auto guard = d.read_lock();
}
