// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: moving a domain. It is pinned: readers, protected_ptrs
 * and queued callbacks refer to it where it is. (Without a move
 * constructor the move falls back to the deleted copy constructor.)
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void relocate(srcu_cxx::domain &d)
{
	// expect-error: use of deleted function 'srcu_cxx::domain::domain\(const srcu_cxx::domain&\)'
	srcu_cxx::domain moved(srcu_cxx::move(d));
}
