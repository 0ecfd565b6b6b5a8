// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a cross_read_guard. It may be moved to another
 * thread, never duplicated: srcu_up_read() once per srcu_down_read().
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void twice(srcu_cxx::domain &d)
{
	auto guard = d.down_read();
	// expect-error: use of deleted function 'srcu_cxx::cross_read_guard::cross_read_guard\(const srcu_cxx::cross_read_guard&\)
	auto copy = guard;
}
