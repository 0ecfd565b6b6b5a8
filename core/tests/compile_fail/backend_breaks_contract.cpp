// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a backend whose synchronize() may throw (it is not
 * noexcept, as the core requires of every backend operation) does not
 * satisfy the contract, and the check says which part of it.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/backend_contract.hpp"

struct retyped_backend : srcu_cxx::host_backend {
	static void synchronize(srcu_pointer srcu);
};

// expect-error: static assertion failed: readers or update side
static_assert(srcu_cxx::srcu_operations<retyped_backend>, "readers or update side");
