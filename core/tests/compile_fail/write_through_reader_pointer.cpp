// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader writes to the object it reads. Readers get a
 * pointer to const: the object is shared with every other reader, and
 * only the updater, holding the writer lock, publishes a new one.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

void poke(srcu_cxx::domain &d,
	  const srcu_cxx::protected_ptr<config> &slot)
{
	auto guard = d.read_lock();

	// expect-error: assignment of member 'config::value' in read-only object
	slot.get(guard)->value = 1;
}
