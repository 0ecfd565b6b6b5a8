// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader loads a slot of a protected_array without
 * showing a guard. As for protected_ptr, only a guard of the table's
 * domain (or the writer's mutex_guard) opens a slot.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/protected_array.hpp"

struct bucket {
	int value;
};

int peek(const srcu_cxx::protected_array<bucket, 64> &table, unsigned int hash)
{
	// expect-error: no matching function for call to .*protected_array<bucket, 64>::get\(unsigned int\)
	return table.get(hash & 63)->value;
}
