// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a reader writes to the object it reads. Readers get a
 * pointer to const: the object is shared with every other reader, and
 * only the updater, holding the writer lock, publishes a new one.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"
#include "srcu/protected_ptr.hpp"

using backend = srcu_cxx::host_backend;

struct config {
	int value;
};

void poke(srcu_cxx::domain<backend> &d,
	  const srcu_cxx::protected_ptr<config, backend> &slot)
{
	auto guard = d.read_lock();

	// expect-error: assignment of member 'config::value' in read-only object
	slot.get(guard)->value = 1;
}
