// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a cross_read_guard. It may be moved to another
 * thread, never duplicated: srcu_up_read() once per srcu_down_read().
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void twice(srcu_cxx::domain<backend> &d)
{
	auto guard = d.down_read();
	// expect-error: use of deleted function 'srcu_cxx::cross_read_guard<Backend>::cross_read_guard\(const srcu_cxx::cross_read_guard<Backend>&\)
	auto copy = guard;
}
