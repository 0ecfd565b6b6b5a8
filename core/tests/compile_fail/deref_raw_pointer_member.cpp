// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: reaching around get() for the raw pointer. It is
 * private; the only ways in ask for a guard.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

int peek(const srcu_cxx::protected_ptr<config> &slot)
{
	// expect-error: 'config\* srcu_cxx::protected_ptr<config>::pointer_' is private within this context
	return slot.pointer_->value;
}
