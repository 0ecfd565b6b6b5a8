// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a mutex_guard. The copy would unlock the
 * writer lock a second time, and outlive the hold it claims to prove.
 */
#include "host/backend.hpp"
#include "sync/mutex.hpp"

using backend = srcu_cxx::host_backend;

void twice(srcu_cxx::mutex<backend> &writer)
{
	auto held = writer.lock();
	// expect-error: use of deleted function 'srcu_cxx::mutex_guard<Backend>::mutex_guard\(const srcu_cxx::mutex_guard<Backend>&\)
	auto copy = held;
}
