// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile (-Werror): discarding the guard lock() returns, which
 * unlocks at once and leaves what follows unprotected.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/mutex.hpp"

using backend = srcu_cxx::host_backend;

void update(srcu_cxx::mutex &writer)
{
	// expect-error: ignoring return value of .*mutex::lock\(\).*declared with attribute 'nodiscard'
	writer.lock();
}
