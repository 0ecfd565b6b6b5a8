// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a deleter that may throw. It runs from the SRCU
 * callback, where nothing can catch; the template takes only noexcept
 * functions.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

struct config : srcu_cxx::retirable {
	int value;
};

void free_config(config *c)
{
	delete c;
}

void drop(srcu_cxx::domain &d, config *old)
{
	// expect-error: static assertion failed: retire<T, Deleter>\(\): Deleter is a noexcept function taking T \*
	d.retire<config, free_config>(old);
}
