// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader replaces a slot of a protected_array. The
 * writer lock's mutex_guard is the only proof that publishes.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_array.hpp"

struct bucket {
	int value;
};

bucket *swap_in(srcu_cxx::domain &d,
		srcu_cxx::protected_array<bucket, 64> &table, bucket *next)
{
	auto guard = d.read_lock();

	// expect-error: cannot convert 'srcu_cxx::read_guard' to 'const srcu_cxx::protected_array<bucket, 64>::writer_guard_type&'
	return table.replace(3, next, guard);
}
