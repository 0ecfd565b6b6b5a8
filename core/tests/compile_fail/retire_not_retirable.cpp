// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: retiring an object that has no embedded rcu_head. The
 * callback carries the request in the object itself, so T must derive
 * from retirable<Backend>.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

void free_config(config *c) noexcept
{
	delete c;
}

void drop(srcu_cxx::domain<backend> &d, config *old)
{
	// expect-error: static assertion failed: retire\(\) needs an object derived from retirable<Backend>
	d.retire<config, free_config>(old);
}
