// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: assigning one domain to another, which would leak the
 * target's srcu_struct and share the source's.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void overwrite(srcu_cxx::domain<backend> &target, srcu_cxx::domain<backend> &source)
{
	// expect-error: use of deleted function .*domain<srcu_cxx::host_backend>::operator=\(const srcu_cxx::domain<srcu_cxx::host_backend>&\)
	target = source;
}
