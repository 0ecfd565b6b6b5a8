// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a protected_array with no slot, which every index
 * would miss.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_array.hpp"

struct bucket {
	int value;
};

int make(srcu_cxx::domain &d, srcu_cxx::mutex &writer)
{
	// expect-error: static assertion failed: protected_array<T, N, Domain>: N is at least 1
	srcu_cxx::protected_array<bucket, 0> table(d, writer);

	return table.size();
}
