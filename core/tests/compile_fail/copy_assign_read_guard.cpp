// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: copy-assigning a read_guard. The target's own section
 * would be leaked and the source's released twice.
 */
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain.hpp"

using backend = srcu_cxx::host_backend;

void overwrite(srcu_cxx::domain &d)
{
	auto first = d.read_lock();
	auto second = d.read_lock();

	// expect-error: use of deleted function .*read_guard::operator=\(const srcu_cxx::read_guard&\)
	second = first;
}
