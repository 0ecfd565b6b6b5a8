// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: moving a domain. It is pinned: readers, protected_ptrs
 * and queued callbacks refer to it where it is. (Without a move
 * constructor the move falls back to the deleted copy constructor.)
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void relocate(srcu_cxx::domain<backend> &d)
{
	// expect-error: use of deleted function 'srcu_cxx::domain<srcu_cxx::host_backend>::domain\(const srcu_cxx::domain<srcu_cxx::host_backend>&\)'
	srcu_cxx::domain<backend> moved(srcu_cxx::move(d));
}
