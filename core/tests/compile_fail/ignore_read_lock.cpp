// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile (-Werror): discarding the guard read_lock() returns
 * leaves the critical section at once; the code after it is unprotected.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void enter(srcu_cxx::domain &d)
{
	// expect-error: ignoring return value of .*domain_ref<Guard>::read_lock\(\).*declared with attribute 'nodiscard'
	d.read_lock();
}
