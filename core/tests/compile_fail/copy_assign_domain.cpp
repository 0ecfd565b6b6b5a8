// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: assigning one domain to another, which would leak the
 * target's srcu_struct and share the source's.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void overwrite(srcu_cxx::domain &target, srcu_cxx::domain &source)
{
	// expect-error: use of deleted function .*srcu_cxx::domain::operator=\(const srcu_cxx::domain&\)
	target = source;
}
