// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a protected_array of a fast domain read with a normal
 * domain's guard. Its slots take the guards of their flavour only.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_array.hpp"

struct bucket {
	int value;
};

int read(srcu_cxx::domain &d,
	 const srcu_cxx::protected_array<bucket, 64, srcu_cxx::fast_domain_ref> &table)
{
	auto guard = d.read_lock();
	// expect-error: no matching function for call to .*get\(int, srcu_cxx::read_guard&\)
	return table.get(0, guard)->value;
}
