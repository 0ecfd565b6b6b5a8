// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a read_guard. Two guards would unlock one
 * srcu_read_lock() twice and unbalance the domain's counts.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void twice(srcu_cxx::domain &d)
{
	auto guard = d.read_lock();
	// expect-error: use of deleted function 'srcu_cxx::read_guard::read_guard\(const srcu_cxx::read_guard&\)
	auto copy = guard;
}
