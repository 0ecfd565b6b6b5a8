// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a read_guard. Two guards would unlock one
 * srcu_read_lock() twice and unbalance the domain's counts.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void twice(srcu_cxx::domain<backend> &d)
{
	auto guard = d.read_lock();
	// expect-error: use of deleted function 'srcu_cxx::read_guard<Backend>::read_guard\(const srcu_cxx::read_guard<Backend>&\)
	auto copy = guard;
}
