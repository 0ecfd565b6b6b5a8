// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a protected_ptr. It is pinned: a copy would be
 * a second slot that the writer never updates.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

void clone(srcu_cxx::protected_ptr<config> &slot)
{
	// expect-error: use of deleted function 'srcu_cxx::protected_ptr<config>::protected_ptr\(const srcu_cxx::protected_ptr<config>&\)'
	srcu_cxx::protected_ptr<config> copy(slot);
	(void)copy;
}
