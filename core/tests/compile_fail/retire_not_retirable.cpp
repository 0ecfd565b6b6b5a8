// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: retiring an object that has no embedded rcu_head. The
 * callback carries the request in the object itself, so T must derive
 * from retirable.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

void free_config(config *c) noexcept
{
	delete c;
}

void drop(srcu_cxx::domain &d, config *old)
{
	// expect-error: static assertion failed: retire\(\) needs an object derived from srcu_cxx::retirable
	d.retire<config, free_config>(old);
}
