// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copying a domain. It is pinned: two owners of one
 * srcu_struct would clean it up twice.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void clone(srcu_cxx::domain &d)
{
	// expect-error: use of deleted function 'srcu_cxx::domain::domain\(const srcu_cxx::domain&\)'
	srcu_cxx::domain copy(d);
}
