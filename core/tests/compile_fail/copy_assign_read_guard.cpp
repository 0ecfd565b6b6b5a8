// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copy-assigning a read_guard. The target's own section
 * would be leaked and the source's released twice.
 */
#include "host/backend.hpp"
#include "srcu/domain.hpp"

using backend = srcu_cxx::host_backend;

void overwrite(srcu_cxx::domain<backend> &d)
{
	auto first = d.read_lock();
	auto second = d.read_lock();

	// expect-error: use of deleted function .*read_guard<Backend>::operator=\(const srcu_cxx::read_guard<Backend>&\)
	second = first;
}
