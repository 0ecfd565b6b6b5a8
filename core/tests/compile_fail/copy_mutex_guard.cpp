// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a mutex_guard. The copy would unlock the
 * writer lock a second time, and outlive the hold it claims to prove.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/mutex.hpp"

using backend = srcu_cxx::host_backend;

void twice(srcu_cxx::mutex &writer)
{
	auto held = writer.lock();
	// expect-error: use of deleted function 'srcu_cxx::mutex_guard::mutex_guard\(const srcu_cxx::mutex_guard&\)
	auto copy = held;
}
