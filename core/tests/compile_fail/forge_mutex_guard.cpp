// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: making a writer's proof without taking the lock. Only
 * mutex::lock() makes a mutex_guard.
 */
#include "host/backend.hpp"
#include "sync/mutex.hpp"

using backend = srcu_cxx::host_backend;

void forge(srcu_cxx::mutex<backend> &writer)
{
	// expect-error: 'srcu_cxx::mutex_guard<Backend>::mutex_guard\(srcu_cxx::mutex<Backend>\*\) .* is private within this context
	srcu_cxx::mutex_guard<backend> proof(&writer);
}
