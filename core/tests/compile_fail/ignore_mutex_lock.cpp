// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile (-Werror): discarding the guard lock() returns, which
 * unlocks at once and leaves what follows unprotected.
 */
#include "host/backend.hpp"
#include "sync/mutex.hpp"

using backend = srcu_cxx::host_backend;

void update(srcu_cxx::mutex<backend> &writer)
{
	// expect-error: ignoring return value of .*mutex<Backend>::lock\(\).*declared with attribute 'nodiscard'
	writer.lock();
}
