// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: making a read_guard without a domain's read_lock().
 * Only a domain makes one, so holding a guard proves being inside.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void forge(srcu_cxx::domain<backend> &d)
{
	// expect-error: 'srcu_cxx::read_guard<Backend>::read_guard\(srcu_pointer\) .* is private within this context
	srcu_cxx::read_guard<backend> guard(d.srcu());
}
