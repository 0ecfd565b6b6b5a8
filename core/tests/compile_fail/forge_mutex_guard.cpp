// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: making a writer's proof without taking the lock. Only
 * mutex::lock() makes a mutex_guard.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/mutex.hpp"

using backend = srcu_cxx::host_backend;

void forge(srcu_cxx::mutex &writer)
{
	// expect-error: 'srcu_cxx::mutex_guard::mutex_guard\(srcu_cxx::mutex\*\)' is private within this context
	srcu_cxx::mutex_guard proof(&writer);
}
